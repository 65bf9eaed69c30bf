import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  accountHasActiveAdmin,
  readRequestReceipt,
  readRequestReceipts,
} from "@/lib/requests/receipt";
import { submitRequest } from "@/lib/requests/submit-request";
import {
  createAccount,
  createAdmin,
  createMembership,
  createUser,
  uniqueDomain,
} from "../factories";
import { appErrorOf } from "./app-error-of";

const reason = "I manage our licences and need to see this account.";

/** A request submitted through the use case to an account with `admins` active administrators. */
async function submitted(admins: number) {
  const domain = uniqueDomain();
  const account = await createAccount({ domains: [domain] });
  for (let index = 0; index < admins; index += 1) await createAdmin([account.id]);
  const requester = await createUser();
  const result = await submitRequest.execute(requester, { accountId: account.id, domain, reason });
  if (result.outcome !== "created") throw new Error("expected a new request");
  return { requester, account, requestId: result.requestId };
}

/** Sets the outbox status of the request's administrator emails, one status per email, by address order. */
async function outboxSays(requestId: string, statuses: ("QUEUED" | "SENT" | "FAILED" | "HELD")[]) {
  const emails = await db.emailMessage.findMany({
    where: { requestId, template: "request-to-admins" },
    orderBy: { to: "asc" },
    select: { id: true },
  });
  expect(emails).toHaveLength(statuses.length);
  for (const [index, email] of emails.entries())
    await db.emailMessage.update({ where: { id: email.id }, data: { status: statuses[index] } });
}

describe("the requester's receipt", () => {
  it("counts the notified administrators and what the outbox did with each email: queued, sent, failed, held", async () => {
    const { requester, requestId } = await submitted(4);
    const fresh = await readRequestReceipt(requester.id, requestId);
    expect(fresh).toMatchObject({
      notified: 4,
      delivered: 0,
      queued: 4,
      held: 0,
      failed: 0,
      escalatedAt: null,
      supportCaseId: null,
    });
    expect(fresh.notifiedAt).toBeInstanceOf(Date);

    await outboxSays(requestId, ["SENT", "FAILED", "HELD", "QUEUED"]);
    expect(await readRequestReceipt(requester.id, requestId)).toMatchObject({
      notified: 4,
      delivered: 1,
      queued: 1,
      held: 1,
      failed: 1,
    });

    await outboxSays(requestId, ["HELD", "HELD", "HELD", "HELD"]);
    expect(await readRequestReceipt(requester.id, requestId)).toMatchObject({
      notified: 4,
      delivered: 0,
      held: 4,
    });
  });

  it("counts an administrator emailed twice (a reminder) once, by the best outcome", async () => {
    const { requester, requestId } = await submitted(1);
    const [first] = await db.emailMessage.findMany({
      where: { requestId, template: "request-to-admins" },
    });
    await db.emailMessage.update({ where: { id: first!.id }, data: { status: "FAILED" } });
    await db.emailMessage.create({
      data: {
        to: first!.to.toUpperCase(),
        template: "request-to-admins",
        locale: "en",
        status: "SENT",
        requestId,
      },
    });
    expect(await readRequestReceipt(requester.id, requestId)).toMatchObject({
      notified: 1,
      delivered: 1,
      failed: 0,
    });
  });

  it("with no active administrator: nobody notified, and the escalation to support is shown", async () => {
    const { requester, requestId } = await submitted(0);
    const receipt = await readRequestReceipt(requester.id, requestId);
    expect(receipt).toMatchObject({ notified: 0, delivered: 0, notifiedAt: null });
    expect(receipt.escalatedAt).toBeInstanceOf(Date);

    const supportCase = await db.supportCase.create({
      data: { requestId, openedById: requester.id, message: "Nobody answers, please help." },
    });
    expect((await readRequestReceipt(requester.id, requestId)).supportCaseId).toBe(supportCase.id);
  });

  it("gives another person nothing: not the receipt, not a count", async () => {
    const { requestId } = await submitted(2);
    const stranger = await createUser();
    expect((await appErrorOf(readRequestReceipt(stranger.id, requestId))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(readRequestReceipt(stranger.id, "no-such-id"))).code).toBe(
      "NOT_FOUND",
    );
    expect((await appErrorOf(readRequestReceipt(stranger.id, { id: 1 }))).code).toBe("NOT_FOUND");
    expect((await readRequestReceipts(stranger.id, [requestId])).size).toBe(0);
  });
});

describe("before sending: does the account have an active administrator", () => {
  it("answers by the one rule: an ended or disabled administrator does not count", async () => {
    const account = await createAccount();
    expect(await accountHasActiveAdmin(account.id)).toBe(false);

    const admin = await createAdmin([account.id]);
    expect(await accountHasActiveAdmin(account.id)).toBe(true);

    await db.user.update({ where: { id: admin.id }, data: { disabledAt: new Date() } });
    expect(await accountHasActiveAdmin(account.id)).toBe(false);

    const ended = await createUser();
    await createMembership(ended.id, account.id, "ADMIN", { endsAt: new Date(Date.now() - 1000) });
    expect(await accountHasActiveAdmin(account.id)).toBe(false);
  });

  it("refuses an unknown or inactive account with NOT_FOUND, never a 500", async () => {
    const closed = await createAccount({ status: "INACTIVE" });
    expect((await appErrorOf(accountHasActiveAdmin("nope"))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(accountHasActiveAdmin(""))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(accountHasActiveAdmin(closed.id))).code).toBe("NOT_FOUND");
  });
});
