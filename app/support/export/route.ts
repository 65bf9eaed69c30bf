import { NextResponse, type NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { signInPath } from "@/lib/auth/page-guard";
import { checkSupportStaff } from "@/lib/support/access";
import { EXPORT_COLUMNS, exportRequestsCsv } from "@/lib/support/export-requests";
import { csvDownload } from "@/lib/support/csv";
import { parseRequestSearch } from "@/lib/support/search-params";

export const dynamic = "force-dynamic";

/** The current search as CSV, streamed (GET /support/export?<the search's query string>). */
export async function GET(request: NextRequest) {
  const check = await checkSupportStaff();
  if (check.status === "signedOut") {
    const back = `${request.nextUrl.pathname}${request.nextUrl.search}`;
    return NextResponse.redirect(new URL(signInPath(back), request.url));
  }
  // Same answer as for a page that does not exist: the console is not advertised.
  if (check.status === "forbidden") return new NextResponse(null, { status: 404 });

  const parsed = parseRequestSearch(Object.fromEntries(request.nextUrl.searchParams));
  const t = await getTranslations("support.export");
  if (!parsed.ok) {
    return new NextResponse(t("invalid"), {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const header = Object.fromEntries(
    EXPORT_COLUMNS.map((column) => [column, t(`columns.${column}`)]),
  ) as Record<(typeof EXPORT_COLUMNS)[number], string>;
  const stream = await exportRequestsCsv(check.user, parsed.filters, header);
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return csvDownload(stream, `access-requests-${stamp}.csv`);
}
