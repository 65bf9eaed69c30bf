/**
 * The SQL that fills the bench database (see data.ts): one statement group per table family, each
 * computing its rows from row numbers alone, so that groups run in parallel on separate connections.
 */
import type { DataSizes } from "./data";

export const HOT_ACCOUNT = 1;

export const FIRST = [
  "olivia",
  "liam",
  "emma",
  "noah",
  "amelia",
  "oliver",
  "ava",
  "elijah",
  "sophia",
  "lucas",
  "mia",
  "mason",
  "isabella",
  "ethan",
  "harper",
  "james",
  "evelyn",
  "aiden",
  "abigail",
  "logan",
  "emily",
  "jacob",
  "ella",
  "jackson",
  "elizabeth",
  "sebastian",
  "camila",
  "mateo",
  "luna",
  "jack",
  "sofia",
  "owen",
  "avery",
  "theo",
  "mila",
  "samuel",
  "aria",
  "henry",
  "scarlett",
  "leo",
];
export const LAST = [
  "smith",
  "johnson",
  "williams",
  "brown",
  "jones",
  "garcia",
  "miller",
  "davis",
  "rodriguez",
  "wilson",
  "anderson",
  "thomas",
  "taylor",
  "moore",
  "jackson",
  "lee",
  "perez",
  "thompson",
  "white",
  "harris",
  "sanchez",
  "clark",
  "ramirez",
  "lewis",
  "robinson",
  "walker",
  "young",
  "allen",
  "king",
  "wright",
  "scott",
  "torres",
  "nguyen",
  "hill",
  "flores",
  "green",
  "adams",
  "nelson",
  "baker",
  "hall",
];
const WORDS = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Stark",
  "Wayne",
  "Wonka",
  "Hooli",
  "Vandelay",
  "Soylent",
  "Tyrell",
  "Cyberdyne",
];
const SUFFIX = [
  "Corporation",
  "Systems",
  "Labs",
  "Europe",
  "Holdings",
  "Networks",
  "Industries",
  "Group",
];

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(",")}]`;

/** Functions of the loading session only (pg_temp): nothing is left in the schema. */
export const FUNCTIONS = `
  CREATE OR REPLACE FUNCTION pg_temp.uid(kind text, n bigint) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT md5(kind || ':' || n)::uuid::text $$;
  CREATE OR REPLACE FUNCTION pg_temp.admin_of(account bigint, users bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE AS $$ SELECT 1 + (account * 131) % users $$;
`;

/**
 * Every account's virtual accounts besides its DEFAULT (k = 0): 10 in all, the deepest 5 levels
 * (EMEA › France › Paris › Sales › Key accounts). Virtual account k of account n is
 * `pg_temp.uid('v', n * 16 + k)` (DEFAULT: k = 0).
 */
export const VIRTUAL_ACCOUNT_TREE: { k: number; name: string; parent: number | null }[] = [
  { k: 1, name: "EMEA", parent: null },
  { k: 2, name: "France", parent: 1 },
  { k: 3, name: "Paris", parent: 2 },
  { k: 4, name: "Sales", parent: 3 },
  { k: 5, name: "Key accounts", parent: 4 },
  { k: 6, name: "Americas", parent: null },
  { k: 7, name: "Canada", parent: 6 },
  { k: 8, name: "Quebec", parent: 7 },
  { k: 9, name: "APAC", parent: null },
];

/** The ks from the root down to k. */
function chainOf(k: number): number[] {
  const node = VIRTUAL_ACCOUNT_TREE.find((candidate) => candidate.k === k)!;
  return node.parent === null ? [k] : [...chainOf(node.parent), k];
}

/**
 * The grants of a membership of virtual accounts, by its variant (a hash of its id, 0–3): a mix of
 * roles held directly and inherited, on every level.
 */
const GRANT_VARIANTS: [variant: number, name: string, role: string, includeSubAccounts: boolean][] =
  [
    [0, "EMEA", "USER", true],
    [1, "France", "VIEWER", false],
    [1, "Sales", "ADMIN", true],
    [2, "Paris", "ADMIN", true],
    [3, "Americas", "USER", true],
    [3, "APAC", "VIEWER", false],
  ];

export interface SpecialUsers {
  hotAdmin: number;
  support: number;
  firstSubmitter: number;
}

export function statements(s: DataSizes, special: SpecialUsers) {
  const { accounts: A, users: U, requests: R, hotPending: H } = s;
  const sharedRows = s.domainRows - A;
  // Identifier k is shared by 2 + k % 4 accounts (2–5, 3.5 on average).
  const shared = Math.ceil(sharedRows / 3.5);
  const U_ALL = special.firstSubmitter + s.submitters - 1;
  const general = R - H;
  const perUser = Math.ceil(general / U);
  return {
    users: `
      INSERT INTO "User" ("id", "email", "emailVerified", "name", "firstName", "lastName", "company", "jobTitle", "country",
                          "phone", "locale", "platformRole", "createdAt", "updatedAt")
      SELECT pg_temp.uid('u', n),
             f || '.' || l || n || '@corp' || (n % 5000) || '.example',
             now() - make_interval(days => (n % 900)::int), initcap(f) || ' ' || initcap(l), initcap(f), initcap(l),
             'Corp ' || (n % 5000), 'Engineer', (ARRAY['US','FR','DE','GB','JP','BR'])[1 + n % 6],
             CASE WHEN n % 20 = 0 THEN NULL ELSE '+1 555 ' || lpad((n % 10000)::text, 4, '0') END,
             (CASE WHEN n % 5 = 0 THEN 'fr' ELSE 'en' END)::"Locale", 'NONE',
             now() - make_interval(days => (n % 1000)::int), now()
        FROM generate_series(1, ${U}) AS n,
             LATERAL (SELECT (${sqlArray(FIRST)})[1 + n % ${FIRST.length}] AS f,
                             (${sqlArray(LAST)})[1 + (n / ${FIRST.length}) % ${LAST.length}] AS l) names;
      INSERT INTO "User" ("id", "email", "firstName", "lastName", "company", "jobTitle", "country", "phone", "locale",
                          "platformRole", "updatedAt")
      SELECT pg_temp.uid('u', n),
             CASE n WHEN ${special.hotAdmin} THEN 'bench.admin@bench.example'
                    WHEN ${special.support} THEN 'bench.support@bench.example'
                    ELSE 'bench.submitter' || n || '@bench.example' END,
             'Bench', 'User ' || n, 'Bench Inc.', 'Tester', 'US', '+1 555 0100', 'en',
             (CASE WHEN n = ${special.support} THEN 'SUPPORT' ELSE 'NONE' END)::"PlatformRole", now()
        FROM generate_series(${U + 1}, ${U_ALL}) AS n;`,
    accounts: `
      INSERT INTO "Account" ("id", "name", "status", "createdAt", "updatedAt")
      SELECT pg_temp.uid('a', n),
             CASE WHEN n = ${HOT_ACCOUNT} THEN 'Hot Account Corporation'
                  ELSE (${sqlArray(WORDS)})[1 + n % ${WORDS.length}] || ' ' || (${sqlArray(SUFFIX)})[1 + (n / 7) % ${SUFFIX.length}] || ' ' || n END,
             (CASE WHEN n % 20 = 0 THEN 'INACTIVE' ELSE 'ACTIVE' END)::"AccountStatus",
             now() - make_interval(days => (n % 2000)::int), now()
        FROM generate_series(1, ${A}) AS n;
      INSERT INTO "AccountDomain" ("id", "accountId", "domain", "createdAt")
      SELECT pg_temp.uid('d', n), pg_temp.uid('a', n), 'acct' || n || '.example', now() - make_interval(days => (n % 2000)::int)
        FROM generate_series(1, ${A}) AS n;
      INSERT INTO "AccountDomain" ("id", "accountId", "domain", "createdAt")
      SELECT pg_temp.uid('ds', k * 8 + m), pg_temp.uid('a', 2 + (k * 37 + m * 7919) % (${A} - 1)), 'group' || k || '.example', now()
        FROM generate_series(1, ${shared}) AS k, generate_series(0, 4) AS m
       WHERE m < 2 + k % 4
       LIMIT ${sharedRows};`,
    // Requester r asks, as its j-th request, for account 2 + (7r + 20011j) mod (A − 1): distinct pairs, and
    // never the busy account (whose pending requests come from users 1..H below).
    requests: `
      INSERT INTO "AccessRequest" ("id", "requesterId", "accountId", "domain", "reason", "status", "grantedRole", "decidedById",
                                   "decisionNote", "createdAt", "updatedAt", "decidedAt", "expiresAt", "escalatedAt",
                                   "lastRemindedAt", "reminderCount")
      SELECT pg_temp.uid('r', i), pg_temp.uid('u', r), pg_temp.uid('a', acc), 'acct' || acc || '.example',
             (ARRAY['I joined the team that manages this account and need to order licences.',
                    'Our partner asked us to help with renewals on this Smart Account.',
                    'New hire in procurement; my manager asked me to request access.'])[1 + i % 3],
             st, CASE WHEN st = 'APPROVED' THEN 'USER'::"MembershipRole" END,
             CASE WHEN st IN ('APPROVED', 'DENIED') THEN pg_temp.uid('u', pg_temp.admin_of(acc, ${U})) END,
             CASE WHEN st = 'DENIED' AND i % 2 = 0 THEN 'Not part of our organisation.' END,
             created, created, CASE WHEN st IN ('APPROVED', 'DENIED') THEN created + interval '26 hours' END,
             created + interval '30 days',
             CASE WHEN st = 'PENDING' AND i % 20 = 0 THEN created + interval '7 days' END,
             CASE WHEN st = 'PENDING' AND i % 7 = 0 THEN created + interval '2 days' END,
             CASE WHEN st = 'PENDING' AND i % 7 = 0 THEN 1 ELSE 0 END
        FROM generate_series(0, ${general - 1}) AS i,
             LATERAL (SELECT 1 + i % ${U} AS r, 2 + ((1 + i % ${U}) * 7 + (i / ${U}) * 20011) % (${A} - 1) AS acc, random() AS p) pick,
             LATERAL (SELECT (CASE WHEN p < 0.08 THEN 'PENDING' WHEN p < 0.58 THEN 'APPROVED' WHEN p < 0.78 THEN 'DENIED'
                                   WHEN p < 0.88 THEN 'WITHDRAWN' ELSE 'EXPIRED' END)::"AccessRequestStatus" AS st) s,
             LATERAL (SELECT (CASE WHEN st = 'PENDING' THEN now() - random() * interval '29 days'
                                   ELSE now() - interval '30 days' - random() * interval '700 days' END)::timestamp(3) AS created) c;
      INSERT INTO "AccessRequest" ("id", "requesterId", "accountId", "domain", "reason", "status", "createdAt", "updatedAt", "expiresAt")
      SELECT pg_temp.uid('rh', u), pg_temp.uid('u', u), pg_temp.uid('a', ${HOT_ACCOUNT}), 'acct${HOT_ACCOUNT}.example',
             'Please add me to the account; I work in the licensing team.', 'PENDING', created, created, created + interval '30 days'
        FROM generate_series(1, ${H}) AS u,
             LATERAL (SELECT (now() - ((u * 7919) % 2505600) * interval '1 second')::timestamp(3) AS created) c;`,
    perUser,
    // One membership per (user, account): the loading sessions have no unique index to lean on
    // (ON CONFLICT needs it), so duplicates are removed here. An administrator's row wins. Half the
    // members by approval (ids below '8') are members of virtual accounts (issue 27): their own
    // role column holds the placeholder VIEWER, their roles are grants (below).
    memberships: `
      INSERT INTO "Membership" ("id", "userId", "accountId", "role", "scope", "active", "createdAt", "updatedAt")
      SELECT DISTINCT ON ("userId", "accountId") "id", "userId", "accountId",
             CASE WHEN rank = 1 AND "id" < '8' THEN 'VIEWER' ELSE "role" END,
             (CASE WHEN rank = 1 AND "id" < '8' THEN 'VIRTUAL_ACCOUNTS' ELSE 'ACCOUNT' END)::"MembershipScope",
             true, "createdAt", "createdAt"
        FROM (SELECT pg_temp.uid('ma', n) AS "id", pg_temp.uid('u', pg_temp.admin_of(n, ${U})) AS "userId", pg_temp.uid('a', n) AS "accountId",
                     'ADMIN'::"MembershipRole" AS "role", now()::timestamp(3) AS "createdAt", 0 AS rank
                FROM generate_series(1, ${A}) AS n WHERE n <> ${HOT_ACCOUNT}
              UNION ALL
              SELECT pg_temp.uid('mh', n), pg_temp.uid('u', ${special.hotAdmin}), pg_temp.uid('a', n), 'ADMIN', now(), 0
                FROM generate_series(1, 5) AS n
              UNION ALL
              SELECT md5('m:' || "id")::uuid::text, "requesterId", "accountId", "grantedRole", "decidedAt", 1
                FROM "AccessRequest" WHERE "status" = 'APPROVED') candidates
       ORDER BY "userId", "accountId", rank;`,
    // Issue 27: every account's tree (VIRTUAL_ACCOUNT_TREE), set-based, a statement per node, parents
    // first. While loading, triggers are off (session_replication_role = replica): the DEFAULT
    // the database makes with each account is inserted here, and each row's `path` (ids root..self,
    // which a trigger keeps) is computed from the row numbers. Without replica (not a superuser) the
    // triggers run: the DEFAULT comes from the database and each path from its parent's.
    // Each account's ids are computed once (11 md5s: the account and its 10 virtual accounts, in a
    // temporary table), then each node's rows are read from there with their paths as arrays of them.
    virtualAccounts: [
      `CREATE TEMPORARY TABLE bench_tree AS
       SELECT pg_temp.uid('a', n) AS account,
              ARRAY(SELECT pg_temp.uid('v', n * 16 + k) FROM generate_series(0, ${VIRTUAL_ACCOUNT_TREE.length}) AS k) AS ids
         FROM generate_series(1, ${A}) AS n;`,
      `INSERT INTO "VirtualAccount" ("id", "accountId", "parentId", "name", "path", "createdAt", "updatedAt")
       SELECT ids[1], account, NULL, 'DEFAULT', ARRAY[ids[1]], now(), now()
         FROM bench_tree WHERE current_setting('session_replication_role') = 'replica';`,
      ...VIRTUAL_ACCOUNT_TREE.map(
        ({ k, name, parent }) => `
      INSERT INTO "VirtualAccount" ("id", "accountId", "parentId", "name", "path", "createdAt", "updatedAt")
      SELECT ids[${k + 1}], account, ${parent === null ? "NULL" : `ids[${parent + 1}]`}, '${name}',
             ARRAY[${chainOf(k)
               .map((c) => `ids[${c + 1}]`)
               .join(", ")}], now(), now()
        FROM bench_tree;`,
      ),
      "DROP TABLE bench_tree;",
    ].join("\n"),
    // The grants of the memberships of virtual accounts: GRANT_VARIANTS by a hash of the membership.
    grants: `
      INSERT INTO "VirtualAccountGrant" ("id", "membershipId", "virtualAccountId", "role", "includeSubAccounts", "createdAt", "updatedAt")
      SELECT md5('g:' || m."id" || ':' || g.name)::uuid::text, m."id", va."id", g.role::"MembershipRole", g.sub, m."createdAt", m."createdAt"
        FROM "Membership" m
        JOIN (VALUES ${GRANT_VARIANTS.map(([variant, name, role, sub]) => `(${variant}, '${name}', '${role}', ${sub})`).join(", ")}) AS g(variant, name, role, sub)
          ON g.variant = get_byte(decode(md5(m."id"), 'hex'), 0) % 4
        JOIN "VirtualAccount" va ON va."accountId" = m."accountId" AND va."name" = g.name
       WHERE m."scope" = 'VIRTUAL_ACCOUNTS';`,
    audit: `
      INSERT INTO "AuditEvent" ("actorId", "action", "subjectType", "subjectId", "after", "createdAt")
      SELECT "requesterId", 'request.submitted', 'AccessRequest', "id",
             jsonb_build_object('status', 'PENDING', 'accountId', "accountId", 'domain', "domain"), "createdAt"
        FROM "AccessRequest";
      INSERT INTO "AuditEvent" ("actorId", "action", "subjectType", "subjectId", "before", "after", "createdAt")
      SELECT CASE WHEN "status" = 'WITHDRAWN' THEN "requesterId" ELSE "decidedById" END,
             'request.' || lower("status"::text), 'AccessRequest', "id",
             '{"status":"PENDING"}'::jsonb, jsonb_build_object('status', "status"::text, 'grantedRole', "grantedRole"::text),
             coalesce("decidedAt", "expiresAt")
        FROM "AccessRequest" WHERE "status" <> 'PENDING';`,
    // About 1 request in 85 had a support case (its requester asked for help), most of them closed.
    supportCases: `
      INSERT INTO "SupportCase" ("id", "requestId", "openedById", "message", "status", "createdAt", "closedAt", "closedById")
      SELECT md5('sc:' || "id")::uuid::text, "id", "requesterId", 'Nobody has answered my request yet, can you help?',
             (CASE WHEN "status" = 'PENDING' THEN 'OPEN' ELSE 'CLOSED' END)::"SupportCaseStatus", "createdAt" + interval '3 days',
             CASE WHEN "status" <> 'PENDING' THEN "createdAt" + interval '4 days' END,
             CASE WHEN "status" <> 'PENDING' THEN pg_temp.uid('u', ${special.support}) END
        FROM "AccessRequest" WHERE "id" < '03';
      INSERT INTO "SupportCaseNote" ("id", "caseId", "authorId", "body", "createdAt")
      SELECT md5('sn:' || "id")::uuid::text, "id", "closedById", 'Reminded the account administrators.', "closedAt"
        FROM "SupportCase" WHERE "status" = 'CLOSED';`,
    // Delivered history: the administrators' notice of every request, the requester's notice of every
    // decision. Nothing is QUEUED: F4 queues its own 10k.
    emails: `
      INSERT INTO "EmailMessage" ("id", "to", "template", "locale", "payload", "status", "attempts", "nextAttemptAt", "sentAt",
                                  "createdAt", "requestId")
      SELECT md5('e1:' || r."id")::uuid::text, 'admin+' || left(r."accountId", 8) || '@example.com', 'request-to-admins', 'en',
             jsonb_build_object('accountName', 'Account', 'domain', r."domain", 'reason', r."reason",
                                'url', 'http://localhost:3000/admin/requests/' || r."id", 'reminder', false),
             CASE WHEN r."createdAt" < now() - interval '600 days' AND left(r."id", 1) = 'f' THEN 'FAILED'::"EmailStatus" ELSE 'SENT'::"EmailStatus" END,
             1, r."createdAt", r."createdAt", r."createdAt", r."id"
        FROM "AccessRequest" r;
      INSERT INTO "EmailMessage" ("id", "to", "template", "locale", "payload", "status", "attempts", "nextAttemptAt", "sentAt",
                                  "createdAt", "requestId")
      SELECT md5('e2:' || r."id")::uuid::text, 'requester+' || left(r."requesterId", 8) || '@example.com',
             CASE WHEN r."status" = 'APPROVED' THEN 'request-approved' ELSE 'request-denied' END, 'en',
             jsonb_build_object('domain', r."domain", 'url', 'http://localhost:3000/requests'),
             'SENT', 1, r."decidedAt", r."decidedAt", r."decidedAt", r."id"
        FROM "AccessRequest" r WHERE r."status" IN ('APPROVED', 'DENIED');`,
  };
}
