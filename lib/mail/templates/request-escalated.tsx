import { Button, Heading, Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, buttonStyle } from "./email-layout";
import { SupportFacts, requestFactsForSupport } from "./request-facts";
import type { EmailTemplate } from "./types";

const payload = z.object({
  ...requestFactsForSupport,
  cause: z.enum(["noActiveAdmin", "pendingTooLong"]),
  days: z.number().int().nonnegative(),
});

/** To support staff: a request that needs someone to step in. */
export const requestEscalatedEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    requesterName: "Éric Moreau",
    requesterEmail: "eric.moreau@example.com",
    accountName: "Initech",
    domain: "initech.com",
    url: "http://localhost:3000/support/requests/preview",
    cause: "noActiveAdmin",
    days: 0,
  },
  subject: (t, data) => t("requests.email.escalated.subject", { account: data.accountName }),
  render({ t, locale, data }) {
    return (
      <EmailLayout
        locale={locale}
        preview={t("requests.email.escalated.subject", { account: data.accountName })}
        footer={t("email.footer")}
      >
        <Heading as="h1" style={{ fontSize: "20px" }}>
          {t("requests.email.escalated.heading")}
        </Heading>
        <Text>
          {t(`requests.email.escalated.${data.cause}`, {
            account: data.accountName,
            days: data.days,
          })}
        </Text>
        <SupportFacts t={t} data={data} />
        <Button href={data.url} style={buttonStyle}>
          {t("requests.email.escalated.button")}
        </Button>
      </EmailLayout>
    );
  },
};
