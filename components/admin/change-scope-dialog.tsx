"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition, type FormEvent, type RefObject } from "react";
import { changeMemberAccessAction } from "@/app/admin/accounts/[accountId]/members/actions";
import type { Role } from "@/lib/memberships/rules";
import type { TreeNode } from "@/lib/virtual-accounts/tree";
import type { Access } from "@/lib/virtual-accounts/scope";
import { ModalActions, ModalContent } from "../ui/modal";
import { useActionMessages } from "../ui/use-action-messages";
import { AccessPicker, accessErrorCode } from "../virtual-accounts/access-picker";
import type { MemberReport } from "./member-dialogs";

interface Props {
  member: { id: string; name: string };
  /** What the membership gives now: the form starts from it. */
  current: Access;
  /** The roles the viewer may give (never above their own). */
  roles: Role[];
  /** The account's virtual accounts, in tree order. */
  tree: TreeNode[];
  returnFocusTo: RefObject<HTMLElement | null>;
  onClose: () => void;
  onDone: (report: MemberReport) => void;
}

/**
 * A Smart Account Administrator replaces a member's access (issue 27): the entire account with a
 * role, or selected virtual accounts each with its role. The server checks again who may, that the
 * virtual accounts are still the account's, and that the last Smart Account Administrator stays.
 */
export function ChangeScopeDialog({
  member,
  current,
  roles,
  tree,
  returnFocusTo,
  onClose,
  onDone,
}: Props) {
  const t = useTranslations("memberships.grants");
  const tActions = useTranslations("memberships.actions");
  const messages = useActionMessages("memberships");
  const router = useRouter();
  const id = useId();
  const [access, setAccess] = useState<Access>(current);
  const [error, setError] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = accessErrorCode(access);
    if (code) return setError(messages.fieldMessage(code));
    setError(null);
    startTransition(async () => {
      const result = await changeMemberAccessAction({ membershipId: member.id, access });
      if (result.ok) {
        onDone({
          tone: "success",
          text: t(result.data.outcome === "changed" ? "scopeChanged" : "scopeUnchanged", {
            name: member.name,
          }),
        });
        router.refresh();
        return;
      }
      const reason = (result.details as { reason?: string }).reason;
      // Only support can help when the account would lose its last administrator: say so above the table.
      if (reason === "lastAdmin") {
        onDone({ tone: "error", text: messages.formMessage(result), askSupport: true });
        return;
      }
      const fields = Object.values(messages.fieldMessages(result));
      setError(fields[0] ?? messages.formMessage(result));
    });
  }

  return (
    <Dialog.Root open onOpenChange={(isOpen) => (isOpen ? undefined : onClose())}>
      <ModalContent width="w-[32rem]" returnFocusTo={returnFocusTo}>
        <Dialog.Title className="text-lg font-semibold">
          {t("changeScopeTitle", { name: member.name })}
        </Dialog.Title>
        <Dialog.Description className="mt-2 text-slate-700">
          {t("changeScopeBody", { name: member.name })}
        </Dialog.Description>
        <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
          {/* A large tree scrolls inside the box, whose buttons stay in view. */}
          <div className="max-h-[60vh] overflow-y-auto pr-1">
            <AccessPicker
              id={id}
              value={access}
              onChange={(next) => {
                setAccess(next);
                setError(null);
              }}
              roles={roles}
              tree={tree}
              error={error}
            />
          </div>
          <ModalActions
            cancelLabel={tActions("cancel")}
            confirmLabel={busy ? tActions("working") : t("changeScopeSave")}
            disabled={busy}
          />
        </form>
      </ModalContent>
    </Dialog.Root>
  );
}
