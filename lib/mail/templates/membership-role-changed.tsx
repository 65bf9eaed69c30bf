import { Text } from "@react-email/components";
import { z } from "zod";
import { MembershipRole } from "@/lib/generated/prisma/enums";
import { Fact } from "./email-layout";
import { MemberEmail, memberSubject, membershipFacts } from "./member-email";
import type { EmailTemplate } from "./types";

const payload = z.object({
  ...membershipFacts,
  previousRole: z.enum(MembershipRole),
  role: z.enum(MembershipRole),
  changedBy: z.string(),
});

/** To the member: an administrator changed their role. */
export const membershipRoleChangedEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    recipientName: "Rachel Martin",
    memberName: "Rachel Martin",
    accountName: "Acme Corporation",
    url: "http://localhost:3000/accounts",
    previousRole: "USER",
    role: "VIEWER",
    changedBy: "Alice Dupont",
  },
  subject: memberSubject("roleChanged"),
  render({ t, locale, data }) {
    const role = t(`requests.roles.${data.role}`);
    const previous = t(`requests.roles.${data.previousRole}`);
    return (
      <MemberEmail
        t={t}
        locale={locale}
        kind="roleChanged"
        data={data}
        facts={
          <>
            <Fact label={t("memberships.email.account")}>{data.accountName}</Fact>
            <Fact label={t("memberships.email.previousRole")}>{previous}</Fact>
            <Fact label={t("memberships.email.role")}>{role}</Fact>
          </>
        }
      >
        <Text>
          {t("memberships.email.roleChanged.body", {
            account: data.accountName,
            role,
            previous,
            by: data.changedBy,
          })}
        </Text>
      </MemberEmail>
    );
  },
};
