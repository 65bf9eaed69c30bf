import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";

export default function ProfileLayout({ children }: { children: ReactNode }) {
  return <ClientMessages area="requests">{children}</ClientMessages>;
}
