"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { revokeTokenAction } from "@/app/admin/tokens/actions";
import { ConfirmContent } from "../ui/modal";
import { buttonSecondary } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";

/** Revokes a token after a confirmation; the outcome is announced. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const t = useTranslations("integrations.tokens");
  const messages = useActionMessages("integrations");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState("");
  const [busy, startTransition] = useTransition();

  function onConfirm() {
    setOpen(false);
    startTransition(async () => {
      const result = await revokeTokenAction(tokenId);
      setOutcome(result.ok ? t("revoked", { name }) : messages.formMessage(result));
      router.refresh();
    });
  }

  return (
    <>
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <Dialog.Trigger className={buttonSecondary} disabled={busy}>
          {t("revoke", { name })}
        </Dialog.Trigger>
        <ConfirmContent
          title={t("revokeTitle", { name })}
          description={t("revokeBody")}
          cancelLabel={t("cancel")}
          confirmLabel={t("revokeConfirm")}
          onConfirm={onConfirm}
        />
      </Dialog.Root>
      <p role="status" className="sr-only">
        {outcome}
      </p>
    </>
  );
}
