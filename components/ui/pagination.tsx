import Link from "next/link";

interface Props {
  label: string;
  page: number;
  pageCount: number;
  href: (page: number) => string;
  previous: string;
  next: string;
  pageOf: string;
}

/** Previous / next page links with "page X of Y"; nothing when there is one page. */
export function Pagination({ label, page, pageCount, href, previous, next, pageOf }: Props) {
  if (pageCount <= 1) return null;
  const linkClass = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-slate-50";
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-4">
      {page > 1 ? <Link href={href(page - 1)} className={linkClass} rel="prev">{previous}</Link> : <span />}
      <span className="text-sm text-slate-700">{pageOf}</span>
      {page < pageCount ? <Link href={href(page + 1)} className={linkClass} rel="next">{next}</Link> : <span />}
    </nav>
  );
}
