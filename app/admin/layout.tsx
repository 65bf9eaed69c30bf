import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

export default function AdminLayout({ children }: { children: ReactNode }) {
  return <ClientMessages area="admin">{children}</ClientMessages>;
}
