import { Button, Heading, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { z } from "zod";
import { EmailLayout, buttonStyle, factsBoxStyle, mutedStyle } from "./email-layout";
import type { EmailTranslator } from "./types";

/** The emails about a membership; their texts are under `memberships.email.<kind>`. */
export type MembershipEmailKind =
  | "roleChanged"
  | "accessChanged"
  | "removed"
  | "extended"
  | "endingSoon"
  | "endingSoonAdmin"
  | "ended";

/** What every email about a membership says: whose, which account, where to go next. */
export const membershipFacts = {
  recipientName: z.string(),
  memberName: z.string(),
  accountName: z.string(),
  url: z.url(),
};

/** An end date as the email writes it: the day, in the recipient's language (dates are UTC throughout the portal). */
export function emailDate(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(iso),
  );
}

export function memberSubject(kind: MembershipEmailKind) {
  return (t: EmailTranslator, data: { accountName: string; memberName: string }) =>
    t(`memberships.email.${kind}.subject`, { account: data.accountName, name: data.memberName });
}

/** Heading and greeting, the news (children), the facts, then the one thing to do next, as a button. */
export function MemberEmail(props: {
  t: EmailTranslator;
  locale: string;
  kind: MembershipEmailKind;
  data: { recipientName: string; memberName: string; accountName: string; url: string };
  facts: ReactNode;
  children: ReactNode;
}) {
  const { t, locale, kind, data } = props;
  return (
    <EmailLayout locale={locale} preview={memberSubject(kind)(t, data)} footer={t("email.footer")}>
      <Heading as="h1" style={{ fontSize: "20px" }}>
        {t(`memberships.email.${kind}.heading`)}
      </Heading>
      <Text>{t("memberships.email.greeting", { name: data.recipientName })}</Text>
      {props.children}
      <Section style={factsBoxStyle}>{props.facts}</Section>
      <Button href={data.url} style={buttonStyle}>
        {t(`memberships.email.${kind}.button`)}
      </Button>
      <Text style={mutedStyle}>{data.url}</Text>
    </EmailLayout>
  );
}
