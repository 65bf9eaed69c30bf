import { Button, Heading, Section, Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, buttonStyle } from "@/lib/mail/templates/email-layout";
import type { EmailTemplate } from "@/lib/mail/templates/types";

const requestFacts = {
  requesterName: z.string(),
  requesterEmail: z.string(),
  accountName: z.string(),
  domain: z.string(),
  url: z.url(),
};

function Facts({ t, data }: { t: (key: string) => string; data: { requesterName: string; requesterEmail: string; accountName: string; domain: string } }) {
  return (
    <Section style={{ backgroundColor: "#f8fafc", padding: "12px 16px", borderRadius: "6px" }}>
      <Text style={{ margin: "4px 0" }}>{t("requests.email.requester")}: {data.requesterName} ({data.requesterEmail})</Text>
      <Text style={{ margin: "4px 0" }}>{t("requests.email.account")}: {data.accountName} ({data.domain})</Text>
    </Section>
  );
}

const escalationPayload = z.object({ ...requestFacts, cause: z.enum(["noActiveAdmin", "pendingTooLong"]), days: z.number().int().nonnegative() });

/** To support staff: a request that needs someone to step in. */
export const requestEscalatedEmail: EmailTemplate<z.infer<typeof escalationPayload>> = {
  payload: escalationPayload,
  preview: {
    requesterName: "Éric Moreau",
    requesterEmail: "eric.moreau@example.com",
    accountName: "Initech",
    domain: "initech.com",
    url: "http://localhost:3000/support/requests/preview",
    cause: "noActiveAdmin",
    days: 0,
  },
  subject: (t, data) => t("requests.email.escalated.subject", { account: data.accountName }),
  render({ t, locale, data }) {
    return (
      <EmailLayout locale={locale} preview={t("requests.email.escalated.subject", { account: data.accountName })} footer={t("email.footer")}>
        <Heading as="h1" style={{ fontSize: "20px" }}>{t("requests.email.escalated.heading")}</Heading>
        <Text>{t(`requests.email.escalated.${data.cause}`, { account: data.accountName, days: data.days })}</Text>
        <Facts t={t} data={data} />
        <Button href={data.url} style={buttonStyle}>{t("requests.email.escalated.button")}</Button>
      </EmailLayout>
    );
  },
};

const casePayload = z.object({ ...requestFacts, message: z.string() });

/** To support staff: a requester opened a support case about a request. */
export const supportCaseOpenedEmail: EmailTemplate<z.infer<typeof casePayload>> = {
  payload: casePayload,
  preview: {
    requesterName: "Rachel Martin",
    requesterEmail: "rachel.requester@example.com",
    accountName: "Globex",
    domain: "globex.com",
    url: "http://localhost:3000/support/requests/preview",
    message: "Nobody has answered my request for a week.",
  },
  subject: (t, data) => t("requests.email.supportCase.subject", { name: data.requesterName }),
  render({ t, locale, data }) {
    return (
      <EmailLayout locale={locale} preview={t("requests.email.supportCase.subject", { name: data.requesterName })} footer={t("email.footer")}>
        <Heading as="h1" style={{ fontSize: "20px" }}>{t("requests.email.supportCase.heading")}</Heading>
        <Facts t={t} data={data} />
        <Text>{t("requests.email.supportCase.message")}: {data.message}</Text>
        <Button href={data.url} style={buttonStyle}>{t("requests.email.supportCase.button")}</Button>
      </EmailLayout>
    );
  },
};
