import { z } from "zod";
import { CONTROL_CHARACTERS, VIRTUAL_ACCOUNT_NAME_LENGTH } from "./manage-rules";

/*
 * What the virtual-accounts page and the API send to change the tree (issue 27): a name, a place
 * (a parent, or the root), the confirmation of a deletion. Messages are catalog keys under
 * virtualAccounts.errors. The tree's own rules (names unique among siblings, 6 levels, never below
 * itself, DEFAULT kept) are checked by the use cases (lib/virtual-accounts/manage.ts) and kept by
 * PostgreSQL.
 */

/** The longest confirmation a deletion takes (its preview's `confirm` is shorter). */
export const DELETE_CONFIRM_LENGTH = { max: 64 } as const;

/** An id (a UUID, or a seeded name such as `demo-va-acme-emea`). */
const id = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w-]+$/, "invalid");

/** A virtual account's name: trimmed, 1 to 100 characters, no control character. */
export const virtualAccountNameSchema = z
  .string({ error: "nameRequired" })
  .trim()
  .min(1, "nameRequired")
  .max(VIRTUAL_ACCOUNT_NAME_LENGTH.max, "nameTooLong")
  .refine((name) => !CONTROL_CHARACTERS.test(name), "nameInvalid");

/** A new place in the tree: a parent's id, or the root (null; a form's empty choice). */
export const parentIdSchema = z
  .union([id, z.literal(""), z.null()])
  .transform((value) => (value ? value : null));

export const createVirtualAccountSchema = z.object({
  accountId: id,
  parentId: parentIdSchema.optional().transform((value) => value ?? null),
  name: virtualAccountNameSchema,
});

export const renameVirtualAccountSchema = z.object({
  accountId: id,
  virtualAccountId: id,
  name: virtualAccountNameSchema,
});

export const moveVirtualAccountSchema = z.object({
  accountId: id,
  virtualAccountId: id,
  parentId: parentIdSchema,
});

/** The deletion preview's `confirm`, echoed: refused when what it previewed changed meanwhile. */
export const deleteConfirmSchema = z
  .string()
  .trim()
  .max(DELETE_CONFIRM_LENGTH.max, "confirmInvalid")
  .regex(/^[\w-]*$/, "confirmInvalid")
  .optional()
  .transform((value) => value || null);

export const deleteVirtualAccountSchema = z.object({
  accountId: id,
  virtualAccountId: id,
  confirm: deleteConfirmSchema,
});

export const virtualAccountRefSchema = z.object({ accountId: id, virtualAccountId: id });
