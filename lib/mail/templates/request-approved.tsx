import { Button, Heading, Section, Text } from "@react-email/components";
import { z } from "zod";
import { MembershipRole } from "@/lib/generated/prisma/enums";
import { EmailLayout, buttonStyle, factsBoxStyle, mutedStyle } from "./email-layout";
import { decisionFacts, deciderLabel } from "./request-facts";
import type { EmailTemplate } from "./types";

const payload = z.object({ ...decisionFacts, role: z.enum(MembershipRole) });

/** To the requester: access granted, with the role and who approved. */
export const requestApprovedEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    requesterName: "Rachel Martin",
    accountName: "Acme Corporation",
    domain: "acme.com",
    url: "http://localhost:3000/requests",
    deciderName: "Alice Dupont",
    onBehalfOfAccount: false,
    role: "USER",
  },
  subject: (t, data) => t("admin.email.approved.subject", { account: data.accountName }),
  render({ t, locale, data }) {
    const role = t(`requests.roles.${data.role}`);
    return (
      <EmailLayout locale={locale} preview={t("admin.email.approved.subject", { account: data.accountName })} footer={t("email.footer")}>
        <Heading as="h1" style={{ fontSize: "20px" }}>{t("admin.email.approved.heading")}</Heading>
        <Text>{t("admin.email.greeting", { name: data.requesterName })}</Text>
        <Text>{t("admin.email.approved.body", { account: data.accountName, role, decider: deciderLabel(t, data) })}</Text>
        <Section style={factsBoxStyle}>
          <Text style={{ margin: "4px 0" }}>{t("admin.email.account")}: {data.accountName} ({data.domain})</Text>
          <Text style={{ margin: "4px 0" }}>{t("admin.email.role")}: {role}</Text>
          <Text style={{ margin: "4px 0" }}>{t("admin.email.decidedBy")}: {deciderLabel(t, data)}</Text>
        </Section>
        <Button href={data.url} style={buttonStyle}>{t("admin.email.approved.button")}</Button>
        <Text style={mutedStyle}>{data.url}</Text>
      </EmailLayout>
    );
  },
};
