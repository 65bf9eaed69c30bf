import { Text } from "@react-email/components";
import { z } from "zod";
import { describeAccess } from "@/lib/virtual-accounts/describe";
import { accessViewSchema } from "@/lib/virtual-accounts/schema";
import { Fact } from "./email-layout";
import { MemberEmail, memberSubject, membershipFacts } from "./member-email";
import type { EmailTemplate } from "./types";

const accessView = accessViewSchema;

const payload = z.object({
  ...membershipFacts,
  previous: accessView,
  access: accessView,
  changedBy: z.string(),
});

/** To the member: an administrator changed their scope, or a grant on a virtual account. */
export const membershipAccessChangedEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    recipientName: "Éric Moreau",
    memberName: "Éric Moreau",
    accountName: "Acme Corporation",
    url: "http://localhost:3000/accounts",
    previous: { scope: "ACCOUNT", role: "VIEWER" },
    access: {
      scope: "VIRTUAL_ACCOUNTS",
      grants: [
        {
          virtualAccountId: "demo-va-acme-emea",
          role: "USER",
          includeSubAccounts: true,
          path: ["EMEA"],
        },
      ],
    },
    changedBy: "Vera Novak",
  },
  subject: memberSubject("accessChanged"),
  render({ t, locale, data }) {
    const lines = (view: z.infer<typeof accessView>) =>
      describeAccess(t, view).map((line) => <Text key={line}>{line}</Text>);
    return (
      <MemberEmail
        t={t}
        locale={locale}
        kind="accessChanged"
        data={data}
        facts={
          <>
            <Fact label={t("memberships.email.account")}>{data.accountName}</Fact>
            <Text>{t("memberships.email.previousAccess")}</Text>
            {lines(data.previous)}
            <Text>{t("memberships.email.access")}</Text>
            {lines(data.access)}
          </>
        }
      >
        <Text>
          {t("memberships.email.accessChanged.body", {
            account: data.accountName,
            by: data.changedBy,
          })}
        </Text>
      </MemberEmail>
    );
  },
};
