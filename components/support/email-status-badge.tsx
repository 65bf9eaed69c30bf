import { Badge, type Tone } from "@/components/ui/status-badge";

const tones: Record<string, Tone> = {
  QUEUED: "amber",
  SENT: "green",
  FAILED: "red",
  HELD: "slate",
};

/** An email's delivery status. */
export function EmailStatusBadge({ status, label }: { status: string; label: string }) {
  return <Badge tone={tones[status] ?? "amber"}>{label}</Badge>;
}
