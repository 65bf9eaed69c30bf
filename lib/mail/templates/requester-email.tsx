import { Button, Heading, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { EmailLayout, buttonStyle, mutedStyle } from "./email-layout";
import type { EmailTranslator } from "./types";

/** The requester's emails about how their request ended; their texts are under `admin.email.<ending>`. */
type Ending = "approved" | "denied" | "expired";

export function requesterSubject(ending: Ending) {
  return (t: EmailTranslator, data: { accountName: string }) =>
    t(`admin.email.${ending}.subject`, { account: data.accountName });
}

/** "Alice Dupont" or "Sasha Ivanova, licensing support team": who decided, as the requester reads it. */
export function deciderLabel(
  t: EmailTranslator,
  data: { deciderName: string; onBehalfOfAccount: boolean },
) {
  return data.onBehalfOfAccount
    ? t("admin.email.onBehalf", { name: data.deciderName })
    : data.deciderName;
}

/** Heading and greeting, then the news (children), then the one thing to do next, as a button. */
export function RequesterEmail(props: {
  t: EmailTranslator;
  locale: string;
  ending: Ending;
  data: { requesterName: string; accountName: string; url: string };
  children: ReactNode;
}) {
  const { t, locale, ending, data } = props;
  return (
    <EmailLayout
      locale={locale}
      preview={requesterSubject(ending)(t, data)}
      footer={t("email.footer")}
    >
      <Heading as="h1" style={{ fontSize: "20px" }}>
        {t(`admin.email.${ending}.heading`)}
      </Heading>
      <Text>{t("admin.email.greeting", { name: data.requesterName })}</Text>
      {props.children}
      <Button href={data.url} style={buttonStyle}>
        {t(`admin.email.${ending}.button`)}
      </Button>
      <Text style={mutedStyle}>{data.url}</Text>
    </EmailLayout>
  );
}
