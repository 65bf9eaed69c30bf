import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

export default function WebhooksLayout({ children }: { children: ReactNode }) {
  return <ClientMessages area="integrations">{children}</ClientMessages>;
}
