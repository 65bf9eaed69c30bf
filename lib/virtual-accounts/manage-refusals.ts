import { AppError } from "@/lib/errors";

/**
 * Why a change of the virtual-account tree was refused, as a stable code: the page's catalog key
 * (virtualAccounts.errors.<code>) and what an API problem names in `reason`.
 */
export const treeRefusals = [
  /** Another virtual account of the same parent (or another root) has that name. */
  "nameTaken",
  /** The tree would be more than 6 levels deep. */
  "tooDeep",
  /** A virtual account cannot go below itself or one of its sub-accounts. */
  "belowItself",
  /** DEFAULT is not renamed, moved or deleted. */
  "defaultKept",
  /** The new parent is not a virtual account of the account (deleted meanwhile). */
  "parentUnknown",
  /** A Virtual Account Administrator's change reaching outside their branch. */
  "outsideBranch",
  /** A Virtual Account Administrator renaming, moving or deleting the top of their own branch. */
  "branchRoot",
  /** A deletion with sub-accounts or people, sent without its preview's confirmation. */
  "deleteUnconfirmed",
  /** A deletion whose confirmation is of another preview: what it deletes changed since. */
  "deleteStale",
] as const;

export type TreeRefusal = (typeof treeRefusals)[number];

const forbidden: ReadonlySet<TreeRefusal> = new Set(["outsideBranch", "branchRoot"]);

/** The AppError of a refusal: FORBIDDEN for the actor's reach, CONFLICT for the state of the tree. */
export function treeRefused(
  reason: TreeRefusal,
  details: Record<string, unknown> = {},
  field = "_form",
): AppError {
  return new AppError(
    forbidden.has(reason) ? "FORBIDDEN" : "CONFLICT",
    `Virtual account change refused: ${reason}`,
    { ...details, reason, fieldErrors: { [field]: reason } },
  );
}

/** Not a virtual account the actor may see, or none at all: the same answer either way. */
export const virtualAccountNotFound = () => new AppError("NOT_FOUND", "No such virtual account");
