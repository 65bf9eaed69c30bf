import { Button, Heading, Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, buttonStyle, mutedStyle } from "./email-layout";
import { requestFacts } from "./request-facts";
import type { EmailTemplate } from "./types";

const payload = z.object({ ...requestFacts, days: z.number().int().nonnegative() });

/** To the requester: nobody decided in time; they may ask again. */
export const requestExpiredEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    requesterName: "Rachel Martin",
    accountName: "Acme Labs",
    domain: "acme.com",
    url: "http://localhost:3000/requests/new",
    days: 30,
  },
  subject: (t, data) => t("admin.email.expired.subject", { account: data.accountName }),
  render({ t, locale, data }) {
    return (
      <EmailLayout locale={locale} preview={t("admin.email.expired.subject", { account: data.accountName })} footer={t("email.footer")}>
        <Heading as="h1" style={{ fontSize: "20px" }}>{t("admin.email.expired.heading")}</Heading>
        <Text>{t("admin.email.greeting", { name: data.requesterName })}</Text>
        <Text>{t("admin.email.expired.body", { account: data.accountName, days: data.days })}</Text>
        <Button href={data.url} style={buttonStyle}>{t("admin.email.expired.button")}</Button>
        <Text style={mutedStyle}>{data.url}</Text>
      </EmailLayout>
    );
  },
};
