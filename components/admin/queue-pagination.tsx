import Link from "next/link";

interface Props {
  label: string;
  first: { href: string; text: string } | null;
  previous: { href: string; text: string } | null;
  next: { href: string; text: string } | null;
}

const linkClass = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-slate-50";

/** Keyset pages have neighbours, not numbers: first, previous and next links. */
export function QueuePagination({ label, first, previous, next }: Props) {
  if (!previous && !next) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3">
      <div className="flex gap-3">
        {first ? <Link href={first.href} className={linkClass}>{first.text}</Link> : null}
        {previous ? <Link href={previous.href} className={linkClass} rel="prev">{previous.text}</Link> : null}
      </div>
      {next ? <Link href={next.href} className={linkClass} rel="next">{next.text}</Link> : null}
    </nav>
  );
}
