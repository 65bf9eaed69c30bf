import { Text } from "@react-email/components";
import { z } from "zod";
import { requestFacts } from "./request-facts";
import { RequesterEmail, requesterSubject } from "./requester-email";
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
  subject: requesterSubject("expired"),
  render({ t, locale, data }) {
    return (
      <RequesterEmail t={t} locale={locale} ending="expired" data={data}>
        <Text>{t("admin.email.expired.body", { account: data.accountName, days: data.days })}</Text>
      </RequesterEmail>
    );
  },
};
