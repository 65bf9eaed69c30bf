import { Button, Heading, Link, Text } from "@react-email/components";
import { z } from "zod";
import type { EmailTemplate } from "./types";
import { EmailLayout, buttonStyle, mutedStyle } from "./email-layout";

/** `minutes`: how long the link lives (SIGN_IN_LINK_MINUTES when it was sent). */
const payload = z.object({ url: z.url(), minutes: z.number().int().positive() });

export const signInEmail: EmailTemplate<z.infer<typeof payload>> = {
  payload,
  preview: { url: "http://localhost:3000/api/auth/callback/email?token=preview", minutes: 15 },
  subject: (t) => t("email.signIn.subject"),
  render({ t, locale, data }) {
    return (
      <EmailLayout locale={locale} preview={t("email.signIn.preview")} footer={t("email.footer")}>
        <Heading as="h1" style={{ fontSize: "20px" }}>
          {t("email.signIn.heading")}
        </Heading>
        <Text>{t("email.signIn.body", { minutes: data.minutes })}</Text>
        <Button href={data.url} style={buttonStyle}>
          {t("email.signIn.button")}
        </Button>
        <Text style={mutedStyle}>
          {t("email.signIn.fallback")} <Link href={data.url}>{data.url}</Link>
        </Text>
        <Text style={mutedStyle}>{t("email.signIn.ignore")}</Text>
      </EmailLayout>
    );
  },
};
