import type { ReactElement } from "react";
import type { ZodType } from "zod";

/** Translates keys of the message catalogs (emails live under each feature's `email` key). */
export type EmailTranslator = (
  key: string,
  values?: Record<string, string | number | Date>,
) => string;

export interface EmailTemplate<Payload> {
  /** Validates the outbox row's payload before rendering. */
  payload: ZodType<Payload>;
  /** Sample data for previews and rendering tests. */
  preview: Payload;
  subject(t: EmailTranslator, data: Payload): string;
  render(props: { t: EmailTranslator; locale: string; data: Payload }): ReactElement;
}
