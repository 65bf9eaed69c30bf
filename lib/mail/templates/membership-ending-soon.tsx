import { Text } from "@react-email/components";
import { z } from "zod";
import { MembershipRole } from "@/lib/generated/prisma/enums";
import { Fact } from "./email-layout";
import { MemberEmail, emailDate, memberSubject, membershipFacts } from "./member-email";
import type { EmailTemplate } from "./types";

/**
 * `audience`: the member themselves (who may ask an administrator to extend it), or one of the
 * account's administrators (who may extend it from the Members page).
 */
const payload = z.object({
  ...membershipFacts,
  role: z.enum(MembershipRole),
  endsAt: z.iso.datetime(),
  audience: z.enum(["member", "admin"]),
});

/** Sent once, some days before a time-bound access ends (MEMBERSHIP_END_WARNING_DAYS). */
export const membershipEndingSoonEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    recipientName: "Éric Moreau",
    memberName: "Éric Moreau",
    accountName: "Acme Europe",
    url: "http://localhost:3000/accounts",
    role: "VIEWER",
    endsAt: "2026-12-05T00:00:00.000Z",
    audience: "member",
  },
  subject: (t, data) =>
    memberSubject(data.audience === "member" ? "endingSoon" : "endingSoonAdmin")(t, data),
  render({ t, locale, data }) {
    const kind = data.audience === "member" ? "endingSoon" : "endingSoonAdmin";
    const date = emailDate(locale, data.endsAt);
    return (
      <MemberEmail
        t={t}
        locale={locale}
        kind={kind}
        data={data}
        facts={
          <>
            <Fact label={t("memberships.email.member")}>{data.memberName}</Fact>
            <Fact label={t("memberships.email.account")}>{data.accountName}</Fact>
            <Fact label={t("memberships.email.role")}>{t(`requests.roles.${data.role}`)}</Fact>
            <Fact label={t("memberships.email.ends")}>{date}</Fact>
          </>
        }
      >
        <Text>
          {t(`memberships.email.${kind}.body`, {
            account: data.accountName,
            name: data.memberName,
            date,
          })}
        </Text>
      </MemberEmail>
    );
  },
};
