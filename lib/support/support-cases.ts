import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { KeysetRead, keysetPage, rowsToFetch, type PageDirection } from "@/lib/pagination/keyset";
import { personSelect } from "@/lib/people";
import type { CaseStatusFilter } from "./search-params";
import { assertSupportStaff } from "./access";

export const CASES_PAGE_SIZE = 25;

const listSelect = {
  id: true,
  status: true,
  createdAt: true,
  closedAt: true,
  message: true,
  openedBy: { select: personSelect },
  request: { select: { id: true, status: true, account: { select: { name: true } } } },
  account: { select: { name: true } },
  _count: { select: { notes: true } },
} as const satisfies Prisma.SupportCaseSelect;

/** Support cases, newest first, by keyset on (createdAt, id) like the request search; support staff only. */
export async function listSupportCases(
  viewer: Pick<Actor, "id">,
  status: CaseStatusFilter,
  direction: PageDirection,
  pageSize = CASES_PAGE_SIZE,
) {
  await assertSupportStaff(viewer);
  const read = new KeysetRead(direction, "desc");
  const fetched = await db.supportCase.findMany({
    where: { ...(status === "ALL" ? {} : { status }), ...read.prismaWhere() },
    orderBy: read.prismaOrderBy(),
    take: rowsToFetch(pageSize),
    select: listSelect,
  });
  const page = keysetPage(fetched, direction, pageSize);
  return { cases: page.rows, older: page.next, newer: page.previous };
}

/** For the console's navigation; support staff only. */
export async function countOpenSupportCases(viewer: Pick<Actor, "id">): Promise<number> {
  await assertSupportStaff(viewer);
  return db.supportCase.count({ where: { status: "OPEN" } });
}

/** One case with its notes, for support staff; the view is recorded ("supportCase.viewed"). Null when there is none. */
export async function viewSupportCaseAsSupport(viewer: Pick<Actor, "id">, caseId: string) {
  await assertSupportStaff(viewer);
  const exists = await db.supportCase.findUnique({ where: { id: caseId }, select: { id: true } });
  if (!exists) return null;
  await recordAudit(db, {
    actorId: viewer.id,
    action: "supportCase.viewed",
    subjectType: "SupportCase",
    subjectId: caseId,
  });
  return db.supportCase.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      status: true,
      message: true,
      createdAt: true,
      closedAt: true,
      openedBy: { select: { ...personSelect, company: true } },
      closedBy: { select: personSelect },
      request: {
        select: {
          id: true,
          status: true,
          domain: true,
          createdAt: true,
          account: { select: { name: true } },
        },
      },
      account: { select: { name: true } },
      notes: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, body: true, createdAt: true, author: { select: personSelect } },
      },
    },
  });
}
