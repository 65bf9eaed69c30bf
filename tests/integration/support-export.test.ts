import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  EXPORT_BATCH_SIZE,
  EXPORT_COLUMNS,
  exportRequestsCsv,
  type ExportColumn,
} from "@/lib/support/export-requests";
import { parseRequestSearch, type RequestSearch } from "@/lib/support/search-params";
import { spreadsheetCells } from "./support-csv-reader";
import { createAccount, createRequest, createUser, unique } from "../factories";
import { parseCsv } from "./support-csv-reader";

const header = Object.fromEntries(
  EXPORT_COLUMNS.map((column) => [column, `H:${column}`]),
) as Record<ExportColumn, string>;

function filters(params: Record<string, string>): RequestSearch {
  const parsed = parseRequestSearch(params);
  if (!parsed.ok) throw new Error("invalid filters");
  return parsed.filters;
}

/** The whole file as text, keeping the byte-order mark (a default TextDecoder drops it). */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(
    await new Response(stream).arrayBuffer(),
  );
}

const column = (name: ExportColumn) => EXPORT_COLUMNS.indexOf(name);

/** A full garbage collection, so heapUsed measures live memory (Node's documented --expose-gc, set at run time). */
function gc(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

describe("CSV export of a support search", () => {
  it("has a header row, one record per request newest first, ISO dates, and quotes what needs quoting", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const requester = await createUser({
      email: `csv.${unique()}@example.com`,
      firstName: "Zoé",
      lastName: 'O"Brien, Jr.',
    });
    const account = await createAccount({ name: "Acme, Inc." });
    const older = await createRequest({
      requesterId: requester.id,
      accountId: account.id,
      status: "DENIED",
      createdAt: new Date("2026-01-05T08:09:10.123Z"),
      reason: 'Line one, with a comma\nLine two with "quotes"\r\nLine three',
    });
    const newer = await createRequest({
      requesterId: requester.id,
      accountId: account.id,
      createdAt: new Date("2026-02-01T00:00:00.000Z"),
      escalatedAt: new Date("2026-02-08T00:00:00.000Z"),
    });

    const text = await readAll(
      await exportRequestsCsv(
        support,
        filters({ email: requester.email, emailMatch: "exact" }),
        header,
      ),
    );
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(EXPORT_COLUMNS.map((name) => `H:${name}`));
    expect(rows.slice(1).map((row) => row[column("id")])).toEqual([newer.id, older.id]);
    const [first, second] = rows.slice(1) as [string[], string[]];
    expect(second[column("reason")]).toBe(
      'Line one, with a comma\nLine two with "quotes"\r\nLine three',
    );
    expect(second[column("createdAt")]).toBe("2026-01-05T08:09:10.123Z");
    expect(second[column("status")]).toBe("DENIED");
    expect(second[column("escalatedAt")]).toBe("");
    expect(first[column("escalatedAt")]).toBe("2026-02-08T00:00:00.000Z");
    expect(first[column("accountName")]).toBe("Acme, Inc.");
    expect(first[column("requesterFirstName")]).toBe("Zoé");
    expect(first[column("requesterLastName")]).toBe('O"Brien, Jr.');
    expect(first[column("requesterEmail")]).toBe(requester.email);
  });

  it("neutralises formulas in every text a requester or an account controls", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const requester = await createUser({
      email: `formula.${unique()}@example.com`,
      firstName: "=cmd|' /C calc'!A0",
      lastName: "+SUM(1,2)",
      company: "@evil",
    });
    const account = await createAccount({ name: "-2+3" });
    await createRequest({
      requesterId: requester.id,
      accountId: account.id,
      reason: '=HYPERLINK("http://evil.example","click")',
    });

    const text = await readAll(
      await exportRequestsCsv(
        support,
        filters({ email: requester.email, emailMatch: "exact" }),
        header,
      ),
    );
    const [, row] = parseCsv(text.slice(1)) as [string[], string[]];
    expect(row[column("reason")]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row[column("requesterFirstName")]).toBe("'=cmd|' /C calc'!A0");
    expect(row[column("requesterLastName")]).toBe("'+SUM(1,2)");
    expect(row[column("requesterCompany")]).toBe("'@evil");
    expect(row[column("accountName")]).toBe("'-2+3");
    // No cell of the file starts with a formula character.
    expect(
      parseCsv(text.slice(1))
        .flat()
        .filter((cell) => /^[=+\-@\t\r]/.test(cell)),
    ).toEqual([]);
  });

  it("quotes every cell, so a spreadsheet splitting on semicolons (French Excel) is never handed a formula", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const requester = await createUser({
      email: `semicolon.${unique()}@example.com`,
      firstName: "Ana;=1+1",
      company: "Acme;@SUM(A1:A9)",
    });
    const account = await createAccount({ name: "Globex;+2+3" });
    await createRequest({
      requesterId: requester.id,
      accountId: account.id,
      reason: 'Renewal;=HYPERLINK("http://evil.example","click")',
    });

    const text = (
      await readAll(
        await exportRequestsCsv(
          support,
          filters({ email: requester.email, emailMatch: "exact" }),
          header,
        ),
      )
    ).slice(1);
    expect(spreadsheetCells(text, ";").filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    for (const record of text.split("\r\n").slice(0, -1))
      expect(record).toMatch(/^"([^"]|"")*"(,"([^"]|"")*")*$/);
    const [, row] = parseCsv(text) as [string[], string[]];
    expect(row[column("requesterFirstName")]).toBe("Ana;=1+1");
    expect(row[column("reason")]).toBe('Renewal;=HYPERLINK("http://evil.example","click")');
  });

  it("exports only what the search matches, and records who exported what", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const requester = await createUser({ email: `only.${unique()}@example.com` });
    const account = await createAccount();
    const pending = await createRequest({
      requesterId: requester.id,
      accountId: account.id,
      status: "PENDING",
    });
    await createRequest({ requesterId: requester.id, accountId: account.id, status: "APPROVED" });
    const search = filters({ email: requester.email, emailMatch: "exact", status: "PENDING" });
    const rows = parseCsv(
      (await readAll(await exportRequestsCsv(support, search, header))).slice(1),
    );
    expect(rows.slice(1).map((row) => row[column("id")])).toEqual([pending.id]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "support.requestsExported", actorId: support.id },
    });
    expect(audit.after).toEqual({
      filters: { email: requester.email, emailMatch: "exact", status: "PENDING" },
    });
  });

  it("streams 100,000 rows in batches, reading the database only as the client reads", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const requester = await createUser({ email: `bulk.${unique()}@example.com` });
    const account = await createAccount();
    const total = 100_000;
    await db.$executeRaw`
      INSERT INTO "AccessRequest" ("id", "requesterId", "accountId", "domain", "reason", "status", "createdAt", "expiresAt", "updatedAt")
      SELECT 'bulk-' || lpad(g::text, 6, '0'), ${requester.id}, ${account.id}, 'bulk.example',
             'Reason ' || g || ', with "quotes"', 'DENIED', timestamp '2025-01-01' + g * interval '1 second', now(), now()
        FROM generate_series(1, ${total}::int) g`;
    // As autovacuum would after such a load: the planner then knows the table is big.
    await db.$executeRawUnsafe(`ANALYZE "AccessRequest"`);

    const started = performance.now();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const reader = (
      await exportRequestsCsv(
        support,
        filters({ email: requester.email, emailMatch: "exact" }),
        header,
      )
    ).getReader();
    const decoder = new TextDecoder();
    let records = 0;
    let chunks = 0;
    let largestChunk = 0;
    let bytes = 0;
    let sawMarker = false;
    let firstChunkAt = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      if (chunks === 1) firstChunkAt = performance.now() - started;
      const text = decoder.decode(value);
      const inChunk = parseCsv(text).length;
      records += inChunk;
      largestChunk = Math.max(largestChunk, inChunk);
      if (text.includes("changed after the export started")) sawMarker = true;
      if (chunks === 3) {
        // The oldest row is in the very last batch: changed now, after two batches reached the
        // client, it is exported changed only if rows are read as the client goes.
        await db.accessRequest.update({
          where: { id: "bulk-000001" },
          data: { reason: "changed after the export started" },
        });
      }
      bytes += value.byteLength;
      if (chunks % 10 === 0) {
        gc();
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    expect(records).toBe(total + 1);
    expect(largestChunk).toBeLessThanOrEqual(EXPORT_BATCH_SIZE);
    expect(chunks).toBeGreaterThanOrEqual(total / EXPORT_BATCH_SIZE);
    expect(sawMarker).toBe(true);
    // Live memory (measured after a garbage collection) stays at about one batch: far below the
    // file's size, let alone 100,000 rows as objects.
    expect(heapPeak - heapBefore).toBeLessThan(Math.min(16 * 2 ** 20, bytes / 2));
    console.info(
      `export of ${total} rows: ${seconds.toFixed(1)} s, first chunk after ${firstChunkAt.toFixed(0)} ms, ${chunks} chunks, ` +
        `${(bytes / 2 ** 20).toFixed(1)} MB of CSV, live heap ${(heapBefore / 2 ** 20).toFixed(1)} MB → peak ${(heapPeak / 2 ** 20).toFixed(1)} MB`,
    );
  }, 120_000); // 100k rows inserted, exported and parsed: minutes on a loaded 2-core machine, seconds on an idle one
});
