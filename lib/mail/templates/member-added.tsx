import { Button, Heading, Section, Text } from "@react-email/components";
import { z } from "zod";
import { describeAccess } from "@/lib/virtual-accounts/describe";
import { accessViewSchema } from "@/lib/virtual-accounts/schema";
import { EmailLayout, Fact, buttonStyle, factsBoxStyle, mutedStyle } from "./email-layout";
import { emailDate } from "./member-email";
import type { EmailTemplate } from "./types";

const accessView = accessViewSchema;

const payload = z.object({
  recipientName: z.string(),
  accountName: z.string(),
  addedBy: z.string(),
  access: accessView,
  endsAt: z.iso.datetime().nullable(),
  /** Changed: the person was a member already and their access changed. */
  change: z.enum(["added", "changed"]),
  /** The person has never signed in: the email invites them to (the link is the sign-in page). */
  invitation: z.boolean(),
  url: z.url(),
});

/**
 * To a person an administrator added to an account (issue 28: lib/members-import/commit.ts): who
 * added them, the access and its end; an invitation to sign in when they never have. Texts under
 * membersImport.email.
 */
export const memberAddedEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    recipientName: "Rachel Martin",
    accountName: "Acme Corporation",
    addedBy: "Alice Dupont",
    access: {
      scope: "VIRTUAL_ACCOUNTS",
      grants: [
        { virtualAccountId: "va-1", role: "USER", includeSubAccounts: true, path: ["EMEA"] },
      ],
    },
    endsAt: "2027-03-01T00:00:00.000Z",
    change: "added",
    invitation: true,
    url: "http://localhost:3000/sign-in?callbackUrl=%2Faccounts",
  },
  subject: (t, data) =>
    t(`membersImport.email.${data.invitation ? "invitation" : data.change}.subject`, {
      account: data.accountName,
      by: data.addedBy,
    }),
  render({ t, locale, data }) {
    const kind = data.invitation ? "invitation" : data.change;
    const values = { account: data.accountName, by: data.addedBy };
    return (
      <EmailLayout
        locale={locale}
        preview={t(`membersImport.email.${kind}.subject`, values)}
        footer={t("email.footer")}
      >
        <Heading as="h1" style={{ fontSize: "20px" }}>
          {t(`membersImport.email.${kind}.heading`, values)}
        </Heading>
        <Text>{t("memberships.email.greeting", { name: data.recipientName })}</Text>
        <Text>{t(`membersImport.email.${kind}.body`, values)}</Text>
        <Section style={factsBoxStyle}>
          <Fact label={t("memberships.email.account")}>{data.accountName}</Fact>
          <Fact label={t("memberships.scope.label")}>
            {describeAccess(t, data.access).join("; ")}
          </Fact>
          <Fact label={t("membersImport.email.addedBy")}>{data.addedBy}</Fact>
          <Fact label={t("memberships.email.ends")}>
            {data.endsAt ? emailDate(locale, data.endsAt) : t("memberships.email.noEnd")}
          </Fact>
        </Section>
        <Button href={data.url} style={buttonStyle}>
          {t(`membersImport.email.${kind}.button`)}
        </Button>
        <Text style={mutedStyle}>{data.url}</Text>
      </EmailLayout>
    );
  },
};
