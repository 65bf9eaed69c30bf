const tones: Record<string, string> = {
  QUEUED: "bg-amber-100 text-amber-950 ring-amber-300",
  SENT: "bg-green-100 text-green-900 ring-green-300",
  FAILED: "bg-red-100 text-red-900 ring-red-300",
};

/** An email's delivery status; the text carries the meaning, the colour only helps. */
export function EmailStatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[status] ?? tones.QUEUED}`}>
      {label}
    </span>
  );
}
