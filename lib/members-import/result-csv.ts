import { stringify } from "csv-stringify/sync";
import { createTranslator } from "next-intl";
import type { AppLocale } from "@/lib/i18n/config";
import { catalogs } from "@/lib/i18n/messages";
import { describeAccess } from "@/lib/virtual-accounts/describe";
import type { ImportResultLine } from "./commit";

const COLUMNS = [
  "line",
  "email",
  "outcome",
  "reason",
  "access",
  "accessEnds",
  "pendingRequest",
  "invited",
] as const;

/**
 * The result of an import as a CSV file, one line per line of the import, in the reader's
 * language: written as the support export writes its files (csv-stringify: every cell quoted, a
 * cell a spreadsheet would run as a formula prefixed with an apostrophe, CRLF, a byte-order mark).
 * `outcome` keeps its code (added, changed, unchanged, refused) for a script to read.
 */
export function importResultCsv(lines: ImportResultLine[], locale: AppLocale): string {
  const t = createTranslator({ locale, messages: catalogs[locale] }) as unknown as (
    key: string,
    values?: Record<string, string>,
  ) => string;
  const yesNo = (value: boolean) =>
    t(value ? "membersImport.result.yes" : "membersImport.result.no");
  return stringify(
    lines.map(({ line, address, outcome, reason, detail }) => [
      String(line),
      address,
      outcome,
      reason ? t(`membersImport.reasons.${reason}`) : "",
      detail.access ? describeAccess(t, detail.access).join("; ") : "",
      detail.endsAt ? detail.endsAt.slice(0, 10) : "",
      outcome === "refused" ? "" : yesNo(detail.pendingRequestId !== null),
      outcome === "refused" || outcome === "unchanged" ? "" : yesNo(detail.invitation),
    ]),
    {
      bom: true,
      header: true,
      columns: COLUMNS.map((key) => ({ key, header: t(`membersImport.result.columns.${key}`) })),
      quoted: true,
      quoted_empty: true,
      escape_formulas: true,
      record_delimiter: "windows",
    },
  );
}
