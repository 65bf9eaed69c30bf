import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decodeCursor, encodeCursor, type PageDirection } from "@/lib/pagination/keyset";
import { parseRequestSearch, type RequestSearch } from "@/lib/support/search-params";
import { searchRequests } from "@/lib/support/search-requests";
import { createAccount, createRequest, createUser, unique } from "../factories";

const day = (iso: string) => new Date(`${iso}Z`);

function filters(params: Record<string, string>): RequestSearch {
  const parsed = parseRequestSearch(params);
  if (!parsed.ok) throw new Error(`invalid filters ${JSON.stringify(parsed.fieldErrors)}`);
  return parsed.filters;
}

let tag: string;
let ids: Record<string, string>;
let support: { id: string };

// One small world: ids of the requests each filter should find are named.
beforeAll(async () => {
  tag = unique();
  support = await createUser({ platformRole: "SUPPORT" });
  const dana = await createUser({ email: `dana.${tag}@contoso.example`, firstName: "Dana" });
  const danaLike = await createUser({ email: `dana.${tag}x@contoso.example` });
  const percent = await createUser({ email: `pct%${tag}@contoso.example` });
  const eric = await createUser({ email: `eric.${tag}@fabrikam.example` });
  const acmeCorp = await createAccount({
    name: `Acme Corporation ${tag}`,
    domains: [`acme-${tag}.com`, `acme-${tag}.example`],
  });
  const acmeLabs = await createAccount({ name: `ACME Labs ${tag}`, domains: [`acme-${tag}.com`] });
  const globex = await createAccount({ name: `Globex ${tag}`, domains: [`globex-${tag}.com`] });
  const r = async (name: string, data: Parameters<typeof createRequest>[0]) =>
    [name, (await createRequest(data)).id] as const;
  ids = Object.fromEntries(
    await Promise.all([
      r("danaAcmeCorp", {
        requesterId: dana.id,
        accountId: acmeCorp.id,
        status: "PENDING",
        createdAt: day("2026-03-01T10:00:00"),
        escalatedAt: day("2026-03-09T00:00:00"),
      }),
      r("danaGlobex", {
        requesterId: dana.id,
        accountId: globex.id,
        status: "APPROVED",
        createdAt: day("2026-02-15T23:59:59.999"),
      }),
      r("danaLikeLabs", {
        requesterId: danaLike.id,
        accountId: acmeLabs.id,
        status: "DENIED",
        createdAt: day("2026-02-16T00:00:00"),
      }),
      r("percentGlobex", {
        requesterId: percent.id,
        accountId: globex.id,
        status: "PENDING",
        createdAt: day("2026-01-10T08:00:00"),
      }),
      r("ericLabs", {
        requesterId: eric.id,
        accountId: acmeLabs.id,
        status: "PENDING",
        createdAt: day("2026-01-31T12:00:00"),
        escalatedAt: day("2026-02-07T00:00:00"),
      }),
      r("ericAcmeCorp", {
        requesterId: eric.id,
        accountId: acmeCorp.id,
        status: "WITHDRAWN",
        createdAt: day("2025-12-31T23:00:00"),
      }),
    ]),
  );
});

async function found(params: Record<string, string>): Promise<string[]> {
  const page = await searchRequests(support, filters(params), null, 100);
  const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  // Other test files' rows never match: every filter here includes this file's tag somewhere.
  return page.rows.map((row) => names[row.id]).filter((name): name is string => Boolean(name));
}

describe("support search filters", () => {
  it("finds a requester's requests by exact email, newest first, and not another address sharing the prefix", async () => {
    expect(await found({ email: `dana.${tag}@contoso.example`, emailMatch: "exact" })).toEqual([
      "danaAcmeCorp",
      "danaGlobex",
    ]);
  });

  it("finds by email prefix, case-insensitively as typed", async () => {
    expect(await found({ email: `DANA.${tag}` })).toEqual([
      "danaAcmeCorp",
      "danaLikeLabs",
      "danaGlobex",
    ]);
  });

  it("matches % and _ in an email literally, not as wildcards", async () => {
    expect(await found({ email: `pct%${tag}` })).toEqual(["percentGlobex"]);
    expect(await found({ email: `pct_${tag}` })).toEqual([]);
    expect(await found({ email: `%${tag}` })).toEqual([]);
  });

  it("finds a request by its id", async () => {
    expect(await found({ requestId: ids.ericLabs! })).toEqual(["ericLabs"]);
  });

  it("finds requests of every account with an Account Domain Identifier, normalising what was typed", async () => {
    expect(await found({ domain: ` HTTPS://ACME-${tag}.com/login ` })).toEqual([
      "danaAcmeCorp",
      "danaLikeLabs",
      "ericLabs",
      "ericAcmeCorp",
    ]);
    expect(await found({ domain: `acme-${tag}.example` })).toEqual([
      "danaAcmeCorp",
      "ericAcmeCorp",
    ]);
  });

  it("finds by any part of the account name, whatever the case", async () => {
    expect(await found({ account: `labs ${tag}` })).toEqual(["danaLikeLabs", "ericLabs"]);
    expect(await found({ account: `acme`, domain: `acme-${tag}.com` })).toEqual([
      "danaAcmeCorp",
      "danaLikeLabs",
      "ericLabs",
      "ericAcmeCorp",
    ]);
  });

  it("filters by status and by escalation", async () => {
    expect(await found({ domain: `acme-${tag}.com`, status: "PENDING" })).toEqual([
      "danaAcmeCorp",
      "ericLabs",
    ]);
    expect(await found({ domain: `acme-${tag}.com`, escalated: "yes" })).toEqual([
      "danaAcmeCorp",
      "ericLabs",
    ]);
    expect(await found({ domain: `acme-${tag}.com`, escalated: "no" })).toEqual([
      "danaLikeLabs",
      "ericAcmeCorp",
    ]);
    expect(await found({ email: `dana.${tag}`, status: "PENDING", escalated: "no" })).toEqual([]);
  });

  it("filters by submission date, both ends inclusive, in UTC", async () => {
    expect(await found({ account: tag, from: "2026-01-31", to: "2026-02-15" })).toEqual([
      "danaGlobex",
      "ericLabs",
    ]);
    expect(await found({ account: tag, from: "2026-02-16" })).toEqual([
      "danaAcmeCorp",
      "danaLikeLabs",
    ]);
    expect(await found({ account: tag, to: "2025-12-31" })).toEqual(["ericAcmeCorp"]);
  });

  it("combines every filter", async () => {
    expect(
      await found({
        email: "eric.",
        domain: `acme-${tag}.com`,
        account: "labs",
        status: "PENDING",
        escalated: "yes",
        from: "2026-01-01",
        to: "2026-12-31",
      }),
    ).toEqual(["ericLabs"]);
  });
});

describe("support search input", () => {
  it("refuses malformed filters with a message per field and searches nothing", () => {
    expect(
      parseRequestSearch({
        domain: "not a domain",
        from: "2026-02-30",
        to: "yesterday",
        status: "LOST",
        escalated: "maybe",
      }),
    ).toEqual({
      ok: false,
      fieldErrors: {
        domain: "domainFormat",
        from: "date",
        to: "date",
        status: "status",
        escalated: "escalated",
      },
    });
    expect(parseRequestSearch({ from: "2026-03-01", to: "2026-02-01" })).toEqual({
      ok: false,
      fieldErrors: { to: "dateRange" },
    });
  });

  it("treats empty fields as no filter and takes the first of repeated values", () => {
    const parsed = parseRequestSearch({ email: "", status: ["PENDING", "DENIED"], account: "   " });
    expect(parsed).toEqual({
      ok: true,
      filters: expect.objectContaining({
        status: "PENDING",
        email: undefined,
        account: undefined,
        emailMatch: "prefix",
      }),
    });
  });

  it("ignores a cursor it did not make", () => {
    expect(decodeCursor("garbage")).toBeNull();
    expect(decodeCursor(Buffer.from("2026-01-01 x").toString("base64url"))).toBeNull();
    const cursor = { createdAt: new Date("2026-01-02T03:04:05.678Z"), id: "abc" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });
});

describe("support search pagination (keyset)", () => {
  it("walks every match once, newest first, older and back newer, even when requests share a timestamp", async () => {
    const requester = await createUser({ email: `pager.${unique()}@example.com` });
    const account = await createAccount();
    const base = Date.parse("2025-06-01T00:00:00Z");
    // 23 requests; groups of three share the very same createdAt, so only the id breaks the tie.
    const created = await Promise.all(
      Array.from({ length: 23 }, async (_, i) => {
        const { id, createdAt } = await createRequest({
          requesterId: requester.id,
          accountId: account.id,
          status: "DENIED",
          createdAt: new Date(base + Math.floor(i / 3) * 60_000),
        });
        return { id, createdAt };
      }),
    );
    const expected = created
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((row) => row.id);
    const search = filters({ email: requester.email, emailMatch: "exact" });

    const pages: string[][] = [];
    let direction: PageDirection = null;
    for (;;) {
      const page = await searchRequests(support, search, direction, 5);
      pages.push(page.rows.map((row) => row.id));
      expect(page.matches).toEqual({ count: 23, capped: false });
      if (!page.older) break;
      direction = { after: page.older };
    }
    expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.flat()).toEqual(expected);

    // Back from the last page: each "newer" page is exactly the page before it.
    const last = await searchRequests(support, search, direction, 5);
    expect(last.newer).not.toBeNull();
    let newer = last.newer;
    for (let index = pages.length - 2; index >= 0; index -= 1) {
      if (!newer) throw new Error("expected a cursor");
      const page = await searchRequests(support, search, { before: newer }, 5);
      expect(page.rows.map((row) => row.id)).toEqual(pages[index]);
      newer = page.newer;
    }
    expect(newer).toBeNull();
  });

  it('counts matches exactly up to 1000, then says "more than" instead of counting a million rows', async () => {
    const requester = await createUser({ email: `many.${unique()}@example.com` });
    const account = await createAccount();
    const search = filters({ email: requester.email, emailMatch: "exact" });
    const insert = (count: number) => db.$executeRaw`
      INSERT INTO "AccessRequest" ("id", "requesterId", "accountId", "domain", "reason", "status", "expiresAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${requester.id}, ${account.id}, 'example.com', 'bulk', 'DENIED', now(), now() FROM generate_series(1, ${count}::int)`;
    await insert(1000);
    expect((await searchRequests(support, search, null, 1)).matches).toEqual({
      count: 1000,
      capped: false,
    });
    await insert(1);
    expect((await searchRequests(support, search, null, 1)).matches).toEqual({
      count: 1000,
      capped: true,
    });
  });
});
