/** What the page shows while the aggregates are read: a status, and boxes where the charts go. */
export function InsightsLoading({ label }: { label: string }) {
  return (
    <div className="space-y-6">
      <p role="status" className="text-slate-700">
        {label}
      </p>
      <div aria-hidden="true" className="space-y-6">
        {[0, 1].map((box) => (
          <div
            key={box}
            className="h-96 animate-pulse rounded-lg border border-slate-200 bg-white shadow-sm motion-reduce:animate-none"
          />
        ))}
      </div>
    </div>
  );
}
