import { Button, Heading, Section, Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, buttonStyle, factsBoxStyle, mutedStyle } from "./email-layout";
import { decisionFacts, deciderLabel } from "./request-facts";
import type { EmailTemplate } from "./types";

const payload = z.object({ ...decisionFacts, reason: z.string().nullable() });

/** To the requester: access denied, with the reason when the administrator gave one. */
export const requestDeniedEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    requesterName: "Rachel Martin",
    accountName: "Acme Corporation",
    domain: "acme.com",
    url: "http://localhost:3000/requests/new",
    deciderName: "Alice Dupont",
    onBehalfOfAccount: false,
    reason: "Customers get access through their reseller.",
  },
  subject: (t, data) => t("admin.email.denied.subject", { account: data.accountName }),
  render({ t, locale, data }) {
    return (
      <EmailLayout locale={locale} preview={t("admin.email.denied.subject", { account: data.accountName })} footer={t("email.footer")}>
        <Heading as="h1" style={{ fontSize: "20px" }}>{t("admin.email.denied.heading")}</Heading>
        <Text>{t("admin.email.greeting", { name: data.requesterName })}</Text>
        <Text>{t("admin.email.denied.body", { account: data.accountName, decider: deciderLabel(t, data) })}</Text>
        <Section style={factsBoxStyle}>
          <Text style={{ margin: "4px 0" }}>{t("admin.email.account")}: {data.accountName} ({data.domain})</Text>
          <Text style={{ margin: "4px 0" }}>
            {t("admin.email.reason")}: {data.reason ?? t("admin.email.denied.noReason")}
          </Text>
        </Section>
        <Text>{t("admin.email.denied.next")}</Text>
        <Button href={data.url} style={buttonStyle}>{t("admin.email.denied.button")}</Button>
        <Text style={mutedStyle}>{data.url}</Text>
      </EmailLayout>
    );
  },
};
