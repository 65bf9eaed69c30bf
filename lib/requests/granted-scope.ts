import "zod-openapi";
import { z } from "zod";
import { grantableRoles } from "@/lib/admin/rules";
import type { Role } from "@/lib/memberships/rules";
import type { AccessView } from "@/lib/virtual-accounts/grants";

/*
 * What an approval granted, as it is kept on the request (AccessRequest.grantedScope), put in the
 * requester's email and published (the API's requests, the request.approved webhook): the whole
 * Smart Account with a role, or the virtual accounts with their names at the time of the approval,
 * so that the requester still sees what was granted after the membership or the tree changed. The
 * membership webhooks describe a membership's scope with the same fields (lib/webhooks/events.ts).
 */

export const grantedVirtualAccount = z
  .object({
    id: z.string(),
    path: z.array(z.string()).meta({
      description: "The virtual account's name and its ancestors', from the root down.",
    }),
    role: z.enum(grantableRoles).meta({ description: "The Virtual Account role." }),
    includeSubAccounts: z
      .boolean()
      .meta({ description: "The role holds on the virtual accounts below it too." }),
  })
  .meta({ id: "GrantedVirtualAccount" });

export const scopeEnum = z.enum(["account", "virtualAccounts"]).meta({
  id: "AccessScope",
  description:
    "`account`: the whole Smart Account, with `role`; `virtualAccounts`: only the virtual accounts listed, each with its role.",
});

export const grantedScopeSchema = z
  .object({
    scope: scopeEnum,
    role: z
      .enum(grantableRoles)
      .nullable()
      .meta({ description: "The Smart Account role; null for scope `virtualAccounts`." }),
    virtualAccounts: z
      .array(grantedVirtualAccount)
      .meta({ description: "Empty for scope `account`." }),
  })
  .meta({ id: "GrantedScope", description: "What an approval granted, as it was then." });

export type GrantedScope = z.infer<typeof grantedScopeSchema>;

/** Back to what describeAccess reads, to say it in words. */
export function accessViewOfGranted(granted: GrantedScope): AccessView {
  return granted.scope === "account"
    ? { scope: "ACCOUNT", role: granted.role ?? "VIEWER" }
    : {
        scope: "VIRTUAL_ACCOUNTS",
        grants: granted.virtualAccounts.map((va) => ({
          virtualAccountId: va.id,
          path: va.path,
          role: va.role,
          includeSubAccounts: va.includeSubAccounts,
        })),
      };
}

/**
 * What a decided request granted, from its row: the kept scope, or (an approval made before scopes
 * were kept and not carried over by the migration, e.g. seeded rows) the whole account with
 * `grantedRole`; null when it granted nothing. A stored value that does not parse counts as absent.
 */
export function grantedScopeOfRow(row: {
  grantedScope: unknown;
  grantedRole: Role | null;
}): GrantedScope | null {
  const stored = grantedScopeSchema.safeParse(row.grantedScope);
  if (stored.success) return stored.data;
  return row.grantedRole ? { scope: "account", role: row.grantedRole, virtualAccounts: [] } : null;
}
