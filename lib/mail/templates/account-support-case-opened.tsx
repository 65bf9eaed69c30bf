import { Button, Heading, Section, Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, Fact, buttonStyle, factsBoxStyle } from "./email-layout";
import type { EmailTemplate } from "./types";

const payload = z.object({
  openerName: z.string(),
  openerEmail: z.string(),
  accountName: z.string(),
  message: z.string(),
  url: z.url(),
});

/** To support staff: a member asks about their account (typically: appoint another administrator). */
export const accountSupportCaseOpenedEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    openerName: "Alice Dupont",
    openerEmail: "alice.admin@example.com",
    accountName: "Stark Industries",
    message: "I am leaving the company: please appoint another administrator for Stark Industries.",
    url: "http://localhost:3000/support/cases/preview",
  },
  subject: (t, data) =>
    t("memberships.email.accountCase.subject", {
      account: data.accountName,
      name: data.openerName,
    }),
  render({ t, locale, data }) {
    return (
      <EmailLayout
        locale={locale}
        preview={t("memberships.email.accountCase.subject", {
          account: data.accountName,
          name: data.openerName,
        })}
        footer={t("email.footer")}
      >
        <Heading as="h1" style={{ fontSize: "20px" }}>
          {t("memberships.email.accountCase.heading")}
        </Heading>
        <Section style={factsBoxStyle}>
          <Fact label={t("memberships.email.openedBy")}>
            {data.openerName} ({data.openerEmail})
          </Fact>
          <Fact label={t("memberships.email.account")}>{data.accountName}</Fact>
        </Section>
        <Text>
          {t("memberships.email.message")}: {data.message}
        </Text>
        <Button href={data.url} style={buttonStyle}>
          {t("memberships.email.accountCase.button")}
        </Button>
      </EmailLayout>
    );
  },
};
