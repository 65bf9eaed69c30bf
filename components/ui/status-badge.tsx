const tones: Record<string, string> = {
  PENDING: "bg-amber-100 text-amber-950 ring-amber-300",
  APPROVED: "bg-green-100 text-green-900 ring-green-300",
  DENIED: "bg-red-100 text-red-900 ring-red-300",
  WITHDRAWN: "bg-slate-100 text-slate-800 ring-slate-300",
  EXPIRED: "bg-slate-100 text-slate-800 ring-slate-300",
};

/** An access request's status as a coloured label (the text carries the meaning, not the colour). */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[status] ?? tones.WITHDRAWN}`}>
      {label}
    </span>
  );
}

/** Marks a request escalated to support staff. */
export function EscalatedBadge({ label }: { label: string }) {
  return (
    <span className="inline-flex items-center rounded-full bg-purple-100 px-2.5 py-0.5 text-xs font-semibold text-purple-900 ring-1 ring-inset ring-purple-300">
      {label}
    </span>
  );
}
