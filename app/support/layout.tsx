import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";
import { SupportNav } from "@/components/support/support-nav";
import { checkSupportStaff } from "@/lib/support/access";
import { countOpenSupportCases } from "@/lib/support/support-cases";

/**
 * The console's navigation, shown to support staff only. It guards nothing: each page calls
 * requireSupportStaffPage itself (a layout is not rendered again between its pages, and does not
 * stop them from rendering), the export route checks checkSupportStaff, and every read
 * assertSupportStaff.
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
