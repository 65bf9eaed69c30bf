import type { MembershipRole } from "@/lib/generated/prisma/enums";
import { appDatabase, type FactoryClient } from "./client";
import { unique, uniqueDomain } from "./unique";

export interface NewAccount {
  name?: string;
  /** Its account domain identifiers (one unique identifier by default). */
  domains?: string[];
  status?: "ACTIVE" | "INACTIVE";
  /** Users with an ADMIN membership (active unless told otherwise). */
  admins?: { userId: string; active?: boolean }[];
  /** Members with any role (active unless told otherwise). */
  members?: { userId: string; role: MembershipRole; active?: boolean; endsAt?: Date | null }[];
}

/** An active account with one unique identifier, its administrators and members, with its domains. */
export async function createAccount(options: NewAccount = {}, client: FactoryClient = appDatabase) {
  const memberships = [
    ...(options.admins ?? []).map((admin) => ({ ...admin, role: "ADMIN" as const })),
    ...(options.members ?? []),
  ];
  return client.account.create({
    data: {
      name: options.name ?? `Account ${unique()}`,
      status: options.status ?? "ACTIVE",
      domains: { create: (options.domains ?? [uniqueDomain()]).map((domain) => ({ domain })) },
      memberships: {
        create: memberships.map((member) => ({
          userId: member.userId,
          role: member.role,
          active: member.active ?? true,
          endsAt: "endsAt" in member ? (member.endsAt ?? null) : null,
        })),
      },
    },
    include: { domains: true },
  });
}
