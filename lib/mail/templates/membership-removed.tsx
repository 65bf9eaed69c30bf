import { Text } from "@react-email/components";
import { z } from "zod";
import { Fact } from "./email-layout";
import { MemberEmail, memberSubject, membershipFacts } from "./member-email";
import type { EmailTemplate } from "./types";

const payload = z.object({
  ...membershipFacts,
  removedBy: z.string(),
  reason: z.string().nullable(),
});

/** To the former member: an administrator removed their access, with the reason if one was given. */
export const membershipRemovedEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    recipientName: "Rachel Martin",
    memberName: "Rachel Martin",
    accountName: "Acme Corporation",
    url: "http://localhost:3000/requests/new",
    removedBy: "Alice Dupont",
    reason: "The project with Northwind has ended.",
  },
  subject: memberSubject("removed"),
  render({ t, locale, data }) {
    return (
      <MemberEmail
        t={t}
        locale={locale}
        kind="removed"
        data={data}
        facts={
          <>
            <Fact label={t("memberships.email.account")}>{data.accountName}</Fact>
            <Fact label={t("memberships.email.reason")}>
              {data.reason ?? t("memberships.email.noReason")}
            </Fact>
          </>
        }
      >
        <Text>
          {t("memberships.email.removed.body", { account: data.accountName, by: data.removedBy })}
        </Text>
        <Text>{t("memberships.email.requestAgain")}</Text>
      </MemberEmail>
    );
  },
};
