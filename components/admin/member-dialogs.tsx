"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import {
  useId,
  useState,
  useTransition,
  type FormEvent,
  type ReactNode,
  type RefObject,
} from "react";
import {
  changeMemberRoleAction,
  extendMembershipAction,
  removeMemberAction,
} from "@/app/admin/actions";
import type { ActionResult } from "@/lib/actions/run-action";
import { removalReasonErrorCode, type Role } from "@/lib/memberships/rules";
import { shortDate } from "../ui/date-formats";
import { ModalActions, ModalContent } from "../ui/modal";
import { useActionMessages } from "../ui/use-action-messages";
import { RemovalReasonField } from "./removal-reason-field";
import { RoleChoice } from "./role-choice";
import {
  AccessEndField,
  accessEndErrorCode,
  accessEndInput,
  type AccessEndValue,
} from "./access-end-field";

export type DialogKind = "role" | "remove" | "extend";
export type MemberReport = { tone: "success" | "error"; text: string; askSupport?: boolean };

interface Props {
  kind: DialogKind;
  member: { id: string; name: string; role: Role; endsOn: string | null };
  accountName: string;
  grantableRoles: Role[];
  returnFocusTo: RefObject<HTMLElement | null>;
  onClose: () => void;
  onDone: (report: MemberReport) => void;
}

/** Change the role of, extend the access of, or remove one member: a modal form each. */
export function MemberDialog({
  kind,
  member,
  accountName,
  grantableRoles,
  returnFocusTo,
  onClose,
  onDone,
}: Props) {
  const t = useTranslations("memberships.actions");
  const tRoles = useTranslations("requests.roles");
  const tEnd = useTranslations("memberships.end");
  const messages = useActionMessages("memberships");
  const format = useFormatter();
  const router = useRouter();
  const id = useId();
  const [role, setRole] = useState<Role>(member.role);
  const [reason, setReason] = useState("");
  const [end, setEnd] = useState<AccessEndValue>({ choice: "90", date: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();

  function submit<Output>(
    action: () => Promise<ActionResult<Output>>,
    success: (data: Output) => string,
  ) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        onDone({ tone: "success", text: success(result.data) });
        router.refresh();
        return;
      }
      const reason = (result.details as { reason?: string }).reason;
      if (reason === "lastAdmin") {
        onDone({ tone: "error", text: messages.formMessage(result), askSupport: true });
        return;
      }
      const fields = messages.fieldMessages(result);
      setError(
        fields.reason ??
          fields.endsOn ??
          fields.endsInDays ??
          fields.role ??
          messages.formMessage(result),
      );
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (kind === "role") {
      submit(
        () => changeMemberRoleAction({ membershipId: member.id, role }),
        (data) =>
          t(data.outcome === "changed" ? "roleChanged" : "roleUnchanged", {
            name: member.name,
            role: tRoles(role),
          }),
      );
    } else if (kind === "remove") {
      const code = removalReasonErrorCode(reason);
      if (code) return setError(messages.fieldMessage(code));
      submit(
        () => removeMemberAction({ membershipId: member.id, reason }),
        () => t("removed", { name: member.name }),
      );
    } else {
      const code = accessEndErrorCode(end);
      if (code) return setError(messages.fieldMessage(code));
      const input = end.choice === "none" ? { permanent: true as const } : accessEndInput(end);
      submit(
        () => extendMembershipAction({ membershipId: member.id, ...input }),
        (data) =>
          data.membership.endsAt
            ? t("extended", {
                name: member.name,
                date: format.dateTime(new Date(data.membership.endsAt), shortDate),
              })
            : t("extendedPermanent", { name: member.name }),
      );
    }
  }

  const titles: Record<DialogKind, string> = {
    role: t("roleTitle", { name: member.name }),
    remove: t("removeTitle", { name: member.name, account: accountName }),
    extend: t("extendTitle", { name: member.name }),
  };
  const descriptions: Record<DialogKind, string> = {
    role: t("roleBody", { name: member.name }),
    remove: t("removeBody"),
    extend: t("extendBody", { date: member.endsOn ?? "—" }),
  };
  const fields: Record<DialogKind, ReactNode> = {
    role: (
      <RoleChoice
        id={id}
        roles={grantableRoles}
        value={role}
        onChange={setRole}
        legend={titles.role}
        hideLegend
      />
    ),
    remove: (
      <RemovalReasonField id={id} label={t("removeReason")} value={reason} onChange={setReason} />
    ),
    extend: (
      <AccessEndField
        id={`${id}-extend`}
        value={end}
        onChange={setEnd}
        error={null}
        noneLabel={tEnd("permanent")}
      />
    ),
  };
  const confirmLabel: Record<DialogKind, string> = {
    role: t("roleSave"),
    remove: t("removeConfirm"),
    extend: t("extendSave"),
  };

  return (
    <Dialog.Root open onOpenChange={(isOpen) => (isOpen ? undefined : onClose())}>
      <ModalContent width="w-[32rem]" returnFocusTo={returnFocusTo}>
        <Dialog.Title className="text-lg font-semibold">{titles[kind]}</Dialog.Title>
        <Dialog.Description className="mt-2 text-slate-700">
          {descriptions[kind]}
        </Dialog.Description>
        <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
          {fields[kind]}
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <ModalActions
            cancelLabel={t("cancel")}
            confirmLabel={busy ? t("working") : confirmLabel[kind]}
            disabled={busy}
          />
        </form>
      </ModalContent>
    </Dialog.Root>
  );
}
