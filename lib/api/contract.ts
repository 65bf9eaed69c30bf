import "zod-openapi";
import { z } from "zod";
import { grantableRoles } from "@/lib/admin/rules";
import {
  approvalSchema,
  approvalVirtualAccountSchema,
  denialSchema,
  pageSizes,
  requestIdSchema,
  requestStatuses,
} from "@/lib/admin/schema";
import { calendarDateSchema } from "@/lib/calendar-date-schema";
import type { MembershipRefusal } from "@/lib/memberships/refusals";
import { treeRefusals } from "@/lib/virtual-accounts/manage-refusals";
import {
  DELETE_CONFIRM_LENGTH,
  virtualAccountNameSchema,
} from "@/lib/virtual-accounts/manage-schema";
import { grantedScopeSchema, grantedVirtualAccount, scopeEnum } from "@/lib/requests/granted-scope";
import {
  accessEndShape,
  changeRoleSchema,
  endPresetSchema,
  memberRoleFilters,
  memberStatuses,
  permanentSchema,
  removalSchema,
} from "@/lib/memberships/schema";
import { heldAsValues } from "@/lib/virtual-accounts/effective-role";
import { MAX_SCOPE_GRANTS } from "@/lib/virtual-accounts/scope";

/*
 * The wire shapes of /api/v1, in zod: the handlers parse their input with these (apiRoute's `body`;
 * the Mutations they run parse it again with the schemas these are made of), and the OpenAPI
 * document (./openapi.ts) is generated from them. Dates are ISO 8601 strings in UTC.
 */

/**
 * What a client sends carries its limits here, where the handlers parse it: the document publishes
 * them (maxLength, pattern, format) and tests/integration/api-documented-limits.test.ts sends one
 * past each. An id: a UUID, or a seeded name such as `demo-account-acme-corp`.
 */
const id = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w-]+$/);
/** A calendar day as the document shows it (the schema, calendarDateSchema, checks the date itself). */
const calendarDay = { type: "string", format: "date", maxLength: 10 } as const;
const timestamp = z.iso.datetime();
const nullableTimestamp = timestamp.nullable();

export const roleEnum = z
  .enum(grantableRoles)
  .meta({ id: "Role", description: "A role on a Smart Account." });
export const requestStatusEnum = z.enum(requestStatuses).meta({ id: "RequestStatus" });

export const person = z
  .object({ email: z.email(), firstName: z.string().nullable(), lastName: z.string().nullable() })
  .meta({ id: "Person" });

export const requestSummary = z
  .object({
    id: z.string(),
    status: requestStatusEnum,
    account: z.object({ id: z.string(), name: z.string() }),
    requester: person.extend({ company: z.string().nullable() }),
    reason: z.string(),
    domain: z.string().meta({
      description: "The Account Domain Identifier the requester looked the account up with.",
    }),
    createdAt: timestamp,
    expiresAt: timestamp,
    escalatedAt: nullableTimestamp,
    decidedAt: nullableTimestamp,
    grantedRole: roleEnum.nullable().meta({
      description: "The Smart Account role granted; null unless approved for the whole account.",
    }),
    grantedScope: grantedScopeSchema.nullable().meta({
      description:
        "What the approval granted (the whole account, or virtual accounts with their names at the time); null unless approved.",
    }),
    decidedBy: person.nullable(),
  })
  .meta({ id: "RequestSummary" });

export const requestDetail = requestSummary
  .extend({
    requester: person.extend({
      company: z.string().nullable(),
      jobTitle: z.string().nullable(),
      country: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    decisionNote: z.string().nullable(),
    reminderCount: z.number().int(),
    currentMembership: z
      .object({
        scope: scopeEnum,
        role: roleEnum
          .nullable()
          .meta({ description: "The Smart Account role; null for scope `virtualAccounts`." }),
        active: z.boolean(),
      })
      .nullable()
      .meta({
        description:
          "The requester's access to the account now (an earlier approval, or a former membership).",
      }),
  })
  .meta({ id: "RequestDetail" });

const cursor = z
  .string()
  .max(200)
  .regex(/^[\w-]+$/)
  .meta({ description: "An opaque cursor from a previous page's `next` or `previous`." });

export const requestListQuery = z.object({
  scope: z.enum(["mine", "escalated"]).default("mine").meta({
    description: "`escalated`: super administrators' tokens, escalated requests of every account.",
  }),
  account: id.optional().meta({ description: "Only this account's requests." }),
  status: z.enum([...requestStatuses, "ALL"]).default("PENDING"),
  from: calendarDateSchema.optional().meta({
    description: "Submitted on or after this day (YYYY-MM-DD, UTC).",
    override: calendarDay,
  }),
  to: calendarDateSchema.optional().meta({
    description: "Submitted on or before this day (YYYY-MM-DD, UTC).",
    override: calendarDay,
  }),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .meta({ description: "Part of the requester's name or email." }),
  order: z.enum(["oldest", "newest"]).default("oldest"),
  size: z.enum(pageSizes.map(String) as ["25", "50", "100"]).default("25"),
  after: cursor.optional(),
  before: cursor.optional(),
});

/** The keyset cursors every list answers with, beside its `data`. */
const pageCursors = {
  next: z
    .string()
    .nullable()
    .meta({ description: "Cursor of the next page (pass as `after`), null on the last." }),
  previous: z
    .string()
    .nullable()
    .meta({ description: "Cursor of the previous page (pass as `before`), null on the first." }),
};

export const requestPage = z
  .object({
    data: z.array(requestSummary),
    ...pageCursors,
  })
  .meta({ id: "RequestPage" });

/*
 * The bodies of the writes are the features' own schemas (the ones their Mutations extend with the
 * ids the API takes from the path), with descriptions for the document. Only `endsInDays` differs
 * from a form's: JSON sends a number, a form may send a string.
 */
const endsInDays = (description: string) => endPresetSchema.optional().meta({ description });
const endsOn = (description: string) =>
  accessEndShape.endsOn.meta({ description, override: calendarDay });

export const approveBody = approvalSchema
  .safeExtend({
    role: approvalSchema.shape.role.meta({
      description: "The Smart Account role, for scope `account`: USER unless given.",
    }),
    scope: approvalSchema.shape.scope.meta({
      description:
        "`account` (the default): the whole Smart Account, with `role`. `virtualAccounts`: only those listed in `virtualAccounts`, each with its role.",
    }),
    virtualAccounts: z
      .array(
        approvalVirtualAccountSchema
          .extend({
            id: approvalVirtualAccountSchema.shape.id.meta({
              description: "A virtual account of the request's account.",
            }),
            role: approvalVirtualAccountSchema.shape.role.meta({
              description: "The Virtual Account role on it.",
            }),
            includeSubAccounts: approvalVirtualAccountSchema.shape.includeSubAccounts.meta({
              description:
                "The role holds on the virtual accounts below it too (false unless given).",
            }),
          })
          .meta({ id: "ApprovalVirtualAccount" }),
      )
      .max(MAX_SCOPE_GRANTS)
      .optional()
      .meta({
        description: `For scope \`virtualAccounts\` only: 1 to ${MAX_SCOPE_GRANTS}, each once. One that is not the request's account's answers 409 (\`virtualAccountUnknown\`).`,
      }),
    endsInDays: endsInDays("Time-bound access: ends this many days from now."),
    endsOn: endsOn("Time-bound access: ends at the start of this day (UTC). Not with endsInDays."),
  })
  .meta({ id: "ApproveRequest" });
export const denyBody = denialSchema
  .extend({
    reason: denialSchema.shape.reason.meta({ description: "Emailed to the requester." }),
  })
  .meta({ id: "DenyRequest" });
export const decisionResult = z
  .object({ id: z.string(), status: z.enum(["APPROVED", "DENIED"]), requesterName: z.string() })
  .meta({ id: "DecisionResult" });

export const accountList = z
  .object({ data: z.array(z.object({ id: z.string(), name: z.string() })) })
  .meta({ id: "AccountList", description: "The accounts the token reaches now." });

export const member = z
  .object({
    email: z.email(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    company: z.string().nullable(),
    scope: scopeEnum,
    role: roleEnum
      .nullable()
      .meta({ description: "The Smart Account role; null for scope `virtualAccounts`." }),
    virtualAccounts: z.array(grantedVirtualAccount).max(MAX_SCOPE_GRANTS).meta({
      description:
        "Scope `virtualAccounts`: the virtual accounts granted, each with its role (ids as GET /accounts/{accountId}/virtual-accounts lists them, paths of names as they are now). Empty for scope `account`.",
    }),
    active: z.boolean(),
    userDisabled: z.boolean(),
    since: timestamp,
    until: nullableTimestamp.meta({
      description: "When the access ends (or ended); null: no end date.",
    }),
    endedAt: nullableTimestamp.meta({ description: "When the access ended; null while it lasts." }),
  })
  .meta({ id: "Member" });

export const memberPage = z
  .object({
    data: z.array(member),
    total: z.number().int().meta({ description: "Members matching the filters." }),
    ...pageCursors,
  })
  .meta({ id: "MemberPage" });

export const memberListQuery = z.object({
  q: z.string().max(200).optional().meta({ description: "Part of a name or email address." }),
  role: z.enum(memberRoleFilters).optional().meta({ description: "Only this role (default ALL)." }),
  status: z
    .enum(memberStatuses)
    .optional()
    .meta({ description: "active (default), ending (with an end date), ended, all." }),
  after: cursor.optional().meta({ description: "Cursor from a page's `next`." }),
  before: cursor.optional().meta({ description: "Cursor from a page's `previous`." }),
});

/**
 * A change of a member: a role (changeMemberRole's, on a member of the entire account), a scope
 * (changeMemberAccess's: `scope` with `role` or `virtualAccounts`, as approve takes them), a later
 * end or none (extendMembership's), or a change and an end in one transaction.
 */
export const memberUpdateBody = z
  .object({
    role: changeRoleSchema.shape.role.optional().meta({
      description:
        "The new Smart Account role: never above the token creator's own, never taking the account's last administrator away. Alone, for a member of the entire account (a member of selected virtual accounts answers 409 `virtualAccountsScope`: send `scope`); with `scope` `account`, the role that scope gives.",
    }),
    scope: approvalSchema.shape.scope.removeDefault().optional().meta({
      description:
        "A new scope, replacing the member's access: `account`, the entire Smart Account with `role` (required then); `virtualAccounts`, only those listed in `virtualAccounts`, each with its role. Never taking the account's last Smart Account Administrator away.",
    }),
    virtualAccounts: z
      .array(
        approvalVirtualAccountSchema.extend({
          id: approvalVirtualAccountSchema.shape.id.meta({
            description: "A virtual account of the account.",
          }),
          role: approvalVirtualAccountSchema.shape.role.meta({
            description: "The Virtual Account role on it.",
          }),
          includeSubAccounts: approvalVirtualAccountSchema.shape.includeSubAccounts.meta({
            description:
              "The role holds on the virtual accounts below it too (false unless given).",
          }),
        }),
      )
      .max(MAX_SCOPE_GRANTS)
      .optional()
      .meta({
        description: `With scope \`virtualAccounts\` only: 1 to ${MAX_SCOPE_GRANTS}, each once. One that is not the account's answers 409 (\`virtualAccountUnknown\`).`,
      }),
    endsInDays: endsInDays("A later end: this many days from now."),
    endsOn: endsOn("A later end: the start of this day (UTC). Not with endsInDays."),
    permanent: permanentSchema.meta({ description: "No end any more." }),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: "nothingToChange",
    path: ["_form"],
  })
  .superRefine((body, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    const chosen = body.virtualAccounts;
    // Virtual accounts without the scope that uses them would say nothing clear: refused.
    if (body.scope !== "virtualAccounts") {
      if (chosen !== undefined) issue("virtualAccounts", "virtualAccountsWithoutScope");
      if (body.scope === "account" && body.role === undefined) issue("role", "roleInvalid");
      return;
    }
    if (body.role !== undefined) issue("role", "roleWithVirtualAccounts");
    if (!chosen || chosen.length === 0) issue("virtualAccounts", "virtualAccountsNone");
    else if (new Set(chosen.map((va) => va.id)).size !== chosen.length)
      issue("virtualAccounts", "virtualAccountTwice");
  })
  .meta({
    id: "UpdateMember",
    description: "An end date can only be moved later, on a time-bound access.",
  });

export const memberRemoveBody = removalSchema
  .extend({ reason: removalSchema.shape.reason.meta({ description: "Emailed to the member." }) })
  .meta({ id: "RemoveMember" });

export const heldAsEnum = z.enum(heldAsValues).meta({
  id: "HeldAs",
  description:
    "How an effective role on a virtual account is held: `account`, the Smart Account role (it holds on every virtual account); `direct`, a grant on this virtual account; `inherited`, a grant on an ancestor with its sub-accounts.",
});

export const accessCheck = z
  .object({
    accountId: z.string(),
    email: z.email(),
    scope: z.enum(["account", "virtualAccounts"]).meta({
      description:
        "What the membership covers: `account`, the entire Smart Account (with a Smart Account role); `virtualAccounts`, selected virtual accounts (a role on each, in `virtualAccounts`).",
    }),
    role: roleEnum.nullable().meta({
      description:
        "Without `virtualAccount`: the Smart Account role, null for scope `virtualAccounts` (no role on the account as a whole: see `virtualAccounts`, or ask with `virtualAccount`). With it: the effective role on that virtual account, the highest of the Smart Account role and the grants on it or on an ancestor granted with its sub-accounts.",
    }),
    virtualAccountId: z
      .string()
      .optional()
      .meta({ description: "With `virtualAccount` only: the virtual account asked about." }),
    heldAs: heldAsEnum.optional().meta({ description: "With `virtualAccount` only." }),
    virtualAccounts: z
      .array(
        z.object({
          id: z.string(),
          role: roleEnum,
          includeSubAccounts: z
            .boolean()
            .meta({ description: "The role holds on the virtual accounts below it too." }),
        }),
      )
      .max(MAX_SCOPE_GRANTS)
      .optional()
      .meta({
        description:
          "Scope `virtualAccounts`, without `virtualAccount` only: the virtual accounts granted, each with its role (ids as GET /accounts/{accountId}/virtual-accounts lists them, with their names and paths).",
      }),
    since: timestamp,
    until: nullableTimestamp.meta({ description: "When the access ends; null: no end date." }),
  })
  .meta({ id: "AccessCheck" });

export const accessCheckQuery = z.object({
  virtualAccount: id.optional().meta({
    description:
      "A virtual account's id (from GET /accounts/{accountId}/virtual-accounts; not a path of names): answer the person's effective role there and how it is held, 404 when they have none there or it is not one of the account's virtual accounts.",
  }),
});

export const accountParams = z.object({ accountId: id });
export const memberParams = z.object({
  accountId: id,
  email: z
    .email()
    .max(254)
    .meta({ description: "The person's email address (case does not matter)." }),
});
/** The request's id: requestIdSchema (the one the decisions parse), as `id` for its pattern. */
export const requestParams = z.object({ requestId: requestIdSchema.regex(/^[\w-]+$/) });

const membershipRefusals = [
  "lastAdmin",
  "roleAboveOwn",
  "memberAboveOwn",
  "ended",
  "notLater",
  "noEndDate",
] as const satisfies readonly MembershipRefusal[];

export const problem = z
  .object({
    type: z.literal("about:blank"),
    title: z.string(),
    status: z.number().int(),
    code: z.enum([
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "NOT_FOUND",
      "VALIDATION",
      "CONFLICT",
      "RATE_LIMITED",
      "PAYLOAD_TOO_LARGE",
      "INTERNAL",
    ]),
    detail: z.string(),
    errors: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: "VALIDATION: an error code per field (`_form` for the whole input)." }),
    requestStatus: z
      .string()
      .optional()
      .meta({ description: "CONFLICT: the request's status now." }),
    decidedBy: z.string().nullable().optional(),
    decidedAt: z.string().nullable().optional(),
    requiredScope: z.string().optional(),
    reason: z
      .enum([...membershipRefusals, ...treeRefusals])
      .optional()
      .meta({
        description:
          "A membership or virtual-account change refused: why (409 for the state of things, 403 for a role above the token creator's or a virtual account outside their branch).",
      }),
    confirm: z.string().optional().meta({
      description:
        "reason deleteUnconfirmed or deleteStale: the confirmation of the deletion as it is now (read its preview again before sending it).",
    }),
    accountId: z
      .string()
      .optional()
      .meta({ description: "reason lastAdmin: the account to ask support about." }),
    endsAt: z.string().optional().meta({ description: "reason notLater: the current end." }),
    retryAfterSeconds: z.number().int().optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details; `code` is stable." });

/*
 * Virtual accounts (issue 27): an account's tree, listed flat (each with its parent and its path of
 * names), and its changes, which run the virtual-accounts page's Mutations
 * (lib/virtual-accounts/manage.ts) as the token's creator.
 */

export const virtualAccountParams = z.object({ accountId: id, virtualAccountId: id });

export const virtualAccount = z
  .object({
    id: z.string(),
    name: z.string(),
    parentId: z.string().nullable().meta({ description: "Null for a virtual account at the top." }),
    path: z.array(z.string()).meta({ description: "The names from the top down, itself last." }),
    depth: z.number().int().min(1).max(6).meta({ description: "1 at the top, at most 6." }),
  })
  .meta({ id: "VirtualAccount" });

export const virtualAccountPage = z
  .object({
    data: z.array(virtualAccount),
    ...pageCursors,
  })
  .meta({ id: "VirtualAccountPage" });

export const virtualAccountListQuery = z.object({
  size: z
    .enum(pageSizes.map(String) as ["25", "50", "100"])
    .default("100")
    .meta({ description: "Virtual accounts per page (default 100)." }),
  after: cursor.optional().meta({ description: "Cursor from a page's `next`." }),
  before: cursor.optional().meta({ description: "Cursor from a page's `previous`." }),
});

const parentId = (description: string) => id.nullable().optional().meta({ description });

export const virtualAccountCreateBody = z
  .object({
    name: virtualAccountNameSchema.meta({
      description: "Trimmed; 1 to 100 characters, no control character; unique among its siblings.",
    }),
    parentId: parentId(
      "The parent's id; absent or null: at the top (Smart Account Administrators only).",
    ),
  })
  .meta({ id: "CreateVirtualAccount" });

export const virtualAccountUpdateBody = z
  .object({
    name: virtualAccountNameSchema.optional().meta({
      description: "A new name: 1 to 100 characters, unique among its siblings.",
    }),
    parentId: parentId(
      "A new parent (null: the top), never itself or one of its sub-accounts; everything below it moves with it.",
    ),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: "nothingToChange",
    path: ["_form"],
  })
  .meta({
    id: "UpdateVirtualAccount",
    description: "A name and a parent sent together change together or not at all.",
  });

export const virtualAccountDeleteQuery = z.object({
  confirm: z
    .string()
    .max(DELETE_CONFIRM_LENGTH.max)
    .regex(/^[\w-]+$/)
    .optional()
    .meta({
      description:
        "The `confirm` of the deletion's preview (GET …/deletion): needed when the virtual account has sub-accounts or people; refused (409 deleteStale) when what it previewed changed since.",
    }),
});

export const virtualAccountDeletion = z
  .object({
    virtualAccount,
    deletes: z
      .array(virtualAccount)
      .meta({ description: "It and every virtual account below it, deleted together." }),
    people: z
      .array(
        z.object({
          email: z.email(),
          name: z.string(),
          grants: z
            .array(z.array(z.string()))
            .meta({ description: "Their grants on what is deleted, as paths of names." }),
          losesAllAccess: z.boolean().meta({
            description:
              "No grant left in the account: their access ends (as a removal), they are emailed and a membership.removed event is sent.",
          }),
        }),
      )
      .meta({ description: "The people granted on what is deleted." }),
    needsConfirmation: z.boolean(),
    confirm: z.string().meta({ description: "Send it as `confirm` to delete." }),
  })
  .meta({ id: "VirtualAccountDeletion" });

export const virtualAccountDeleted = z
  .object({
    deleted: z.array(virtualAccount),
    removed: z.number().int().meta({ description: "People whose access ended." }),
    narrowed: z.number().int().meta({ description: "People who keep access elsewhere." }),
  })
  .meta({ id: "VirtualAccountDeleted" });
