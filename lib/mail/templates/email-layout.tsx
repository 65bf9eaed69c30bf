import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export interface EmailLayoutProps {
  locale: string;
  preview: string;
  footer: string;
  children: ReactNode;
}

export function EmailLayout({ locale, preview, footer, children }: EmailLayoutProps) {
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body
        style={{
          backgroundColor: "#f4f6f8",
          fontFamily: "Arial, Helvetica, sans-serif",
          color: "#1f2937",
        }}
      >
        <Container
          style={{
            backgroundColor: "#ffffff",
            margin: "24px auto",
            padding: "24px",
            maxWidth: "560px",
            borderRadius: "8px",
          }}
        >
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e5e7eb", margin: "24px 0 12px" }} />
          <Text style={{ fontSize: "12px", color: "#6b7280" }}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#0d5cab",
  color: "#ffffff",
  padding: "12px 20px",
  borderRadius: "6px",
  fontWeight: 600,
  textDecoration: "none",
  display: "inline-block",
} as const;

/** The grey box that lists a request's facts. */
export const factsBoxStyle = {
  backgroundColor: "#f8fafc",
  padding: "12px 16px",
  borderRadius: "6px",
} as const;

/** One line of the facts box (factsBoxStyle): a label and its value. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text style={{ margin: "4px 0" }}>
      {label}: {children}
    </Text>
  );
}

/** Small grey text: a link's address spelled out, a note under the button. */
export const mutedStyle = { fontSize: "13px", color: "#4b5563" } as const;
