const tones = {
  amber: "bg-amber-100 text-amber-950 ring-amber-300",
  green: "bg-green-100 text-green-900 ring-green-300",
  red: "bg-red-100 text-red-900 ring-red-300",
  slate: "bg-slate-100 text-slate-800 ring-slate-300",
  purple: "bg-purple-100 text-purple-900 ring-purple-300",
} as const;

export type Tone = keyof typeof tones;

/** A coloured label; the text carries the meaning, the colour only helps. */
export function Badge({ tone, children }: { tone: Tone; children: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

const requestTones: Record<string, Tone> = {
  PENDING: "amber",
  APPROVED: "green",
  DENIED: "red",
  WITHDRAWN: "slate",
  EXPIRED: "slate",
};

/** An access request's status. */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <Badge tone={requestTones[status] ?? "slate"}>{label}</Badge>;
}

/** Marks a request escalated to support staff. */
export function EscalatedBadge({ label }: { label: string }) {
  return <Badge tone="purple">{label}</Badge>;
}
