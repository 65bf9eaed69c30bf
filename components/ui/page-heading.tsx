import type { ReactNode } from "react";

export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-6">
      {/* A title may hold a long unbroken word (a webhook URL): wrapped anywhere rather than
          widening the page past a phone's screen. */}
      <h1 className="text-2xl font-semibold text-slate-900 [overflow-wrap:anywhere]">{title}</h1>
      {children ? <div className="mt-2 text-slate-700">{children}</div> : null}
    </div>
  );
}
