import { Button, Heading, Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, buttonStyle } from "./email-layout";
import type { EmailTemplate } from "./types";

const payload = z.object({
  accountName: z.string(),
  formerAdminName: z.string(),
  formerAdminEmail: z.string(),
  url: z.url(),
});

/** To support staff: the end date of an account's last active administrator passed; nobody administers it now. */
export const accountWithoutAdminEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    accountName: "Stark Industries",
    formerAdminName: "Alice Dupont",
    formerAdminEmail: "alice.admin@example.com",
    url: "http://localhost:3000/support/users/preview",
  },
  subject: (t, data) => t("memberships.email.withoutAdmin.subject", { account: data.accountName }),
  render({ t, locale, data }) {
    return (
      <EmailLayout
        locale={locale}
        preview={t("memberships.email.withoutAdmin.subject", { account: data.accountName })}
        footer={t("email.footer")}
      >
        <Heading as="h1" style={{ fontSize: "20px" }}>
          {t("memberships.email.withoutAdmin.heading")}
        </Heading>
        <Text>
          {t("memberships.email.withoutAdmin.body", {
            account: data.accountName,
            name: data.formerAdminName,
            email: data.formerAdminEmail,
          })}
        </Text>
        <Button href={data.url} style={buttonStyle}>
          {t("memberships.email.withoutAdmin.button")}
        </Button>
      </EmailLayout>
    );
  },
};
