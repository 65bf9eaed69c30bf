import { Section, Text } from "@react-email/components";
import { z } from "zod";
import { MembershipRole } from "@/lib/generated/prisma/enums";
import { accessViewOfGranted, grantedScopeSchema } from "@/lib/requests/granted-scope";
import { describeAccess } from "@/lib/virtual-accounts/describe";
import { Fact, factsBoxStyle } from "./email-layout";
import { emailDate } from "./member-email";
import { decisionFacts } from "./request-facts";
import { RequesterEmail, deciderLabel, requesterSubject } from "./requester-email";
import type { EmailTemplate } from "./types";

/**
 * `endsAt`: when time-bound access ends (absent from emails queued before access could end).
 * `scope`: what was granted (absent from emails queued before virtual accounts: `role` then says
 * it); `role` is null for virtual accounts, whose roles are in `scope`.
 */
const payload = z
  .object({
    ...decisionFacts,
    role: z.enum(MembershipRole).nullish(),
    scope: grantedScopeSchema.optional(),
    endsAt: z.iso.datetime().nullish(),
  })
  .refine((data) => Boolean(data.role ?? data.scope), "role or scope");

/**
 * To the requester: access granted, with the role (or the virtual accounts and their roles), who
 * approved, and when it ends if it does.
 */
export const requestApprovedEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    requesterName: "Rachel Martin",
    accountName: "Acme Corporation",
    domain: "acme.com",
    url: "http://localhost:3000/requests",
    deciderName: "Alice Dupont",
    onBehalfOfAccount: false,
    role: null,
    scope: {
      scope: "virtualAccounts",
      role: null,
      virtualAccounts: [
        { id: "va-emea", path: ["EMEA"], role: "USER", includeSubAccounts: true },
        { id: "va-americas", path: ["Americas"], role: "VIEWER", includeSubAccounts: false },
      ],
    },
    endsAt: "2027-03-01T00:00:00.000Z",
  },
  subject: requesterSubject("approved"),
  render({ t, locale, data }) {
    const virtualAccounts = data.scope?.scope === "virtualAccounts" ? data.scope : null;
    const accountRole = data.scope?.role ?? data.role ?? "VIEWER";
    const role = t(`requests.roles.${accountRole}`);
    const decider = deciderLabel(t, data);
    return (
      <RequesterEmail t={t} locale={locale} ending="approved" data={data}>
        {virtualAccounts ? (
          <>
            <Text>
              {t("memberships.scope.email.approvedBody", { account: data.accountName, decider })}
            </Text>
            <ul>
              {describeAccess(t, accessViewOfGranted(virtualAccounts)).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : (
          <Text>
            {t("admin.email.approved.body", { account: data.accountName, role, decider })}
          </Text>
        )}
        <Section style={factsBoxStyle}>
          <Fact label={t("admin.email.account")}>
            {data.accountName} ({data.domain})
          </Fact>
          {virtualAccounts ? (
            <Fact label={t("memberships.scope.label")}>{t("memberships.scope.selected")}</Fact>
          ) : (
            <Fact label={t("admin.email.role")}>{role}</Fact>
          )}
          <Fact label={t("admin.email.decidedBy")}>{decider}</Fact>
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
