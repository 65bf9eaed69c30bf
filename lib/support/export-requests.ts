import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { assertSupportStaff } from "./access";
import { csvRow, UTF8_BOM, type CsvValue } from "./csv";
import type { Cursor, RequestSearch } from "./search-params";
import { prefixRequesterIds, requestPageSql, type RequestSearchRow } from "./search-requests";

export const EXPORT_BATCH_SIZE = 1000;

/** The export's columns, in order; the header row's words come from the catalog (support.export.columns). */
export const EXPORT_COLUMNS = [
  "id",
  "createdAt",
  "status",
  "escalatedAt",
  "decidedAt",
  "expiresAt",
  "requesterEmail",
  "requesterFirstName",
  "requesterLastName",
  "requesterCompany",
  "accountName",
  "accountId",
  "domain",
  "grantedRole",
  "reason",
] as const satisfies readonly (keyof RequestSearchRow)[];

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/**
 * For support staff only. Records that `actor` exported the search (a bulk view of requesters'
 * data), then returns the CSV as a stream. Rows are read in keyset batches only as the client consumes the stream, so memory
 * stays at one batch whatever the number of rows; newest first, like the search page.
 */
export async function exportRequestsCsv(
  actor: Pick<Actor, "id">,
  filters: RequestSearch,
  header: Record<ExportColumn, string>,
  batchSize = EXPORT_BATCH_SIZE,
): Promise<ReadableStream<Uint8Array>> {
  await assertSupportStaff(actor);
  await recordAudit(db, {
    actorId: actor.id,
    action: "support.requestsExported",
    subjectType: "User",
    subjectId: actor.id,
    after: { filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) },
  });
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  let started = false;
  const requesterIds = await prefixRequesterIds(filters);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(UTF8_BOM + csvRow(EXPORT_COLUMNS.map((column) => header[column]))));
          return;
        }
        const rows = await db.$queryRaw<RequestSearchRow[]>(requestPageSql(filters, cursor ? { after: cursor } : null, batchSize, requesterIds));
        if (rows.length > 0) {
          controller.enqueue(encoder.encode(rows.map((row) => csvRow(EXPORT_COLUMNS.map((column): CsvValue => row[column]))).join("")));
          const last = rows.at(-1)!;
          cursor = { createdAt: last.createdAt, id: last.id };
        }
        if (rows.length < batchSize) controller.close();
      },
    },
    // Read one batch ahead of the client at most.
    { highWaterMark: 1 },
  );
}
