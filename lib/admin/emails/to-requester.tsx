import { Button, Heading, Section, Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, buttonStyle } from "@/lib/mail/templates/email-layout";
import type { EmailTemplate, EmailTranslator } from "@/lib/mail/templates/types";
import { grantableRoles } from "../rules";

const facts = { requesterName: z.string(), accountName: z.string(), domain: z.string(), url: z.url() };
const decision = { ...facts, deciderName: z.string(), onBehalfOfAccount: z.boolean() };

const factsBox = { backgroundColor: "#f8fafc", padding: "12px 16px", borderRadius: "6px" } as const;
const muted = { fontSize: "13px", color: "#4b5563" } as const;

/** "Alice Dupont" or "Sasha Ivanova, licensing support team": who decided, as the requester reads it. */
function decider(t: EmailTranslator, data: { deciderName: string; onBehalfOfAccount: boolean }) {
  return data.onBehalfOfAccount ? t("admin.email.onBehalf", { name: data.deciderName }) : data.deciderName;
}

const approvedPayload = z.object({ ...decision, role: z.enum(grantableRoles) });

/** To the requester: access granted, with the role and who approved. */
export const requestApprovedEmail: EmailTemplate<z.infer<typeof approvedPayload>> = {
  payload: approvedPayload,
  preview: {
    requesterName: "Rachel Martin",
    accountName: "Acme Corporation",
    domain: "acme.com",
    url: "http://localhost:3000/requests",
    deciderName: "Alice Dupont",
    onBehalfOfAccount: false,
    role: "USER",
  },
  subject: (t, data) => t("admin.email.approved.subject", { account: data.accountName }),
  render({ t, locale, data }) {
    const role = t(`requests.roles.${data.role}`);
    return (
      <EmailLayout locale={locale} preview={t("admin.email.approved.subject", { account: data.accountName })} footer={t("email.footer")}>
        <Heading as="h1" style={{ fontSize: "20px" }}>{t("admin.email.approved.heading")}</Heading>
        <Text>{t("admin.email.greeting", { name: data.requesterName })}</Text>
        <Text>{t("admin.email.approved.body", { account: data.accountName, role, decider: decider(t, data) })}</Text>
        <Section style={factsBox}>
          <Text style={{ margin: "4px 0" }}>{t("admin.email.account")}: {data.accountName} ({data.domain})</Text>
          <Text style={{ margin: "4px 0" }}>{t("admin.email.role")}: {role}</Text>
          <Text style={{ margin: "4px 0" }}>{t("admin.email.decidedBy")}: {decider(t, data)}</Text>
        </Section>
        <Button href={data.url} style={buttonStyle}>{t("admin.email.approved.button")}</Button>
        <Text style={muted}>{data.url}</Text>
      </EmailLayout>
    );
  },
};

const deniedPayload = z.object({ ...decision, reason: z.string().nullable() });

/** To the requester: access denied, with the reason when the administrator gave one. */
export const requestDeniedEmail: EmailTemplate<z.infer<typeof deniedPayload>> = {
  payload: deniedPayload,
  preview: {
    requesterName: "Rachel Martin",
    accountName: "Acme Corporation",
    domain: "acme.com",
    url: "http://localhost:3000/requests/new",
    deciderName: "Alice Dupont",
    onBehalfOfAccount: false,
    reason: "Customers get access through their reseller.",
  },
  subject: (t, data) => t("admin.email.denied.subject", { account: data.accountName }),
  render({ t, locale, data }) {
    return (
      <EmailLayout locale={locale} preview={t("admin.email.denied.subject", { account: data.accountName })} footer={t("email.footer")}>
        <Heading as="h1" style={{ fontSize: "20px" }}>{t("admin.email.denied.heading")}</Heading>
        <Text>{t("admin.email.greeting", { name: data.requesterName })}</Text>
        <Text>{t("admin.email.denied.body", { account: data.accountName, decider: decider(t, data) })}</Text>
        <Section style={factsBox}>
          <Text style={{ margin: "4px 0" }}>{t("admin.email.account")}: {data.accountName} ({data.domain})</Text>
          <Text style={{ margin: "4px 0" }}>
            {t("admin.email.reason")}: {data.reason ?? t("admin.email.denied.noReason")}
          </Text>
        </Section>
        <Text>{t("admin.email.denied.next")}</Text>
        <Button href={data.url} style={buttonStyle}>{t("admin.email.denied.button")}</Button>
        <Text style={muted}>{data.url}</Text>
      </EmailLayout>
    );
  },
};

const expiredPayload = z.object({ ...facts, days: z.number().int().nonnegative() });

/** To the requester: nobody decided in time; they may ask again. */
export const requestExpiredEmail: EmailTemplate<z.infer<typeof expiredPayload>> = {
  payload: expiredPayload,
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
        <Text style={muted}>{data.url}</Text>
      </EmailLayout>
    );
  },
};
