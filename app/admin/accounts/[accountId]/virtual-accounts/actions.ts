"use server";

import { runAction } from "@/lib/actions/run-action";
import {
  createVirtualAccount,
  deleteVirtualAccount,
  moveVirtualAccount,
  renameVirtualAccount,
} from "@/lib/virtual-accounts/manage";

// Thin by design: the mutations parse, authorize against the database (the actor's branch) and
// change the tree; the page refreshes itself after a success.

export async function createVirtualAccountAction(input: {
  accountId: string;
  parentId: string | null;
  name: string;
}) {
  return runAction(createVirtualAccount, input);
}

export async function renameVirtualAccountAction(input: {
  accountId: string;
  virtualAccountId: string;
  name: string;
}) {
  return runAction(renameVirtualAccount, input);
}

export async function moveVirtualAccountAction(input: {
  accountId: string;
  virtualAccountId: string;
  parentId: string | null;
}) {
  return runAction(moveVirtualAccount, input);
}

export async function deleteVirtualAccountAction(input: {
  accountId: string;
  virtualAccountId: string;
  confirm: string;
}) {
  return runAction(deleteVirtualAccount, input);
}
