"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import type { RefObject } from "react";
import { ConfirmContent } from "../ui/modal";

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
      <ConfirmContent
        title={accountName}
        description={t("withdrawConfirm")}
        cancelLabel={t("withdrawNo")}
        confirmLabel={t("withdrawYes")}
        onConfirm={onConfirm}
        returnFocusTo={returnFocusTo}
      />
    </Dialog.Root>
  );
}
