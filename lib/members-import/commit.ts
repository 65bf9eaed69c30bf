import { createHash } from "node:crypto";
import { validationError, type Mutation } from "@/lib/actions/mutation";
import type { Actor } from "@/lib/auth/actor";
import { signInPath } from "@/lib/auth/page-guard";
import { recordStatusChange } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { insertAuditEvents } from "@/lib/db/sql/audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { pathOfUnstorableText } from "@/lib/forms/storable-text";
import { isLocale } from "@/lib/i18n/config";
import { enqueueEmails, type OutgoingEmail } from "@/lib/mail/outbox";
import { grantMembership } from "@/lib/memberships/grant";
import { displayName, localeOf } from "@/lib/people";
import { absoluteUrl } from "@/lib/urls";
import { accessRecord } from "@/lib/virtual-accounts/grants";
import { membershipRoleOf } from "@/lib/virtual-accounts/scope";
import { emitMembershipEvent, emitRequestEvent } from "@/lib/webhooks/emit";
import type { ImportRow, ParsedImport } from "./parse";
import { importResultCsv } from "./result-csv";
import {
  accessOfView,
  importAuthority,
  planImport,
  type LineOutcome,
  type LineRefusal,
  type PlannedLine,
} from "./preview";
import { commitImportSchema, linesOf, type CommitImportInput } from "./schema";

type Tx = Prisma.TransactionClient;

/*
 * Confirming an import (issue 28): each line the preview would add or change is granted with the
 * code that approving a request runs (grantMembership: the account's virtual accounts, the
 * last-administrator guard, the audit event), a pending request of the person for the account is
 * closed as approved by the administrator, a membership.changed webhook is queued, and the person
 * is emailed. One transaction per batch of lines. Each batch records the lines it applied
 * (MembershipImportLine) under the import's key, so the same import confirmed twice, or retried
 * after a timeout part-way, applies no line twice; it answers what the first run did.
 */

/** Lines applied per transaction: short enough not to hold the account's rows for long. */
export const IMPORT_BATCH_SIZE = 100;
/**
 * Batches in flight at once, each a transaction on a connection of the pool (10): enough to keep
 * the database busy while Node builds the next statements, leaving connections for everyone else.
 */
const IMPORT_PARALLEL_BATCHES = 3;

export interface ImportResultLine {
  line: number;
  address: string;
  outcome: LineOutcome;
  reason: LineRefusal | null;
  detail: PlannedLine;
}

export interface ImportResult {
  importId: string;
  accountId: string;
  counts: Record<LineOutcome, number>;
  lines: ImportResultLine[];
  duplicates: ParsedImport["duplicates"];
  /** This import had already been applied under its key: nothing was done again. */
  replayed: boolean;
  /** The result as a CSV file in the actor's language, for the dialog to offer as a download. */
  csv: string;
}

/** The same import: the same account and lines (the key names it, this proves it). */
function fingerprintOf(accountId: string, rows: ImportRow[]): string {
  return createHash("sha256")
    .update(JSON.stringify([accountId, rows]))
    .digest("base64url");
}

interface ImportKey {
  accountId: string;
  actorId: string;
  key: string;
  fingerprint: string;
}

const keyWhere = (k: ImportKey) => ({
  actorId_accountId_key: { actorId: k.actorId, accountId: k.accountId, key: k.key },
});

const keyReused = () =>
  new AppError("CONFLICT", "This import key was used for other lines", {
    fieldErrors: { key: "importKeyReused" },
  });

/**
 * The import's row (made by the first batch to run), refusing a key already used for other lines.
 * It is not locked: each line is claimed on its own (applyBatch), so batches run side by side.
 */
async function importRowOf(tx: Tx, k: ImportKey): Promise<string> {
  await tx.membershipImport.createMany({
    data: [{ accountId: k.accountId, actorId: k.actorId, key: k.key, fingerprint: k.fingerprint }],
    skipDuplicates: true,
  });
  const row = await tx.membershipImport.findUniqueOrThrow({
    where: keyWhere(k),
    select: { id: true, fingerprint: true },
  });
  if (row.fingerprint !== k.fingerprint) throw keyReused();
  return row.id;
}

/** The person's language, else the adder's (a guess for someone who never chose one), else the default. */
const languageOf = (person: { locale: string | null }, actor: Actor) =>
  isLocale(person.locale) ? person.locale : localeOf({ locale: actor.locale ?? null });

/**
 * Closes the person's pending request for the account as approved by the actor (first decision
 * wins, as in lib/admin/decision-step.ts: only a row still PENDING changes), with its audit event
 * and webhook. Written here rather than through decideOne, which also grants and emails the
 * requester: an import grants its own access and sends its own one email per person.
 */
async function approvePendingRequest(
  tx: Tx,
  actor: Actor,
  line: PlannedLine,
  importId: string,
): Promise<boolean> {
  if (!line.pendingRequestId || !line.access) return false;
  const access = accessOfView(line.access);
  const { count } = await tx.accessRequest.updateMany({
    where: {
      id: line.pendingRequestId,
      status: "PENDING",
      expiresAt: { gt: new Date() },
      requester: { is: { disabledAt: null } },
    },
    data: {
      status: "APPROVED",
      decidedById: actor.id,
      decidedAt: new Date(),
      grantedRole: membershipRoleOf(access),
    },
  });
  if (count === 0) return false;
  await recordStatusChange(tx, {
    actorId: actor.id,
    action: "request.approved",
    subjectType: "AccessRequest",
    subjectId: line.pendingRequestId,
    from: "PENDING",
    to: "APPROVED",
    details: { ...accessRecord(access), endsAt: line.endsAt, membersImport: importId },
  });
  await emitRequestEvent(tx, "request.approved", line.pendingRequestId);
  return true;
}

/** The people who do not exist yet, made as sign-in makes them (an address, no profile). */
async function createPeople(tx: Tx, actor: Actor, lines: PlannedLine[], importId: string) {
  const emails = lines.filter((l) => l.userId === null).map((l) => l.email!);
  if (emails.length === 0) return;
  await tx.user.createMany({ data: emails.map((email) => ({ email })), skipDuplicates: true });
  const made = await tx.user.findMany({
    where: { email: { in: emails } },
    select: { id: true, email: true },
  });
  const idOf = new Map(made.map((user) => [user.email, user.id]));
  for (const line of lines) if (line.userId === null) line.userId = idOf.get(line.email!) ?? null;
  await insertAuditEvents(
    tx,
    made.map((user) => ({
      actorId: actor.id,
      action: "user.invited",
      subjectType: "User" as const,
      subjectId: user.id,
      after: { email: user.email, membersImport: importId },
    })),
  );
}

const lineRow = (importId: string, line: PlannedLine) => ({
  importId,
  line: line.line,
  address: line.address,
  outcome: line.outcome,
  reason: line.reason,
  detail: line as unknown as Prisma.InputJsonObject,
});

/**
 * Applies one batch of lines, in `tx`. Each line is claimed by writing its outcome first (its key
 * is the import and the line): of two runs of the same import (a double click, a retry while the
 * first still runs), the second waits on the first's uncommitted rows, then finds them and skips
 * those lines; a line a run applied before it was cut short is skipped the same way.
 */
async function applyBatch(
  tx: Tx,
  actor: Actor,
  k: ImportKey,
  rows: ImportRow[],
  now: Date,
): Promise<string> {
  const importId = await importRowOf(tx, k);
  const plan = await planImport(tx, actor, k.accountId, { rows, duplicates: [] }, now);
  const claimed = new Set(
    (
      await tx.membershipImportLine.createManyAndReturn({
        data: plan.lines.map((line) => lineRow(importId, line)),
        skipDuplicates: true,
        select: { line: true },
      })
    ).map((row) => row.line),
  );
  const applying = plan.lines.filter(
    (l) => claimed.has(l.line) && (l.outcome === "added" || l.outcome === "changed"),
  );
  if (applying.length === 0) return importId;
  await createPeople(tx, actor, applying, importId);
  const adder = displayName(
    await tx.user.findUniqueOrThrow({
      where: { id: actor.id },
      select: { email: true, firstName: true, lastName: true },
    }),
  );
  const people = new Map(
    (
      await tx.user.findMany({
        where: { id: { in: applying.map((l) => l.userId!) } },
        select: { id: true, email: true, firstName: true, lastName: true, locale: true },
      })
    ).map((user) => [user.id, user]),
  );
  // An account without an endpoint subscribed to membership.changed gets no delivery anyway: one
  // read here spares a statement per person.
  const hooked =
    (await tx.webhookEndpoint.count({
      where: { accountId: k.accountId, disabledAt: null, events: { has: "membership.changed" } },
    })) > 0;
  const emails: OutgoingEmail<"member-added">[] = [];
  for (const line of applying) {
    const approved = await approvePendingRequest(tx, actor, line, importId);
    // What changed since the line was claimed is written again: a request decided meanwhile, a refusal.
    let rewrite = !approved && line.pendingRequestId !== null;
    if (!approved) line.pendingRequestId = null;
    try {
      const granted = await grantMembership(tx, {
        userId: line.userId!,
        accountId: k.accountId,
        access: accessOfView(line.access!),
        endsAt: line.endsAt ? new Date(line.endsAt) : null,
        requestId: line.pendingRequestId,
        actorId: actor.id,
      });
      if (hooked)
        await emitMembershipEvent(tx, "membership.changed", granted.id, {
          // A person who was not a member had no role before: the event's previousRole is null.
          previousRole: (granted.before?.active ? granted.before.role : null) as never,
          changedById: actor.id,
        });
    } catch (error) {
      // grantMembership refuses before writing anything (the last Smart Account Administrator, a
      // virtual account deleted since the preview): that line is refused, the others go on. A
      // request closed just above would be left approved without access, so refuse the batch then.
      if (!(error instanceof AppError) || approved) throw error;
      const reason = error.details.reason === "lastAdmin" ? "lastAdmin" : "unknownVirtualAccount";
      Object.assign(line, { outcome: "refused", reason, access: null });
      rewrite = true;
    }
    if (rewrite)
      await tx.membershipImportLine.update({
        where: { importId_line: { importId, line: line.line } },
        data: lineRow(importId, line),
      });
    if (line.outcome === "refused") continue;
    const person = people.get(line.userId!)!;
    emails.push({
      to: person.email,
      template: "member-added",
      locale: languageOf(person, actor),
      requestId: line.pendingRequestId ?? undefined,
      payload: {
        recipientName: displayName(person),
        accountName: plan.accountName,
        addedBy: adder,
        access: line.access!,
        endsAt: line.endsAt,
        change: line.outcome === "changed" ? "changed" : "added",
        invitation: line.invitation,
        url: absoluteUrl(line.invitation ? signInPath("/accounts") : "/accounts"),
      },
    });
  }
  await enqueueEmails(tx, emails);
  return importId;
}

/** What the import did, read from its lines. */
async function resultOf(
  tx: Tx,
  actor: Actor,
  importId: string,
  accountId: string,
  duplicates: ParsedImport["duplicates"],
  replayed: boolean,
): Promise<ImportResult> {
  const rows = await tx.membershipImportLine.findMany({
    where: { importId },
    orderBy: { line: "asc" },
    select: { line: true, address: true, outcome: true, reason: true, detail: true },
  });
  const counts = { added: 0, changed: 0, unchanged: 0, refused: 0 };
  const lines = rows.map((row) => {
    const outcome = row.outcome as LineOutcome;
    counts[outcome] += 1;
    return {
      line: row.line,
      address: row.address,
      outcome,
      reason: row.reason as LineRefusal | null,
      detail: row.detail as unknown as PlannedLine,
    };
  });
  const csv = importResultCsv(lines, localeOf({ locale: actor.locale ?? null }));
  return { importId, accountId, counts, lines, duplicates, replayed, csv };
}

/** Runs `work` in a transaction of its own, or in the caller's. */
type InTransaction = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

async function commit(
  actor: Actor,
  input: CommitImportInput,
  inTransaction: InTransaction,
  parallel: number,
): Promise<ImportResult> {
  const parsed = linesOf(input.source);
  const k: ImportKey = {
    accountId: input.accountId,
    actorId: actor.id,
    key: input.key,
    fingerprint: fingerprintOf(input.accountId, parsed.rows),
  };
  // Authorized before anything is written (each batch checks again, in its own transaction).
  const earlier = await inTransaction(async (tx) => {
    await importAuthority(tx, actor, k.accountId, new Date());
    return tx.membershipImport.findUnique({
      where: keyWhere(k),
      select: { id: true, fingerprint: true, completedAt: true },
    });
  });
  if (earlier && earlier.fingerprint !== k.fingerprint) throw keyReused();
  if (earlier?.completedAt)
    return inTransaction((tx) =>
      resultOf(tx, actor, earlier.id, k.accountId, parsed.duplicates, true),
    );
  const now = new Date();
  const batches: ImportRow[][] = [];
  for (let start = 0; start < parsed.rows.length; start += IMPORT_BATCH_SIZE)
    batches.push(parsed.rows.slice(start, start + IMPORT_BATCH_SIZE));
  // The first batch makes the import's row; the others then run a few at a time (each line is
  // claimed on its own, and each person is on one line only).
  const importId = await inTransaction((tx) => applyBatch(tx, actor, k, batches[0] ?? [], now));
  const rest = batches.slice(1);
  for (let start = 0; start < rest.length; start += parallel)
    await Promise.all(
      rest
        .slice(start, start + parallel)
        .map((batch) => inTransaction((tx) => applyBatch(tx, actor, k, batch, now))),
    );
  return inTransaction(async (tx) => {
    await tx.membershipImport.updateMany({
      where: { id: importId, completedAt: null },
      data: { completedAt: new Date() },
    });
    return resultOf(tx, actor, importId, k.accountId, parsed.duplicates, false);
  });
}

/** The checks every Mutation makes before its use case (lib/actions/mutation.ts). */
function admit(actor: Actor, rawInput: unknown): CommitImportInput {
  const unstorable = pathOfUnstorableText(rawInput);
  if (unstorable !== null)
    throw new AppError("VALIDATION", "Invalid input", {
      fieldErrors: { [unstorable]: "invalidCharacters" },
    });
  const parsed = commitImportSchema.safeParse(rawInput);
  if (!parsed.success) throw validationError(parsed.error);
  if (actor.platformRole === "SUPPORT")
    throw new AppError("FORBIDDEN", "Support staff have read-only access");
  return parsed.data;
}

/**
 * The confirmed import as a Mutation: the same checks as every other (lib/actions/mutation.ts),
 * but one transaction per batch of lines rather than one for all (execute); the API, which sends
 * at most 100 people, runs it in its own transaction beside the record of the token's use
 * (executeIn).
 */
export const commitImport: Mutation<typeof commitImportSchema, ImportResult> = {
  kind: "mutation",
  name: "membersImport.commit",
  input: commitImportSchema,
  execute: async (actor, rawInput) =>
    commit(
      actor,
      admit(actor, rawInput),
      (work) => db.$transaction(work, { maxWait: 10_000, timeout: 30_000 }),
      IMPORT_PARALLEL_BATCHES,
    ),
  executeIn: async (tx, actor, rawInput) =>
    commit(actor, admit(actor, rawInput), (work) => work(tx), 1),
};
