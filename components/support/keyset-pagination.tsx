import Link from "next/link";

interface Props {
  label: string;
  newerHref: string | null;
  olderHref: string | null;
  newer: string;
  older: string;
}

/** Newer / older page links for keyset pagination (there are no page numbers to show). */
export function KeysetPagination({ label, newerHref, olderHref, newer, older }: Props) {
  if (!newerHref && !olderHref) return null;
  const linkClass = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-slate-50";
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-4">
      {newerHref ? <Link href={newerHref} className={linkClass} rel="prev">{newer}</Link> : <span />}
      {olderHref ? <Link href={olderHref} className={linkClass} rel="next">{older}</Link> : <span />}
    </nav>
  );
}
