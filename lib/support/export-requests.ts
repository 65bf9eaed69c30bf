import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { prefixRequesterIds, readRequestPage } from "@/lib/db/sql/support-search";
import { positionOf, type KeysetPosition } from "@/lib/pagination/keyset";
import { assertSupportStaff } from "./access";
import { csvStream } from "./csv";
import type { RequestSearch } from "./search-params";
import type { RequestSearchRow } from "./search-requests";

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
 * data), then returns the CSV as a stream, newest first like the search page. Rows are read in
 * keyset batches only as the client consumes the stream, so memory stays at about one batch
 * whatever the number of rows.
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
    after: {
      filters: Object.fromEntries(
        Object.entries(filters).filter(([, value]) => value !== undefined),
      ),
    },
  });
  const requesterIds = await prefixRequesterIds(filters);
  async function* batches(): AsyncGenerator<RequestSearchRow[]> {
    let cursor: KeysetPosition | null = null;
    for (;;) {
      const batch: RequestSearchRow[] = await readRequestPage(
        filters,
        cursor ? { after: cursor } : null,
        batchSize,
        requesterIds,
      );
      yield batch;
      if (batch.length < batchSize) return;
      cursor = positionOf(batch.at(-1)!);
    }
  }
  return csvStream(
    EXPORT_COLUMNS.map((key) => ({ key, header: header[key] })),
    batches(),
  );
}
