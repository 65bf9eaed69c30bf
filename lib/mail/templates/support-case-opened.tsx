import { Button, Heading, Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, buttonStyle } from "./email-layout";
import { SupportFacts, requestFactsForSupport } from "./request-facts";
import type { EmailTemplate } from "./types";

const payload = z.object({ ...requestFactsForSupport, message: z.string() });

/** To support staff: a requester opened a support case about a request. */
export const supportCaseOpenedEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    requesterName: "Rachel Martin",
    requesterEmail: "rachel.requester@example.com",
    accountName: "Globex",
    domain: "globex.com",
    url: "http://localhost:3000/support/requests/preview",
    message: "Nobody has answered my request for a week.",
  },
  subject: (t, data) => t("requests.email.supportCase.subject", { name: data.requesterName }),
  render({ t, locale, data }) {
    return (
      <EmailLayout
        locale={locale}
        preview={t("requests.email.supportCase.subject", { name: data.requesterName })}
        footer={t("email.footer")}
      >
        <Heading as="h1" style={{ fontSize: "20px" }}>
          {t("requests.email.supportCase.heading")}
        </Heading>
        <SupportFacts t={t} data={data} />
        <Text>
          {t("requests.email.supportCase.message")}: {data.message}
        </Text>
        <Button href={data.url} style={buttonStyle}>
          {t("requests.email.supportCase.button")}
        </Button>
      </EmailLayout>
    );
  },
};
