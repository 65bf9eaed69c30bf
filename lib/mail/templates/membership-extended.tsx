import { Text } from "@react-email/components";
import { z } from "zod";
import { Fact } from "./email-layout";
import { MemberEmail, emailDate, memberSubject, membershipFacts } from "./member-email";
import type { EmailTemplate } from "./types";

/** `endsAt` null: the access no longer ends. */
const payload = z.object({
  ...membershipFacts,
  endsAt: z.iso.datetime().nullable(),
  previousEndsAt: z.iso.datetime(),
  extendedBy: z.string(),
});

/** To the member: an administrator moved the end of their access later, or removed it. */
export const membershipExtendedEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    recipientName: "Éric Moreau",
    memberName: "Éric Moreau",
    accountName: "Acme Europe",
    url: "http://localhost:3000/accounts",
    endsAt: "2027-03-01T00:00:00.000Z",
    previousEndsAt: "2026-12-05T00:00:00.000Z",
    extendedBy: "Alice Dupont",
  },
  subject: memberSubject("extended"),
  render({ t, locale, data }) {
    const until = data.endsAt ? emailDate(locale, data.endsAt) : t("memberships.email.noEnd");
    return (
      <MemberEmail
        t={t}
        locale={locale}
        kind="extended"
        data={data}
        facts={
          <>
            <Fact label={t("memberships.email.account")}>{data.accountName}</Fact>
            <Fact label={t("memberships.email.previousEnd")}>
              {emailDate(locale, data.previousEndsAt)}
            </Fact>
            <Fact label={t("memberships.email.ends")}>{until}</Fact>
          </>
        }
      >
        <Text>
          {data.endsAt
            ? t("memberships.email.extended.body", {
                account: data.accountName,
                by: data.extendedBy,
                date: until,
              })
            : t("memberships.email.extended.bodyPermanent", {
                account: data.accountName,
                by: data.extendedBy,
              })}
        </Text>
      </MemberEmail>
    );
  },
};
