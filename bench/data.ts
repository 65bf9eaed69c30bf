/**
 * The bench's data set, generated inside PostgreSQL (INSERT … SELECT over generate_series) so that a
 * million requests take seconds, not minutes. Every id is computed from a row number
 * (`pg_temp.uid(kind, n)`, an md5 shaped like a UUID), so tables can be filled in parallel on
 * separate connections without reading each other, and the bench can name any row afterwards.
 *
 * While loading, secondary indexes of the big tables are dropped and rebuilt from their own
 * definitions (pg_indexes), and foreign-key triggers are off for the loading sessions
 * (session_replication_role = replica): the rows are consistent by construction. The schema
 * after loading is the migrated one, index for index.
 */
import pg from "pg";
import { FIRST, FUNCTIONS, HOT_ACCOUNT, LAST, statements } from "./data-sql";

export interface DataSizes {
  accounts: number;
  /** AccountDomain rows: one own identifier per account, the rest shared by 2–5 accounts. */
  domainRows: number;
  users: number;
  requests: number;
  /** Pending requests of the one busy account (account n = 1). */
  hotPending: number;
  /** Users with a complete profile and no history, who submit during F3. */
  submitters: number;
  /** Distinct accounts each submitter asks for during F3. */
  accountsPerSubmitter: number;
}

export function dataSizes(scale: number): DataSizes {
  const n = (full: number) => Math.round(full * scale);
  return {
    accounts: n(100_000),
    domainRows: n(150_000),
    users: n(200_000),
    requests: n(1_000_000),
    hotPending: n(10_000),
    submitters: n(1_000),
    accountsPerSubmitter: scale < 1 ? 20 : 10,
  };
}

/** How the harness names generated identifiers (the same formulas as data-sql.ts). */
const accountDomain = (n: number) => `acct${n}.example`;
const sharedDomain = (k: number) => `group${k}.example`;

export interface GeneratedData {
  sizes: DataSizes;
  seconds: number;
  /** Seconds per phase, for the report. */
  phases: Record<string, number>;
  rows: Record<string, number>;
  hotAccountId: string;
  hotAdminId: string;
  supportUserId: string;
  /** Submitters (user ids) and, for each, the accounts they may ask for (id + identifier). */
  submitPairs: { userId: string; accountId: string; domain: string }[];
  /** A handful of ordinary requesters, for the lookup and requester pages. */
  requesterIds: string[];
  /** Identifiers the lookup is driven with: own, shared and unknown. */
  lookupIdentifiers: string[];
  /** An email prefix support types: first name and surname, about one user in 1,600. */
  supportEmailPrefix: string;
}

async function session(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(FUNCTIONS);
  await client.query("SET synchronous_commit = off");
  // Prisma stores UTC in "timestamp without time zone" columns.
  await client.query("SET TIME ZONE 'UTC'");
  await client.query("SET maintenance_work_mem = '256MB'");
  try {
    await client.query("SET session_replication_role = replica");
  } catch {
    // Not a superuser (an external server): foreign keys are then checked while loading, slower but correct.
  }
  return client;
}

const BIG_TABLES = [
  "User",
  "Account",
  "AccountDomain",
  "Membership",
  "AccessRequest",
  "AuditEvent",
  "EmailMessage",
  "VirtualAccount",
  "VirtualAccountGrant",
];

async function timed<T>(
  phases: Record<string, number>,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    phases[name] = (performance.now() - started) / 1000;
  }
}

/** Fills the (migrated, empty) database at `url`. */
export async function generateData(
  url: string,
  sizes: DataSizes,
  log: (line: string) => void,
): Promise<GeneratedData> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  const special = {
    hotAdmin: sizes.users + 1,
    support: sizes.users + 2,
    firstSubmitter: sizes.users + 3,
  };
  const sql = statements(sizes, special);
  const sessions = await Promise.all([session(url), session(url), session(url)]);
  const [a, b, c] = sessions as [pg.Client, pg.Client, pg.Client];
  try {
    const { rows: indexes } = await a.query<{
      indexname: string;
      indexdef: string;
      tablename: string;
    }>(
      `SELECT indexname, indexdef, tablename FROM pg_indexes
        WHERE schemaname = 'public' AND tablename = ANY($1) AND indexname NOT LIKE '%\\_pkey'`,
      [BIG_TABLES],
    );
    await timed(phases, "drop indexes", () =>
      a.query(indexes.map((index) => `DROP INDEX "${index.indexname}";`).join("\n")),
    );
    log(`data: ${indexes.length} secondary indexes set aside while loading`);

    await timed(phases, "users, accounts, identifiers, requests", () =>
      Promise.all([
        timed(phases, "· users", () => a.query(sql.users)),
        timed(phases, "· accounts + identifiers", async () => {
          await b.query(sql.accounts);
          await timed(phases, "· virtual accounts", () => b.query(sql.virtualAccounts));
        }),
        timed(phases, "· requests", () => c.query(sql.requests)),
      ]),
    );
    log(
      `data: users, accounts and requests loaded (${phases["users, accounts, identifiers, requests"]!.toFixed(1)} s)`,
    );
    await timed(phases, "memberships, audit, support cases, outbox", () =>
      Promise.all([
        timed(phases, "· memberships", async () => {
          await a.query(sql.memberships);
          await timed(phases, "· virtual-account grants", () => a.query(sql.grants));
        }),
        timed(phases, "· audit events, support cases", async () => {
          await b.query(sql.audit);
          await b.query(sql.supportCases);
        }),
        timed(phases, "· outbox history", () => c.query(sql.emails)),
      ]),
    );
    log(
      `data: virtual accounts ${phases["· virtual accounts"]!.toFixed(1)} s, their grants ${phases["· virtual-account grants"]!.toFixed(1)} s`,
    );
    log(
      `data: memberships, audit events, support cases and outbox loaded (${phases["memberships, audit, support cases, outbox"]!.toFixed(1)} s)`,
    );

    // Rebuild each table's indexes on its own connection, biggest tables spread over the three.
    const byTable = new Map<string, string[]>();
    for (const index of indexes)
      byTable.set(index.tablename, [...(byTable.get(index.tablename) ?? []), index.indexdef]);
    const lanes: string[][] = [
      ["AccessRequest", "SupportCase", "VirtualAccountGrant"],
      ["AuditEvent", "User", "Membership", "SupportCaseNote"],
      ["EmailMessage", "AccountDomain", "Account", "VirtualAccount"],
    ];
    await timed(phases, "rebuild indexes", () =>
      Promise.all(
        lanes.map((tables, lane) =>
          sessions[lane]!.query(
            tables
              .flatMap((t) => byTable.get(t) ?? [])
              .map((d) => `${d};`)
              .join("\n"),
          ),
        ),
      ),
    );
    log(`data: indexes rebuilt (${phases["rebuild indexes"]!.toFixed(1)} s)`);
    await timed(phases, "vacuum analyze", () =>
      Promise.all(
        lanes.map(async (tables, lane) => {
          for (const table of tables) await sessions[lane]!.query(`VACUUM (ANALYZE) "${table}"`);
        }),
      ),
    );

    const counts: Record<string, number> = {};
    for (const table of [...BIG_TABLES, "SupportCase", "SupportCaseNote"]) {
      const { rows } = await a.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
      counts[table] = Number(rows[0]!.n);
    }
    const uid = async (kind: string, n: number) =>
      (await a.query<{ id: string }>("SELECT pg_temp.uid($1, $2) AS id", [kind, n])).rows[0]!.id;

    // F3's pairs: each submitter asks for accountsPerSubmitter active accounts by their own identifier;
    // submitters have no requests or memberships, so every pair is new.
    const { rows: pairRows } = await a.query<{ userId: string; accountId: string; domain: string }>(
      `SELECT pg_temp.uid('u', s) AS "userId", pg_temp.uid('a', acc) AS "accountId", 'acct' || acc || '.example' AS "domain"
         FROM generate_series(${special.firstSubmitter}, ${special.firstSubmitter + sizes.submitters - 1}) AS s,
              generate_series(0, ${sizes.accountsPerSubmitter - 1}) AS j,
              LATERAL (SELECT 2 + ((s * 97 + j * 4099) % (${sizes.accounts} - 1)) AS acc0) x,
              LATERAL (SELECT CASE WHEN acc0 % 20 = 0 THEN acc0 - 1 ELSE acc0 END AS acc) y
        ORDER BY j, s`,
    );
    const requesterIds: string[] = [];
    for (const n of [7, 1234, 4321, 20_000, 77_777])
      requesterIds.push(await uid("u", 1 + (n % sizes.users)));
    const sharedCount = Math.ceil((sizes.domainRows - sizes.accounts) / 3.5);
    const lookupIdentifiers = Array.from({ length: 64 }, (_, i) => {
      if (i % 4 === 0) return sharedDomain(1 + ((i * 977) % Math.max(1, sharedCount - 1)));
      if (i % 4 === 1) return `nobody${i}.example`;
      return accountDomain(2 + ((i * 1543) % (sizes.accounts - 1)));
    });
    return {
      sizes,
      seconds: (performance.now() - started) / 1000,
      phases,
      rows: counts,
      hotAccountId: await uid("a", HOT_ACCOUNT),
      hotAdminId: await uid("u", special.hotAdmin),
      supportUserId: await uid("u", special.support),
      submitPairs: pairRows,
      requesterIds,
      lookupIdentifiers,
      supportEmailPrefix: `${FIRST[0]}.${LAST[1]}`,
    };
  } finally {
    await Promise.all(sessions.map((client) => client.end()));
  }
}
