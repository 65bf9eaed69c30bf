"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition, type FormEvent, type RefObject } from "react";
import {
  changeMemberGrantAction,
  grantVirtualAccountAction,
  removeMemberGrantAction,
} from "@/app/admin/accounts/[accountId]/members/actions";
import type { ActionResult } from "@/lib/actions/run-action";
import { membershipRoles, removalReasonErrorCode, type Role } from "@/lib/memberships/rules";
import { ModalActions, ModalContent } from "../ui/modal";
import { inputField } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";
import type { MemberReport } from "./member-dialogs";
import { RemovalReasonField } from "./removal-reason-field";

/** A member's role on one virtual account, as the members page shows it. */
export interface MemberGrant {
  virtualAccountId: string;
  /** The virtual account's names from the root, in words ("EMEA / France"). */
  path: string;
  role: Role;
  includeSubAccounts: boolean;
  /** The viewer manages everything below it too: the grant may include its sub-accounts. */
  wholeSubtree: boolean;
  /** The whole grant in words ("EMEA / France: Virtual Account User"). */
  line: string;
}

/** A virtual account the viewer manages (gives roles on). */
export interface ViewerVirtualAccount {
  id: string;
  path: string;
  wholeSubtree: boolean;
}

export type GrantDialogKind = "add" | "change" | "remove";

interface Props {
  kind: GrantDialogKind;
  accountId: string;
  /** The member (null: "add" for someone typed by email). */
  member: { id: string; name: string; email: string } | null;
  grant: MemberGrant | null;
  virtualAccounts: ViewerVirtualAccount[];
  returnFocusTo: RefObject<HTMLElement | null>;
  onClose: () => void;
  onDone: (report: MemberReport) => void;
}

/**
 * Give a member a role on a virtual account, change one, or take one away (issue 27): what a
 * Virtual Account Administrator does in their branch, and a Smart Account Administrator anywhere.
 * The server decides again what lies in the viewer's branch.
 */
export function GrantDialog(props: Props) {
  const { kind, member, grant, virtualAccounts } = props;
  const t = useTranslations("memberships.grants");
  const tRoles = useTranslations("memberships.scope.virtualAccountRoles");
  const tActions = useTranslations("memberships.actions");
  const messages = useActionMessages("memberships");
  const router = useRouter();
  const id = useId();
  const [email, setEmail] = useState(member?.email ?? "");
  const [virtualAccountId, setVirtualAccountId] = useState(
    grant?.virtualAccountId ?? virtualAccounts[0]?.id ?? "",
  );
  const [role, setRole] = useState<Role>(grant?.role ?? "USER");
  const [includeSubAccounts, setIncludeSubAccounts] = useState(grant?.includeSubAccounts ?? false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();

  const chosen = virtualAccounts.find((va) => va.id === virtualAccountId);
  const subAccountsAllowed =
    kind === "change" ? Boolean(grant?.wholeSubtree) : Boolean(chosen?.wholeSubtree);
  const name = member?.name ?? email;
  const path = grant?.path ?? chosen?.path ?? "";

  function submit<Output>(
    action: () => Promise<ActionResult<Output>>,
    success: (data: Output) => string,
  ) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        props.onDone({ tone: "success", text: success(result.data) });
        router.refresh();
        return;
      }
      const fields = messages.fieldMessages(result);
      setError(fields.email ?? fields.reason ?? fields.role ?? messages.formMessage(result));
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const includes = subAccountsAllowed && includeSubAccounts;
    if (kind === "add") {
      submit(
        () =>
          grantVirtualAccountAction({
            accountId: props.accountId,
            email,
            virtualAccountId,
            role,
            includeSubAccounts: includes,
          }),
        (data) => (data.outcome === "unchanged" ? t("unchanged") : t("granted", { name, path })),
      );
    } else if (kind === "change" && member && grant) {
      submit(
        () =>
          changeMemberGrantAction({
            membershipId: member.id,
            virtualAccountId: grant.virtualAccountId,
            role,
            includeSubAccounts: includes,
          }),
        (data) => (data.outcome === "unchanged" ? t("unchanged") : t("changed", { name, path })),
      );
    } else if (member && grant) {
      const code = removalReasonErrorCode(reason);
      if (code) return setError(messages.fieldMessage(code));
      submit(
        () =>
          removeMemberGrantAction({
            membershipId: member.id,
            virtualAccountId: grant.virtualAccountId,
            reason,
          }),
        (data) => (data.outcome === "ended" ? t("ended", { name }) : t("removed", { name, path })),
      );
    }
  }

  const title =
    kind === "add"
      ? member
        ? t("addOf", { name })
        : t("addTitle")
      : kind === "change"
        ? t("changeTitle", { name, path })
        : t("removeTitle", { name, path });
  const description =
    kind === "add" ? t("addBody") : kind === "change" ? t("changeBody", { name }) : t("removeBody");

  return (
    <Dialog.Root open onOpenChange={(isOpen) => (isOpen ? undefined : props.onClose())}>
      <ModalContent width="w-[32rem]" returnFocusTo={props.returnFocusTo}>
        <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
        <Dialog.Description className="mt-2 text-slate-700">{description}</Dialog.Description>
        <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
          {kind === "add" ? (
            <>
              <div className="space-y-1">
                <label htmlFor={`${id}-email`} className="block text-sm font-medium text-slate-800">
                  {t("email")}
                </label>
                <input
                  id={`${id}-email`}
                  type="email"
                  autoComplete="off"
                  maxLength={320}
                  value={email}
                  readOnly={Boolean(member)}
                  onChange={(event) => setEmail(event.target.value)}
                  className={inputField}
                />
              </div>
              <div className="space-y-1">
                <label htmlFor={`${id}-va`} className="block text-sm font-medium text-slate-800">
                  {t("virtualAccount")}
                </label>
                <select
                  id={`${id}-va`}
                  value={virtualAccountId}
                  onChange={(event) => setVirtualAccountId(event.target.value)}
                  className={inputField}
                >
                  {virtualAccounts.map((va) => (
                    <option key={va.id} value={va.id}>
                      {va.path}
                    </option>
                  ))}
                </select>
              </div>
            </>
          ) : null}
          {kind !== "remove" ? (
            <>
              <div className="space-y-1">
                <label htmlFor={`${id}-role`} className="block text-sm font-medium text-slate-800">
                  {t("role")}
                </label>
                <select
                  id={`${id}-role`}
                  value={role}
                  onChange={(event) => setRole(event.target.value as Role)}
                  className={inputField}
                >
                  {membershipRoles.map((option) => (
                    <option key={option} value={option}>
                      {tRoles(option)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="flex items-start gap-2">
                <input
                  id={`${id}-subs`}
                  type="checkbox"
                  checked={subAccountsAllowed && includeSubAccounts}
                  disabled={!subAccountsAllowed}
                  onChange={(event) => setIncludeSubAccounts(event.target.checked)}
                  aria-describedby={subAccountsAllowed ? undefined : `${id}-subs-help`}
                  className="mt-1 h-4 w-4 accent-brand-600"
                />
                <label htmlFor={`${id}-subs`} className="text-sm text-slate-900">
                  {t("includeSubAccounts")}
                  {subAccountsAllowed ? null : (
                    <span id={`${id}-subs-help`} className="block text-slate-700">
                      {t("subAccountsOutside")}
                    </span>
                  )}
                </label>
              </div>
            </>
          ) : (
            <RemovalReasonField
              id={id}
              label={tActions("removeReason")}
              value={reason}
              onChange={setReason}
            />
          )}
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <ModalActions
            cancelLabel={tActions("cancel")}
            confirmLabel={busy ? tActions("working") : kind === "remove" ? t("remove") : t("save")}
            disabled={busy}
          />
        </form>
      </ModalContent>
    </Dialog.Root>
  );
}
