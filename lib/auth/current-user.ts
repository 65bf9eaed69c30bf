import { getServerSession } from "next-auth";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { authOptions } from "./options";

/**
 * The signed-in user, read fresh from the database (roles and profile are never taken from the
 * session cookie). Null when signed out or disabled. Cached for one request.
 */
export const getCurrentUser = cache(async () => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: {
      id: true, email: true, firstName: true, lastName: true, company: true, jobTitle: true,
      country: true, phone: true, locale: true, platformRole: true, disabledAt: true,
    },
  });
  return user && !user.disabledAt ? user : null;
});

export type CurrentUser = NonNullable<Awaited<ReturnType<typeof getCurrentUser>>>;
