import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";
import { SupportNav } from "@/components/support/support-nav";
import { checkSupportStaff } from "@/lib/support/access";
import { countOpenSupportCases } from "@/lib/support/support-cases";

/**
 * The console's navigation, for support staff only. Every page checks the role itself as well
 * (a layout is not re-run on every navigation, and route handlers have none).
 */
export default async function SupportLayout({ children }: { children: ReactNode }) {
  const check = await checkSupportStaff();
  return (
    <ClientMessages area="support">
      {check.status === "ok" ? (
        <SupportNav openCases={await countOpenSupportCases(check.user)} />
      ) : null}
      {children}
    </ClientMessages>
  );
}
