import { randomBytes } from "node:crypto";
import { appDatabase, type FactoryClient } from "./client";

/** A database session of the user (what signing in creates); its token is the session cookie's value. */
export async function createSession(
  userId: string,
  data: { expires?: Date; lastSeenAt?: Date } = {},
  client: FactoryClient = appDatabase,
): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await client.session.create({
    data: {
      sessionToken,
      userId,
      expires: data.expires ?? new Date(Date.now() + 24 * 3600_000),
      ...(data.lastSeenAt && { lastSeenAt: data.lastSeenAt }),
    },
  });
  return sessionToken;
}
