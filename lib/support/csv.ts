import { stringify, type Options } from "csv-stringify/sync";

export type CsvValue = string | Date | null | undefined;

export interface CsvColumn<Key extends string> {
  key: Key;
  header: string;
}

/**
 * How every cell of an export is written (by csv-stringify):
 * - RFC 4180: CRLF record ends, double quotes doubled;
 * - every cell quoted, so a spreadsheet that splits on another separator (French Excel uses ";")
 *   still sees each cell whole and never a piece of one on its own;
 * - every cell (header included) that a spreadsheet would run as a formula, starting with
 *   = + - @ tab or CR (OWASP "CSV injection"), prefixed with an apostrophe, shown as text;
 * - dates as ISO 8601 in UTC.
 */
const cellOptions = {
  quoted: true,
  quoted_empty: true,
  escape_formulas: true,
  record_delimiter: "windows",
  cast: { date: (date) => date.toISOString() },
} satisfies Options;

/**
 * A CSV file, header first, from record batches that are read only as the client reads the
 * stream (one batch ahead at most), so memory stays at about one batch whatever the number of
 * records. Starts with a UTF-8 byte-order mark, so spreadsheet programs read accents. Each batch
 * becomes one chunk through csv-stringify's synchronous API (its stream API would push one chunk
 * per record: a hundred thousand reads of the web stream for as many rows).
 */
export function csvStream<Key extends string>(
  columns: readonly CsvColumn<Key>[],
  batches:
    AsyncIterable<readonly Record<Key, CsvValue>[]> | Iterable<readonly Record<Key, CsvValue>[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const keys = columns.map(({ key }) => ({ key }));
  const pending = (async function* () {
    yield* batches;
  })();
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(
            encoder.encode(
              stringify([], { ...cellOptions, bom: true, header: true, columns: [...columns] }),
            ),
          );
          return;
        }
        for (;;) {
          const next = await pending.next();
          if (next.done) return controller.close();
          if (next.value.length === 0) continue;
          return controller.enqueue(
            encoder.encode(stringify([...next.value], { ...cellOptions, columns: keys })),
          );
        }
      },
      async cancel() {
        await pending.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

/** A CSV file as a download: its stream, named `filename`, never cached, never sniffed. */
export function csvDownload(stream: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
