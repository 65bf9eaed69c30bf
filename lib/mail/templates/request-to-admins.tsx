import { Button, Heading, Section, Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, Fact, buttonStyle, factsBoxStyle, mutedStyle } from "./email-layout";
import type { EmailTemplate } from "./types";

const payload = z.object({
  requesterName: z.string(),
  requesterEmail: z.string(),
  company: z.string(),
  accountName: z.string(),
  domain: z.string(),
  reason: z.string(),
  url: z.url(),
  /** A reminder sent by the requester, rather than the first notice. */
  reminder: z.boolean(),
});

/** To every active administrator of the account: a new request, or the requester's reminder. */
export const requestToAdminsEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    requesterName: "Rachel Martin",
    requesterEmail: "rachel.requester@example.com",
    company: "Northwind Traders",
    accountName: "Acme Corporation",
    domain: "acme.com",
    reason: "I manage Northwind's Acme licences.",
    url: "http://localhost:3000/admin/requests/preview",
    reminder: false,
  },
  subject: (t, data) =>
    t(
      data.reminder ? "requests.email.toAdmins.subjectReminder" : "requests.email.toAdmins.subject",
      {
        name: data.requesterName,
        account: data.accountName,
      },
    ),
  render({ t, locale, data }) {
    const values = { name: data.requesterName, account: data.accountName };
    return (
      <EmailLayout
        locale={locale}
        preview={t("requests.email.toAdmins.preview", values)}
        footer={t("email.footer")}
      >
        <Heading as="h1" style={{ fontSize: "20px" }}>
          {t(
            data.reminder
              ? "requests.email.toAdmins.headingReminder"
              : "requests.email.toAdmins.heading",
            values,
          )}
        </Heading>
        <Text>{t("requests.email.toAdmins.body", values)}</Text>
        <Section style={factsBoxStyle}>
          <Fact label={t("requests.email.requester")}>
            {data.requesterName} ({data.requesterEmail})
          </Fact>
          <Fact label={t("requests.email.company")}>{data.company}</Fact>
          <Fact label={t("requests.email.account")}>
            {data.accountName} ({data.domain})
          </Fact>
          <Fact label={t("requests.email.reason")}>{data.reason}</Fact>
        </Section>
        <Text>{t("requests.email.toAdmins.action")}</Text>
        <Button href={data.url} style={buttonStyle}>
          {t("requests.email.toAdmins.button")}
        </Button>
        <Text style={mutedStyle}>{data.url}</Text>
      </EmailLayout>
    );
  },
};
