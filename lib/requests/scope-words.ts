import { getTranslations } from "next-intl/server";
import { describeAccess } from "@/lib/virtual-accounts/describe";
import type { AccessView } from "@/lib/virtual-accounts/grants";

/**
 * describeAccess with the page's language, for server components: "Smart Account User", or one
 * line per virtual account ("Engineering: Virtual Account User").
 */
export async function accessDescriber(): Promise<(access: AccessView) => string[]> {
  const t = await getTranslations();
  // describeAccess builds its keys at run time (memberships.scope.*): next-intl's typed keys cannot follow.
  const translate = (key: string, values?: Record<string, string>) =>
    t(key as never, values as never);
  return (access) => describeAccess(translate, access);
}
