import { Button, Heading, Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, buttonStyle, factsBoxStyle } from "./email-layout";
import type { EmailTemplate } from "./types";

const payload = z.object({
  accountName: z.string(),
  endpointUrl: z.string(),
  hours: z.number().int().positive(),
  url: z.string(),
});

/** To an account's administrators: one of its webhook endpoints failed for a day and was disabled. */
export const webhookDisabledEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    accountName: "Acme Labs",
    endpointUrl: "https://crm.example.com/hooks/portal",
    hours: 24,
    url: "http://localhost:3000/admin/webhooks/preview",
  },
  subject: (t, data) =>
    t("integrations.email.webhookDisabled.subject", { account: data.accountName }),
  render({ t, locale, data }) {
    return (
      <EmailLayout
        locale={locale}
        preview={t("integrations.email.webhookDisabled.subject", { account: data.accountName })}
        footer={t("email.footer")}
      >
        <Heading as="h1" style={{ fontSize: "20px" }}>
          {t("integrations.email.webhookDisabled.heading")}
        </Heading>
        <Text>
          {t("integrations.email.webhookDisabled.body", {
            account: data.accountName,
            hours: data.hours,
          })}
        </Text>
        <Text style={factsBoxStyle}>{data.endpointUrl}</Text>
        <Text>{t("integrations.email.webhookDisabled.next")}</Text>
        <Button href={data.url} style={buttonStyle}>
          {t("integrations.email.webhookDisabled.button")}
        </Button>
      </EmailLayout>
    );
  },
};
