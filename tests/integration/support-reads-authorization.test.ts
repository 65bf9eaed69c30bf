import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { membershipsAsSupport } from "@/lib/memberships/support-history";
import { openSupportCase } from "@/lib/requests/open-support-case";
import {
  exportRequestsCsv,
  EXPORT_COLUMNS,
  type ExportColumn,
} from "@/lib/support/export-requests";
import { viewRequestAsSupport } from "@/lib/support/request-details";
import { parseRequestSearch } from "@/lib/support/search-params";
import { searchRequests } from "@/lib/support/search-requests";
import {
  countOpenSupportCases,
  listSupportCases,
  viewSupportCaseAsSupport,
} from "@/lib/support/support-cases";
import { requestTimeline } from "@/lib/support/timeline";
import { viewUserAsSupport } from "@/lib/support/user-details";
import { actorOf, createAccount, createRequest, createUser } from "../factories";
import { appErrorOf } from "./app-error-of";

/**
 * Every read of the support console checks its viewer itself, from the database, whatever page or
 * route calls it: the pages' own check is for comfort (a redirect, a 404), not the protection.
 */

type Viewer = { id: string };
let world: { requesterId: string; requestId: string; caseId: string };

const header = Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, column])) as Record<
  ExportColumn,
  string
>;
const everything = (() => {
  const parsed = parseRequestSearch({});
  if (!parsed.ok) throw new Error("the empty search should parse");
  return parsed.filters;
})();

/** Every read the console offers, each called the way its page calls it. */
const supportReads: Record<string, (viewer: Viewer) => Promise<unknown>> = {
  viewRequestAsSupport: (viewer) => viewRequestAsSupport(viewer, world.requestId),
  requestTimeline: (viewer) => requestTimeline(viewer, world.requestId, [world.caseId]),
  viewUserAsSupport: (viewer) => viewUserAsSupport(viewer, world.requesterId),
  viewSupportCaseAsSupport: (viewer) => viewSupportCaseAsSupport(viewer, world.caseId),
  listSupportCases: (viewer) => listSupportCases(viewer, "ALL", null),
  countOpenSupportCases: (viewer) => countOpenSupportCases(viewer),
  searchRequests: (viewer) => searchRequests(viewer, everything, null),
  membershipsAsSupport: (viewer) => membershipsAsSupport(viewer, { userId: world.requesterId }),
  exportRequestsCsv: (viewer) =>
    exportRequestsCsv(viewer, everything, header).then((stream) => new Response(stream).text()),
};

beforeAll(async () => {
  const requester = await createUser();
  const account = await createAccount();
  const request = await createRequest({ requesterId: requester.id, accountId: account.id });
  const { supportCaseId } = await openSupportCase.execute(actorOf(requester), {
    requestId: request.id,
    message: "Nobody has answered me yet.",
  });
  world = { requesterId: requester.id, requestId: request.id, caseId: supportCaseId };
});

/** Who must be refused: everyone but active support staff, whatever else they may do in the portal. */
const refusedViewers: Record<string, () => Promise<Viewer>> = {
  "a requester (no platform role)": () => createUser(),
  "an account administrator": async () => {
    const admin = await createUser();
    await createAccount({ admins: [{ userId: admin.id }] });
    return admin;
  },
  "disabled support staff": () => createUser({ platformRole: "SUPPORT", disabledAt: new Date() }),
  "disabled super administrator": () =>
    createUser({ platformRole: "SUPERADMIN", disabledAt: new Date() }),
  "a user who no longer exists": async () => ({ id: "no-such-user" }),
};

describe("support reads check their viewer themselves", () => {
  describe.each(Object.entries(refusedViewers))("%s", (_who, createViewer) => {
    it.each(Object.keys(supportReads))(
      "is refused by %s, and nothing is recorded",
      async (read) => {
        const viewer = await createViewer();
        const error = await appErrorOf(supportReads[read]!(viewer));
        expect(error.code).toBe("FORBIDDEN");
        expect(await db.auditEvent.count({ where: { actorId: viewer.id } })).toBe(0);
      },
    );
  });

  it("a role taken from the caller is not trusted: support staff demoted since are refused", async () => {
    const formerSupport = await createUser({ platformRole: "SUPPORT" });
    const stale = actorOf(formerSupport);
    await db.user.update({ where: { id: formerSupport.id }, data: { platformRole: "NONE" } });
    for (const read of Object.values(supportReads))
      expect((await appErrorOf(read(stale))).code).toBe("FORBIDDEN");
  });

  it.each(["SUPPORT", "SUPERADMIN"] as const)(
    "%s is served by every read",
    async (platformRole) => {
      const staff = await createUser({ platformRole });
      const view = (await viewRequestAsSupport(staff, world.requestId)) as {
        request: { id: string };
      };
      expect(view.request.id).toBe(world.requestId);
      expect(await viewUserAsSupport(staff, world.requesterId)).toMatchObject({
        user: { id: world.requesterId },
      });
      expect(await viewSupportCaseAsSupport(staff, world.caseId)).toMatchObject({
        id: world.caseId,
      });
      expect(
        (await requestTimeline(staff, world.requestId, [world.caseId])).entries.length,
      ).toBeGreaterThan(0);
      expect(
        (await listSupportCases(staff, "ALL", null)).cases.map((supportCase) => supportCase.id),
      ).toContain(world.caseId);
      expect(await countOpenSupportCases(staff)).toBeGreaterThanOrEqual(1);
      expect((await searchRequests(staff, everything, null)).rows.map((row) => row.id)).toContain(
        world.requestId,
      );
      expect(await supportReads.exportRequestsCsv!(staff)).toContain(world.requestId);
    },
  );
});
