"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import type { AccountMatch } from "@/lib/accounts/lookup-accounts";
import { ModalActions, ModalContent } from "../ui/modal";

interface Props {
  domain: string;
  accounts: AccountMatch[];
  onSelect: (account: AccountMatch) => void;
  onCancel: () => void;
}

/**
 * Several accounts share the identifier: the requester picks one. Radio buttons (arrow keys move
 * between them), OK submits, Escape or Cancel closes.
 */
export function AccountPickerDialog({ domain, accounts, onSelect, onCancel }: Props) {
  const t = useTranslations("requests.picker");
  const id = useId();
  const [selectedId, setSelectedId] = useState(accounts[0]?.id ?? "");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const account = accounts.find((candidate) => candidate.id === selectedId);
    if (account) onSelect(account);
  }

  return (
    <Dialog.Root open onOpenChange={(open) => (open ? undefined : onCancel())}>
      <ModalContent width="w-[32rem]">
        <Dialog.Title className="text-lg font-semibold text-slate-900">{t("title")}</Dialog.Title>
        <Dialog.Description className="mt-1 text-slate-700">
          {t("description", { domain })}
        </Dialog.Description>
        <form onSubmit={onSubmit} className="mt-4">
          <fieldset>
            <legend className="sr-only">{t("title")}</legend>
            <ul className="divide-y divide-slate-200 rounded border border-slate-200">
              {accounts.map((account) => (
                <li key={account.id}>
                  <label
                    htmlFor={`${id}-${account.id}`}
                    className="flex cursor-pointer items-center gap-3 px-3 py-3 hover:bg-brand-50 has-[:checked]:bg-brand-50"
                  >
                    <input
                      id={`${id}-${account.id}`}
                      type="radio"
                      name="account"
                      value={account.id}
                      checked={selectedId === account.id}
                      onChange={() => setSelectedId(account.id)}
                      className="h-4 w-4 accent-brand-600"
                    />
                    <span>
                      <span className="block font-medium text-slate-900">{account.name}</span>
                      <span className="block text-sm text-slate-600">
                        {t("identifier")}: {account.domain}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <ModalActions
            className="mt-6 flex justify-end gap-3"
            cancelLabel={t("cancel")}
            confirmLabel={t("ok")}
            disabled={!selectedId}
          />
        </form>
      </ModalContent>
    </Dialog.Root>
  );
}
