"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import {
  deleteEndpointAction,
  rotateSecretAction,
  sendTestEventAction,
  setEndpointEnabledAction,
} from "@/app/admin/webhooks/actions";
import { SECRET_OVERLAP_HOURS } from "@/lib/webhooks/rules";
import { ConfirmContent } from "../ui/modal";
import { Notice } from "../ui/notice";
import { buttonSecondary } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";
import { SecretOnce } from "./secret-once";

/**
 * Send a test event (enabled endpoints), rotate the signing secret, disable or enable, delete: each
 * change of an endpoint behind its button.
 */
export function EndpointActions({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const t = useTranslations("integrations.log");
  const messages = useActionMessages("integrations");
  const router = useRouter();
  const [dialog, setDialog] = useState<"rotate" | "delete" | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, startTransition] = useTransition();

  const run = (work: () => Promise<void>) => {
    setDialog(null);
    startTransition(work);
  };

  const rotate = () =>
    run(async () => {
      const result = await rotateSecretAction(endpointId);
      if (result.ok) setSecret(result.data.secret);
      else setNotice({ tone: "error", text: messages.formMessage(result) });
    });

  const toggle = () =>
    run(async () => {
      const result = await setEndpointEnabledAction(endpointId, !enabled);
      setNotice(
        result.ok
          ? { tone: "success", text: t(enabled ? "disabled" : "enabled") }
          : { tone: "error", text: messages.formMessage(result) },
      );
      router.refresh();
    });

  const sendTest = () =>
    run(async () => {
      const result = await sendTestEventAction(endpointId);
      setNotice(
        result.ok
          ? { tone: "success", text: t("testSent") }
          : { tone: "error", text: messages.formMessage(result) },
      );
      router.refresh();
    });

  const remove = () =>
    run(async () => {
      const result = await deleteEndpointAction(endpointId);
      if (result.ok) router.push("/admin/webhooks");
      else setNotice({ tone: "error", text: messages.formMessage(result) });
    });

  return (
    <div className="space-y-3">
      {secret ? (
        <SecretOnce
          title={t("rotatedTitle")}
          body={t("rotateBody", { hours: SECRET_OVERLAP_HOURS })}
          label={t("rotatedTitle")}
          secret={secret}
        />
      ) : null}
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      <div className="flex flex-wrap gap-3">
        {enabled ? (
          <button type="button" className={buttonSecondary} disabled={busy} onClick={sendTest}>
            {t("sendTest")}
          </button>
        ) : null}
        <Dialog.Root
          open={dialog === "rotate"}
          onOpenChange={(open) => setDialog(open ? "rotate" : null)}
        >
          <Dialog.Trigger className={buttonSecondary} disabled={busy}>
            {t("rotate")}
          </Dialog.Trigger>
          <ConfirmContent
            title={t("rotateTitle")}
            description={t("rotateBody", { hours: SECRET_OVERLAP_HOURS })}
            cancelLabel={t("cancel")}
            confirmLabel={t("rotateConfirm")}
            onConfirm={rotate}
          />
        </Dialog.Root>
        <button type="button" className={buttonSecondary} disabled={busy} onClick={toggle}>
          {enabled ? t("disable") : t("enable")}
        </button>
        <Dialog.Root
          open={dialog === "delete"}
          onOpenChange={(open) => setDialog(open ? "delete" : null)}
        >
          <Dialog.Trigger className={buttonSecondary} disabled={busy}>
            {t("delete")}
          </Dialog.Trigger>
          <ConfirmContent
            title={t("deleteTitle")}
            description={t("deleteBody")}
            cancelLabel={t("cancel")}
            confirmLabel={t("deleteConfirm")}
            onConfirm={remove}
          />
        </Dialog.Root>
      </div>
    </div>
  );
}
