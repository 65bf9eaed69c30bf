import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { clientNamespaces, pickMessages, type ClientArea } from "@/lib/i18n/client-messages";

/** Gives the client components below it the messages of one part of the portal, and no others. */
export async function ClientMessages({
  area,
  children,
}: {
  area: ClientArea;
  children: ReactNode;
}) {
  const messages = pickMessages(await getMessages(), clientNamespaces[area]);
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
