import { Section, Text } from "@react-email/components";
import { z } from "zod";
import { MembershipRole } from "@/lib/generated/prisma/enums";
import { factsBoxStyle } from "./email-layout";
import { decisionFacts } from "./request-facts";
import { RequesterEmail, deciderLabel, requesterSubject } from "./requester-email";
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
  subject: requesterSubject("approved"),
  render({ t, locale, data }) {
    const role = t(`requests.roles.${data.role}`);
    return (
      <RequesterEmail t={t} locale={locale} ending="approved" data={data}>
        <Text>{t("admin.email.approved.body", { account: data.accountName, role, decider: deciderLabel(t, data) })}</Text>
        <Section style={factsBoxStyle}>
          <Text style={{ margin: "4px 0" }}>{t("admin.email.account")}: {data.accountName} ({data.domain})</Text>
          <Text style={{ margin: "4px 0" }}>{t("admin.email.role")}: {role}</Text>
          <Text style={{ margin: "4px 0" }}>{t("admin.email.decidedBy")}: {deciderLabel(t, data)}</Text>
        </Section>
      </RequesterEmail>
    );
  },
};
