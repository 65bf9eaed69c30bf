"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import {
  createVirtualAccountAction,
  deleteVirtualAccountAction,
  moveVirtualAccountAction,
  renameVirtualAccountAction,
} from "@/app/admin/accounts/[accountId]/virtual-accounts/actions";
import type { ActionResult } from "@/lib/actions/run-action";
import type { TreeNodeView, VirtualAccountsView } from "@/lib/virtual-accounts/manage-read";
import {
  VIRTUAL_ACCOUNT_NAME_LENGTH,
  virtualAccountNameErrorCode,
} from "@/lib/virtual-accounts/manage-rules";
import { ModalActions, ModalContent } from "../ui/modal";
import { Notice } from "../ui/notice";
import { buttonPrimary, card, inputField } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";

type Kind = "add" | "rename" | "move" | "delete";
/** The dialog open: what it does, on which virtual account (null: a new one at the top). */
type Open = { kind: Kind; nodeId: string | null };

const smallButton =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600";

/**
 * The account's tree of virtual accounts as nested lists, each with its member count and the
 * actions the viewer may take there, each in a modal form; read-only for support staff.
 */
export function VirtualAccountsTree({ view }: { view: VirtualAccountsView }) {
  const t = useTranslations("virtualAccounts");
  const [open, setOpen] = useState<Open | null>(null);
  const [report, setReport] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const shown = new Set(view.nodes.map((node) => node.id));
  const childrenOf = (parentId: string | null) =>
    view.nodes.filter((node) =>
      parentId === null
        ? node.parentId === null || !shown.has(node.parentId)
        : node.parentId === parentId,
    );
  const byId = new Map(view.nodes.map((node) => [node.id, node]));

  function openDialog(kind: Kind, node: TreeNodeView | null, button: HTMLElement) {
    opener.current = button;
    setReport(null);
    setOpen({ kind, nodeId: node?.id ?? null });
  }
  // The node as the page shows it now: a refresh (after a change, or a stale deletion) updates
  // the open dialog's facts, such as what a deletion does.
  const openNode = open?.nodeId ? (byId.get(open.nodeId) ?? null) : null;

  const renderList = (parentId: string | null, level: number) => {
    const nodes = childrenOf(parentId);
    if (!nodes.length) return null;
    return (
      <ul className={level === 0 ? "space-y-2" : "mt-2 space-y-2 border-l border-slate-200 pl-4"}>
        {nodes.map((node) => (
          <li key={node.id}>
            <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 bg-white px-3 py-2">
              <div className="min-w-0">
                <span className="font-medium text-slate-900 [overflow-wrap:anywhere]">
                  {node.name}
                </span>
                {node.isDefault ? (
                  <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                    {t("default")}
                  </span>
                ) : null}
                <span className="block text-sm text-slate-700">
                  {t("members", { count: node.members })}
                </span>
              </div>
              {view.readOnly ? null : (
                <div
                  role="group"
                  aria-label={t("actionsFor", { name: node.name })}
                  className="flex flex-wrap gap-2"
                >
                  {node.can.addChild ? (
                    <button
                      type="button"
                      className={smallButton}
                      onClick={(event) => openDialog("add", node, event.currentTarget)}
                    >
                      {t("add")}
                    </button>
                  ) : null}
                  {node.can.rename ? (
                    <button
                      type="button"
                      className={smallButton}
                      onClick={(event) => openDialog("rename", node, event.currentTarget)}
                    >
                      {t("rename")}
                    </button>
                  ) : null}
                  {node.can.move ? (
                    <button
                      type="button"
                      className={smallButton}
                      onClick={(event) => openDialog("move", node, event.currentTarget)}
                    >
                      {t("move")}
                    </button>
                  ) : null}
                  {node.can.delete ? (
                    <button
                      type="button"
                      className={smallButton}
                      onClick={(event) => openDialog("delete", node, event.currentTarget)}
                    >
                      {t("delete")}
                    </button>
                  ) : null}
                </div>
              )}
            </div>
            {renderList(node.id, level + 1)}
          </li>
        ))}
      </ul>
    );
  };

  const onlyDefault = view.wholeTree && view.nodes.length === 1 && view.nodes[0]?.isDefault;
  return (
    <section aria-label={t("tree", { account: view.account.name })} className="space-y-4">
      {report ? <Notice tone="success">{report}</Notice> : null}
      {view.canAddRoot ? (
        <button
          type="button"
          className={buttonPrimary}
          onClick={(event) => openDialog("add", null, event.currentTarget)}
        >
          {t("addRoot")}
        </button>
      ) : null}
      {renderList(null, 0)}
      {onlyDefault && !view.readOnly ? <p className={card}>{t("onlyDefault")}</p> : null}
      {!view.wholeTree && view.nodes.length > 0 && view.nodes.every((node) => !node.parentId) ? (
        <p className="text-sm text-slate-700">{t("noneInBranch")}</p>
      ) : null}
      <Dialog.Root open={open !== null} onOpenChange={(isOpen) => (isOpen ? null : setOpen(null))}>
        {open && (open.nodeId === null || openNode) ? (
          <TreeDialog
            key={`${open.kind}-${open.nodeId ?? "root"}`}
            kind={open.kind}
            node={openNode}
            view={view}
            byId={byId}
            returnFocusTo={opener}
            onDone={(text) => {
              setOpen(null);
              setReport(text);
            }}
          />
        ) : null}
      </Dialog.Root>
    </section>
  );
}

function TreeDialog({
  kind,
  node,
  view,
  byId,
  returnFocusTo,
  onDone,
}: {
  kind: Kind;
  node: TreeNodeView | null;
  view: VirtualAccountsView;
  byId: Map<string, TreeNodeView>;
  returnFocusTo: React.RefObject<HTMLElement | null>;
  onDone: (report: string) => void;
}) {
  const t = useTranslations("virtualAccounts");
  const messages = useActionMessages("virtualAccounts");
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState(kind === "rename" ? (node?.name ?? "") : "");
  const [target, setTarget] = useState<string>(() => {
    const first = node?.moveTargets[0];
    return first === undefined || first === null ? "" : first;
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();
  const accountId = view.account.id;
  const pathOf = (path: string[]) => path.join(" / ");

  function submit<Output>(action: () => Promise<ActionResult<Output>>, success: string) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        onDone(success);
        router.refresh();
        return;
      }
      // What a deletion does changed since the page was read: read it again (the dialog shows
      // the new preview) and let the person confirm that one.
      if ((result.details as { reason?: string }).reason === "deleteStale") router.refresh();
      const fields = messages.fieldMessages(result);
      setError(fields.name ?? fields.parentId ?? messages.formMessage(result));
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (kind === "add" || kind === "rename") {
      const code = virtualAccountNameErrorCode(name);
      if (code) return setError(messages.fieldMessage(code));
      const trimmed = name.trim();
      if (kind === "add")
        return submit(
          () =>
            createVirtualAccountAction({ accountId, parentId: node?.id ?? null, name: trimmed }),
          t("added", { name: trimmed }),
        );
      return submit(
        () => renameVirtualAccountAction({ accountId, virtualAccountId: node!.id, name: trimmed }),
        t("renamed", { name: trimmed }),
      );
    }
    if (kind === "move")
      return submit(
        () =>
          moveVirtualAccountAction({
            accountId,
            virtualAccountId: node!.id,
            parentId: target || null,
          }),
        t("moved", { name: node!.name }),
      );
    submit(
      () =>
        deleteVirtualAccountAction({
          accountId,
          virtualAccountId: node!.id,
          confirm: node!.deletion?.confirm ?? "",
        }),
      t("deleted", { name: node!.name }),
    );
  }

  const title = {
    add: node ? t("addTitle", { parent: pathOf(node.path) }) : t("addRootTitle"),
    rename: t("renameTitle", { name: node?.name ?? "" }),
    move: t("moveTitle", { name: node?.name ?? "" }),
    delete: t("deleteTitle", { name: node?.name ?? "" }),
  }[kind];
  const submitLabel = {
    add: t("addSubmit"),
    rename: t("renameSubmit"),
    move: t("moveSubmit"),
    delete: t("deleteSubmit"),
  }[kind];
  const errorId = `${id}-error`;
  const deletion = node?.deletion;
  const losingAll = deletion?.people.filter((person) => person.losesAllAccess).length ?? 0;

  return (
    <ModalContent returnFocusTo={returnFocusTo} width="w-[32rem]">
      <Dialog.Title className="text-lg font-semibold [overflow-wrap:anywhere]">
        {title}
      </Dialog.Title>
      <form onSubmit={onSubmit} className="mt-4 space-y-4" noValidate>
        {kind === "add" || kind === "rename" ? (
          <div>
            <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-900">
              {t("name")}
            </label>
            <Dialog.Description id={`${id}-help`} className="text-sm text-slate-700">
              {t("nameHelp")}
            </Dialog.Description>
            <input
              id={`${id}-name`}
              name="name"
              className={`${inputField} mt-1`}
              value={name}
              maxLength={VIRTUAL_ACCOUNT_NAME_LENGTH.max + 20}
              autoComplete="off"
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-help ${errorId}` : `${id}-help`}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
        ) : null}
        {kind === "move" && node ? (
          <div>
            <Dialog.Description className="text-sm text-slate-700">
              {t("moveBody", { name: node.name })}
            </Dialog.Description>
            <label htmlFor={`${id}-target`} className="mt-3 block text-sm font-medium">
              {t("moveTo")}
            </label>
            <select
              id={`${id}-target`}
              name="parentId"
              className={`${inputField} mt-1`}
              value={target}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(event) => setTarget(event.target.value)}
            >
              {node.moveTargets.map((targetId) => (
                <option key={targetId ?? "root"} value={targetId ?? ""}>
                  {targetId === null
                    ? t("moveToRoot")
                    : pathOf(byId.get(targetId)?.path ?? [targetId])}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {kind === "delete" && node && deletion ? (
          <Dialog.Description asChild>
            <div className="space-y-3 text-slate-700">
              {deletion.needsConfirmation ? null : (
                <p>{t("deleteNothingElse", { name: node.name })}</p>
              )}
              {deletion.deletes.length > 1 ? (
                <div>
                  <p>{t("deleteAlso", { name: node.name })}</p>
                  <ul className="mt-1 list-disc pl-6">
                    {deletion.deletes.slice(1).map((va) => (
                      <li key={va.id} className="[overflow-wrap:anywhere]">
                        {pathOf(va.path)}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {deletion.people.length > 0 ? (
                <div>
                  <p>{t("deletePeople", { count: deletion.people.length })}</p>
                  <ul className="mt-1 list-disc pl-6">
                    {deletion.people.map((person) => (
                      <li key={person.membershipId} className="[overflow-wrap:anywhere]">
                        {person.name} ({person.email}):{" "}
                        {person.losesAllAccess
                          ? t("losesAll", { account: view.account.name })
                          : t("keepsAccess", { account: view.account.name })}
                      </li>
                    ))}
                  </ul>
                  <p className="mt-2 font-medium">
                    {t("deleteLosesAll", { count: losingAll, account: view.account.name })}
                  </p>
                </div>
              ) : null}
            </div>
          </Dialog.Description>
        ) : null}
        {error ? (
          <p id={errorId} role="alert" className="text-sm font-medium text-red-800">
            {error}
          </p>
        ) : null}
        <ModalActions
          className="flex flex-wrap justify-end gap-3"
          cancelLabel={t("cancel")}
          confirmLabel={submitLabel}
          disabled={busy}
        />
      </form>
    </ModalContent>
  );
}
