import { Section, Text } from "@react-email/components";
import { z } from "zod";
import { MembershipRole } from "@/lib/generated/prisma/enums";
import { Fact, factsBoxStyle } from "./email-layout";
import { emailDate } from "./member-email";
import { decisionFacts } from "./request-facts";
import { RequesterEmail, deciderLabel, requesterSubject } from "./requester-email";
import type { EmailTemplate } from "./types";

/** `endsAt`: when time-bound access ends (absent from emails queued before access could end). */
const payload = z.object({
  ...decisionFacts,
  role: z.enum(MembershipRole),
  endsAt: z.iso.datetime().nullish(),
});

/** To the requester: access granted, with the role, who approved, and when it ends if it does. */
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
    endsAt: "2027-03-01T00:00:00.000Z",
  },
  subject: requesterSubject("approved"),
  render({ t, locale, data }) {
    const role = t(`requests.roles.${data.role}`);
    return (
      <RequesterEmail t={t} locale={locale} ending="approved" data={data}>
        <Text>
          {t("admin.email.approved.body", {
            account: data.accountName,
            role,
            decider: deciderLabel(t, data),
          })}
        </Text>
        <Section style={factsBoxStyle}>
          <Fact label={t("admin.email.account")}>
            {data.accountName} ({data.domain})
          </Fact>
          <Fact label={t("admin.email.role")}>{role}</Fact>
          <Fact label={t("admin.email.decidedBy")}>{deciderLabel(t, data)}</Fact>
          {data.endsAt ? (
            <Fact label={t("memberships.email.ends")}>{emailDate(locale, data.endsAt)}</Fact>
          ) : null}
        </Section>
        {data.endsAt ? (
          <Text>
            {t("memberships.email.approvedUntil", { date: emailDate(locale, data.endsAt) })}
          </Text>
        ) : null}
      </RequesterEmail>
    );
  },
};
