import { Section, Text } from "@react-email/components";
import { z } from "zod";
import { Fact, factsBoxStyle } from "./email-layout";
import { decisionFacts } from "./request-facts";
import { RequesterEmail, deciderLabel, requesterSubject } from "./requester-email";
import type { EmailTemplate } from "./types";

const payload = z.object({ ...decisionFacts, reason: z.string().nullable() });

/** To the requester: access denied, with the reason when the administrator gave one. */
export const requestDeniedEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: {
    requesterName: "Rachel Martin",
    accountName: "Acme Corporation",
    domain: "acme.com",
    url: "http://localhost:3000/requests/new",
    deciderName: "Alice Dupont",
    onBehalfOfAccount: false,
    reason: "Customers get access through their reseller.",
  },
  subject: requesterSubject("denied"),
  render({ t, locale, data }) {
    return (
      <RequesterEmail t={t} locale={locale} ending="denied" data={data}>
        <Text>
          {t("admin.email.denied.body", {
            account: data.accountName,
            decider: deciderLabel(t, data),
          })}
        </Text>
        <Section style={factsBoxStyle}>
          <Fact label={t("admin.email.account")}>
            {data.accountName} ({data.domain})
          </Fact>
          <Fact label={t("admin.email.reason")}>
            {data.reason ?? t("admin.email.denied.noReason")}
          </Fact>
        </Section>
        <Text>{t("admin.email.denied.next")}</Text>
      </RequesterEmail>
    );
  },
};
