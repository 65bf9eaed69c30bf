import Link from "next/link";

export interface PageLink {
  href: string;
  text: string;
}

interface Props {
  /** The navigation's accessible name ("Queue pages"). */
  label: string;
  previous: PageLink | null;
  next: PageLink | null;
  /** Back to the top of a keyset list, which has neighbours but no page numbers to jump to. */
  first?: PageLink | null;
  /** Where the reader is, between the links ("Page 2 of 5"). */
  position?: string;
}

const linkClass =
  "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-slate-50";

/** Links to the neighbouring pages of a list; nothing when it has none. */
export function Pagination({ label, previous, next, first, position }: Props) {
  if (!previous && !next) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3">
      <div className="flex gap-3">
        {first ? (
          <Link href={first.href} className={linkClass}>
            {first.text}
          </Link>
        ) : null}
        {previous ? (
          <Link href={previous.href} className={linkClass} rel="prev">
            {previous.text}
          </Link>
        ) : null}
      </div>
      {position ? <span className="text-sm text-slate-700">{position}</span> : null}
      {next ? (
        <Link href={next.href} className={linkClass} rel="next">
          {next.text}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** The neighbours of page `page` of a numbered list of `pageCount` pages: none when it has one page. */
export function numberedPageLinks(
  page: number,
  pageCount: number,
  href: (page: number) => string,
  text: { previous: string; next: string },
): Pick<Props, "previous" | "next"> {
  if (pageCount <= 1) return { previous: null, next: null };
  return {
    previous: page > 1 ? { href: href(page - 1), text: text.previous } : null,
    next: page < pageCount ? { href: href(page + 1), text: text.next } : null,
  };
}
