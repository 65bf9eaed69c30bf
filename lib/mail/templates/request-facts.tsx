import { Section } from "@react-email/components";
import { z } from "zod";
import { Fact, factsBoxStyle } from "./email-layout";
import type { EmailTranslator } from "./types";

/** What every email about an access request says about it. */
export const requestFacts = {
  requesterName: z.string(),
  accountName: z.string(),
  domain: z.string(),
  url: z.url(),
};

/** Support staff are also told whom to contact. */
export const requestFactsForSupport = { ...requestFacts, requesterEmail: z.string() };

/** A decision, as the requester is told it. */
export const decisionFacts = {
  ...requestFacts,
  deciderName: z.string(),
  onBehalfOfAccount: z.boolean(),
};

/** The requester and the account, boxed, for support staff. */
export function SupportFacts({
  t,
  data,
}: {
  t: EmailTranslator;
  data: { requesterName: string; requesterEmail: string; accountName: string; domain: string };
}) {
  return (
    <Section style={factsBoxStyle}>
      <Fact label={t("requests.email.requester")}>
        {data.requesterName} ({data.requesterEmail})
      </Fact>
      <Fact label={t("requests.email.account")}>
        {data.accountName} ({data.domain})
      </Fact>
    </Section>
  );
}
