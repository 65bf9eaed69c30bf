"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import type { RefObject } from "react";
import { buttonPrimary, buttonSecondary } from "../ui/styles";

interface Props {
  accountName: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** The Withdraw button, focused again when the dialog closes. */
  returnFocusTo: RefObject<HTMLButtonElement | null>;
}

/** "Withdraw this request?": loaded when the requester first reaches for the Withdraw button. */
export function WithdrawDialog({ accountName, onConfirm, onCancel, returnFocusTo }: Props) {
  const t = useTranslations("requests.list");
  return (
    <Dialog.Root open onOpenChange={(open) => (open ? undefined : onCancel())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content
          className="fixed left-1/2 top-1/2 z-50 w-[28rem] max-w-[95vw] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl"
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocusTo.current?.focus();
          }}
        >
          <Dialog.Title className="text-lg font-semibold">{accountName}</Dialog.Title>
          <Dialog.Description className="mt-2 text-slate-700">{t("withdrawConfirm")}</Dialog.Description>
          <div className="mt-6 flex justify-end gap-3">
            <Dialog.Close asChild>
              <button type="button" className={buttonSecondary}>{t("withdrawNo")}</button>
            </Dialog.Close>
            <button type="button" className={buttonPrimary} onClick={onConfirm}>
              {t("withdrawYes")}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
