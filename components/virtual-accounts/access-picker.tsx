"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Role } from "@/lib/memberships/rules";
import type { TreeNode } from "@/lib/virtual-accounts/tree";
import { MAX_SCOPE_GRANTS, type Access, type ScopeGrant } from "@/lib/virtual-accounts/scope";
import { RoleChoice } from "../admin/role-choice";
import { inputField } from "../ui/styles";

/**
 * The catalog key (memberships.errors.*) of a scope the server would refuse as such, or null:
 * what a form checks before sending (whether the virtual accounts are still the account's is the
 * server's to say).
 */
export function accessErrorCode(access: Access): string | null {
  if (access.scope === "ACCOUNT") return null;
  if (access.grants.length === 0) return "virtualAccountsNone";
  if (access.grants.length > MAX_SCOPE_GRANTS) return "virtualAccountsTooMany";
  return null;
}

/** A virtual account's names from the root down, from the tree the picker shows. */
export function pathInTree(tree: TreeNode[], virtualAccountId: string): string[] {
  const byId = new Map(tree.map((node) => [node.id, node]));
  const names: string[] = [];
  for (let node = byId.get(virtualAccountId); node; node = byId.get(node.parentId ?? "")) {
    names.unshift(node.name);
  }
  return names;
}

interface Props {
  /** Prefix of the inputs' ids (a useId of the form). */
  id: string;
  value: Access;
  onChange: (access: Access) => void;
  /** The roles one may give, on the whole account and on each virtual account. */
  roles: readonly Role[];
  /** The account's virtual accounts in tree order; null: "Selected virtual accounts" is not offered. */
  tree: TreeNode[] | null;
  /** Why "Selected virtual accounts" is not offered (shown beside it when `tree` is null). */
  unavailableHint?: string;
  /** What is wrong with the scope (the server's or accessErrorCode's words). */
  error?: string | null;
  /**
   * Whether "Entire Smart Account" is offered (true by default). Not to a Virtual Account
   * Administrator, who gives access inside their branch only: the value then starts as selected
   * virtual accounts.
   */
  entireAccount?: boolean;
}

/**
 * What access to give: the entire Smart Account with a role (the default), or selected virtual
 * accounts — the account's tree as nested checkboxes, each checked one with its role and whether
 * it includes its sub-accounts. Controlled, and knows nothing of what it is for: approving a
 * request, changing a member's scope.
 */
export function AccessPicker({
  id,
  value,
  onChange,
  roles,
  tree,
  unavailableHint,
  error,
  entireAccount = true,
}: Props) {
  const t = useTranslations("memberships.scope");
  // What the other choice held, so that switching back and forth loses nothing: every change
  // first remembers the value it replaces.
  const [lastRole, setLastRole] = useState<Role>(value.scope === "ACCOUNT" ? value.role : "USER");
  const [lastGrants, setLastGrants] = useState<ScopeGrant[]>(
    value.scope === "VIRTUAL_ACCOUNTS" ? value.grants : [],
  );
  function change(next: Access) {
    if (value.scope === "ACCOUNT") setLastRole(value.role);
    else setLastGrants(value.grants);
    onChange(next);
  }

  const errorId = `${id}-scope-error`;
  const selectedHelpId = `${id}-scope-selected-help`;
  const offered = tree !== null;
  const grants = value.scope === "VIRTUAL_ACCOUNTS" ? value.grants : [];
  const grantOf = (vaId: string) => grants.find((grant) => grant.virtualAccountId === vaId);
  const defaultRole: Role = roles.includes("USER") ? "USER" : (roles[0] ?? "VIEWER");

  function setGrant(vaId: string, grant: ScopeGrant | null) {
    const others = grants.filter((item) => item.virtualAccountId !== vaId);
    const next = grant ? [...others, grant] : others;
    // Kept in tree order.
    const order = new Map((tree ?? []).map((node, index) => [node.id, index]));
    next.sort(
      (a, b) => (order.get(a.virtualAccountId) ?? 0) - (order.get(b.virtualAccountId) ?? 0),
    );
    change({ scope: "VIRTUAL_ACCOUNTS", grants: next });
  }

  const pathOf = (node: TreeNode): string =>
    pathInTree(tree ?? [], node.id).join(t("pathSeparator"));

  function branch(parentId: string | null) {
    const nodes = (tree ?? []).filter((node) => node.parentId === parentId);
    if (nodes.length === 0) return null;
    return (
      <ul
        className={
          parentId === null ? "space-y-1" : "ml-6 mt-1 space-y-1 border-l border-slate-200 pl-3"
        }
      >
        {nodes.map((node) => {
          const grant = grantOf(node.id);
          const path = pathOf(node);
          const hasChildren = (tree ?? []).some((item) => item.parentId === node.id);
          const base = `${id}-va-${node.id}`;
          return (
            <li key={node.id}>
              <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
                <div className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    id={base}
                    checked={Boolean(grant)}
                    onChange={(event) =>
                      setGrant(
                        node.id,
                        event.target.checked
                          ? {
                              virtualAccountId: node.id,
                              role: defaultRole,
                              includeSubAccounts: false,
                            }
                          : null,
                      )
                    }
                    className="h-4 w-4 accent-brand-600"
                  />
                  <label htmlFor={base} className="text-sm font-medium text-slate-900">
                    {node.name}
                  </label>
                </div>
                {grant ? (
                  <div className="flex basis-full flex-wrap items-center gap-x-4 gap-y-1 pl-6">
                    <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                      <label htmlFor={`${base}-role`} className="text-sm text-slate-800">
                        {t("picker.role")}
                        <span className="sr-only"> {t("picker.forPath", { path })}</span>
                      </label>
                      <select
                        id={`${base}-role`}
                        value={grant.role}
                        onChange={(event) =>
                          setGrant(node.id, { ...grant, role: event.target.value as Role })
                        }
                        className={`${inputField} w-auto max-w-full shrink-0 py-1 text-sm`}
                      >
                        {roles.map((role) => (
                          <option key={role} value={role}>
                            {t(`virtualAccountRoles.${role}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    {hasChildren ? (
                      <div className="flex items-center gap-2">
                        <input
                          type="checkbox"
                          id={`${base}-sub`}
                          checked={grant.includeSubAccounts}
                          onChange={(event) =>
                            setGrant(node.id, {
                              ...grant,
                              includeSubAccounts: event.target.checked,
                            })
                          }
                          className="h-4 w-4 accent-brand-600"
                        />
                        <label htmlFor={`${base}-sub`} className="text-sm text-slate-800">
                          {t("includeSubAccounts")}
                          <span className="sr-only"> {t("picker.forPath", { path })}</span>
                        </label>
                      </div>
                    ) : null}
                  </div>
                ) : null}
              </div>
              {branch(node.id)}
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <fieldset className="space-y-3" aria-describedby={error ? errorId : undefined}>
      <legend className="font-semibold text-slate-900">{t("label")}</legend>
      <div className="space-y-2">
        {entireAccount ? (
          <div className="flex items-start gap-2">
            <input
              type="radio"
              id={`${id}-scope-account`}
              name={`${id}-scope`}
              checked={value.scope === "ACCOUNT"}
              onChange={() => change({ scope: "ACCOUNT", role: lastRole })}
              aria-describedby={`${id}-scope-account-help`}
              className="mt-1 h-4 w-4 accent-brand-600"
            />
            <label htmlFor={`${id}-scope-account`} className="text-sm">
              <span className="font-medium text-slate-900">{t("entireAccount")}</span>
              <span id={`${id}-scope-account-help`} className="block text-slate-700">
                {t("picker.entireHelp")}
              </span>
            </label>
          </div>
        ) : null}
        <div className="flex items-start gap-2">
          <input
            type="radio"
            id={`${id}-scope-selected`}
            name={`${id}-scope`}
            checked={value.scope === "VIRTUAL_ACCOUNTS"}
            disabled={!offered}
            onChange={() => change({ scope: "VIRTUAL_ACCOUNTS", grants: lastGrants })}
            aria-describedby={selectedHelpId}
            className="mt-1 h-4 w-4 accent-brand-600"
          />
          <label htmlFor={`${id}-scope-selected`} className="text-sm">
            <span className="font-medium text-slate-900">{t("selected")}</span>
            <span id={selectedHelpId} className="block text-slate-700">
              {offered ? t("picker.selectedHelp") : (unavailableHint ?? t("picker.unavailable"))}
            </span>
          </label>
        </div>
      </div>
      {value.scope === "ACCOUNT" ? (
        <RoleChoice
          id={`${id}-scope`}
          roles={roles}
          value={value.role}
          onChange={(role) => change({ scope: "ACCOUNT", role })}
          legend={t("picker.accountRole")}
        />
      ) : (
        <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined}>
          <legend className="text-sm font-semibold text-slate-900">
            {t("picker.virtualAccounts")}
          </legend>
          {branch(null) ?? <p className="text-sm text-slate-700">{t("picker.empty")}</p>}
          <p className="text-xs text-slate-600" aria-live="polite">
            {t("picker.chosen", { count: grants.length })}
          </p>
        </fieldset>
      )}
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
