import type { CurrentUser } from "@/lib/auth/current-user";

/** Who acts or reads: always the signed-in user as read fresh from the database (getCurrentUser). */
export type Actor = Pick<CurrentUser, "id" | "email" | "platformRole" | "locale">;
