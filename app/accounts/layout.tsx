import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

export default function AccountsLayout({ children }: { children: ReactNode }) {
  return <ClientMessages area="accounts">{children}</ClientMessages>;
}
