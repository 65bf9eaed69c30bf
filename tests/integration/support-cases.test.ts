import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { openSupportCase } from "@/lib/requests/open-support-case";
import { addSupportCaseNote } from "@/lib/support/add-case-note";
import { closeSupportCase } from "@/lib/support/close-case";
import { listSupportCases, viewSupportCaseAsSupport } from "@/lib/support/support-cases";
import { actorOf, createAccount, createRequest, createUser } from "../factories";
import { appErrorOf } from "./app-error-of";

async function openCase(message = "I am still waiting for an answer.") {
  const requester = await createUser();
  const account = await createAccount();
  const request = await createRequest({ requesterId: requester.id, accountId: account.id });
  const { supportCaseId } = await openSupportCase.execute(actorOf(requester), {
    requestId: request.id,
    message,
  });
  return { requester, request, caseId: supportCaseId };
}

describe("support notes on a case", () => {
  it("support staff add a note; it is stored with its author and audited on the case", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const { caseId } = await openCase();
    const { noteId } = await addSupportCaseNote.execute(actorOf(support), {
      caseId,
      body: "  Called the admin.  ",
    });
    expect(await db.supportCaseNote.findUniqueOrThrow({ where: { id: noteId } })).toMatchObject({
      caseId,
      authorId: support.id,
      body: "Called the admin.",
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "supportCase.noteAdded", subjectId: caseId },
    });
    expect(audit).toMatchObject({
      actorId: support.id,
      subjectType: "SupportCase",
      after: { noteId, body: "Called the admin." },
    });
  });

  it("a super administrator may add a note too", async () => {
    const superadmin = await createUser({ platformRole: "SUPERADMIN" });
    const { caseId } = await openCase();
    await addSupportCaseNote.execute(actorOf(superadmin), { caseId, body: "Looking into it." });
    expect(await db.supportCaseNote.count({ where: { caseId, authorId: superadmin.id } })).toBe(1);
  });

  it("a user without a support role is refused, even claiming the role: it is read from the database", async () => {
    const requester = await createUser();
    const { caseId } = await openCase();
    const error = await appErrorOf(
      addSupportCaseNote.execute(
        { ...actorOf(requester), platformRole: "SUPPORT" },
        { caseId, body: "I am support, trust me." },
      ),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(await db.supportCaseNote.count({ where: { caseId } })).toBe(0);
  });

  it("disabled support staff are refused", async () => {
    const support = await createUser({ platformRole: "SUPPORT", disabledAt: new Date() });
    const { caseId } = await openCase();
    expect(
      (await appErrorOf(addSupportCaseNote.execute(actorOf(support), { caseId, body: "Hello" })))
        .code,
    ).toBe("FORBIDDEN");
  });

  it("an empty note is refused with a message for the field; an unknown case is not found", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const { caseId } = await openCase();
    const empty = await appErrorOf(
      addSupportCaseNote.execute(actorOf(support), { caseId, body: "   " }),
    );
    expect(empty).toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { body: "noteRequired" } },
    });
    expect(
      (
        await appErrorOf(
          addSupportCaseNote.execute(actorOf(support), { caseId: "nope", body: "Hello" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });
});

describe("closing a support case", () => {
  it("support staff close an open case; it is audited, and closing again says it is already closed", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const { caseId } = await openCase();
    await closeSupportCase.execute(actorOf(support), { caseId });
    expect(await db.supportCase.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({
      status: "CLOSED",
      closedById: support.id,
      closedAt: expect.any(Date),
    });
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { action: "supportCase.closed", subjectId: caseId },
      }),
    ).toMatchObject({
      actorId: support.id,
      before: { status: "OPEN" },
      after: { status: "CLOSED" },
    });
    const again = await appErrorOf(closeSupportCase.execute(actorOf(support), { caseId }));
    expect(again).toMatchObject({
      code: "CONFLICT",
      details: { fieldErrors: { _form: "caseAlreadyClosed" } },
    });
    expect(
      await db.auditEvent.count({ where: { action: "supportCase.closed", subjectId: caseId } }),
    ).toBe(1);
  });

  it("two staff closing at once close it once", async () => {
    const [first, second] = await Promise.all([
      createUser({ platformRole: "SUPPORT" }),
      createUser({ platformRole: "SUPERADMIN" }),
    ]);
    const { caseId } = await openCase();
    const results = await Promise.allSettled([
      closeSupportCase.execute(actorOf(first), { caseId }),
      closeSupportCase.execute(actorOf(second), { caseId }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(
      await db.auditEvent.count({ where: { action: "supportCase.closed", subjectId: caseId } }),
    ).toBe(1);
  });

  it("the requester (or anyone without a support role) cannot close it", async () => {
    const { requester, caseId } = await openCase();
    expect((await appErrorOf(closeSupportCase.execute(actorOf(requester), { caseId }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await db.supportCase.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("OPEN");
  });

  it("an unknown case is not found", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    expect(
      (await appErrorOf(closeSupportCase.execute(actorOf(support), { caseId: "nope" }))).code,
    ).toBe("NOT_FOUND");
  });
});

describe("the list of support cases", () => {
  it("shows open cases newest first by default, closed ones under their filter, a page at a time", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const opened: string[] = [];
    for (let i = 0; i < 5; i += 1)
      opened.push((await openCase(`Case number ${i} needs help`)).caseId);
    await closeSupportCase.execute(actorOf(support), { caseId: opened[1]! });

    const openIds = (await listSupportCases(support, "OPEN", null, 100)).cases.map(
      (supportCase) => supportCase.id,
    );
    expect(openIds.filter((id) => opened.includes(id))).toEqual([
      opened[4],
      opened[3],
      opened[2],
      opened[0],
    ]);
    const closed = await listSupportCases(support, "CLOSED", null, 100);
    expect(closed.cases.map((supportCase) => supportCase.id)).toContain(opened[1]);
    expect(closed.cases.every((supportCase) => supportCase.status === "CLOSED")).toBe(true);

    const first = await listSupportCases(support, "ALL", null, 2);
    expect(first.cases).toHaveLength(2);
    expect(first.newer).toBeNull();
    const second = await listSupportCases(support, "ALL", { after: first.older! }, 2);
    expect(second.cases.map((c) => c.id)).not.toContain(first.cases[0]!.id);
    const back = await listSupportCases(
      support,
      "ALL",
      { before: second.newer as { createdAt: Date; id: string } },
      2,
    );
    expect(back.cases.map((c) => c.id)).toEqual(first.cases.map((c) => c.id));
  });

  it("viewing a case records who looked at it", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const { caseId, request } = await openCase();
    const view = await viewSupportCaseAsSupport(support, caseId);
    expect(view).toMatchObject({ id: caseId, request: { id: request.id }, notes: [] });
    expect(
      await db.auditEvent.count({
        where: { action: "supportCase.viewed", subjectId: caseId, actorId: support.id },
      }),
    ).toBe(1);
  });
});
