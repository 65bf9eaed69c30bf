import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { MembershipRole, Prisma } from "@/lib/generated/prisma/client";

import { completeProfile } from "./complete-profile";

const unique = () => randomBytes(4).toString("hex");

/** A user with a complete profile unless overridden. */
export async function createUser(data: Partial<Prisma.UserCreateInput> = {}) {
  return db.user.create({
    data: {
      email: `user-${unique()}@example.com`,
      ...completeProfile,
      locale: "en",
      ...data,
    },
  });
}

export function actorOf(user: {
  id: string;
  email: string;
  platformRole: Actor["platformRole"];
  locale: Actor["locale"];
}): Actor {
  return { id: user.id, email: user.email, platformRole: user.platformRole, locale: user.locale };
}

/** An active account with the given identifiers and administrators. */
export async function createAccount(options: {
  name?: string;
  domains: string[];
  status?: "ACTIVE" | "INACTIVE";
  members?: { userId: string; role: MembershipRole; active?: boolean }[];
}) {
  return db.account.create({
    data: {
      name: options.name ?? `Account ${unique()}`,
      status: options.status ?? "ACTIVE",
      domains: { create: options.domains.map((domain) => ({ domain })) },
      memberships: {
        create: (options.members ?? []).map((member) => ({
          userId: member.userId,
          role: member.role,
          active: member.active ?? true,
        })),
      },
    },
  });
}

export const uniqueDomain = () => `d${unique()}.example`;
