import { Prisma } from "@/lib/generated/prisma/client";

/*
 * A fragment of the admin queue's and the support search's statements (SQL for their plans:
 * admin-queue.ts, support-search.ts).
 */

/** A request's requester and account as flat columns of a raw query (pages read in one statement). */
export interface RequesterAccountColumns {
  requesterEmail: string;
  requesterFirstName: string | null;
  requesterLastName: string | null;
  requesterCompany: string | null;
  accountId: string;
  accountName: string;
}

/** The columns above, from `"User" u` (the requester) and `"Account" a` joined to the request. */
export const requesterAccountColumns = Prisma.sql`
  u."email" AS "requesterEmail", u."firstName" AS "requesterFirstName", u."lastName" AS "requesterLastName",
  u."company" AS "requesterCompany", a."id" AS "accountId", a."name" AS "accountName"`;
