import { Text } from "@react-email/components";
import { z } from "zod";
import { Fact } from "./email-layout";
import { MemberEmail, emailDate, memberSubject, membershipFacts } from "./member-email";
import type { EmailTemplate } from "./types";

const payload = z.object({ ...membershipFacts, endsAt: z.iso.datetime() });

/** To the former member: their time-bound access reached its end date; they may ask again. */
export const membershipEndedEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    recipientName: "Dana Lee",
    memberName: "Dana Lee",
    accountName: "Globex",
    url: "http://localhost:3000/requests/new",
    endsAt: "2026-11-28T00:00:00.000Z",
  },
  subject: memberSubject("ended"),
  render({ t, locale, data }) {
    const date = emailDate(locale, data.endsAt);
    return (
      <MemberEmail
        t={t}
        locale={locale}
        kind="ended"
        data={data}
        facts={
          <>
            <Fact label={t("memberships.email.account")}>{data.accountName}</Fact>
            <Fact label={t("memberships.email.endedOn")}>{date}</Fact>
          </>
        }
      >
        <Text>{t("memberships.email.ended.body", { account: data.accountName, date })}</Text>
        <Text>{t("memberships.email.requestAgain")}</Text>
      </MemberEmail>
    );
  },
};
