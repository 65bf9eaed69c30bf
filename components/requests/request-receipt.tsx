"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useState, useTransition } from "react";
import { requestReceiptAction } from "@/app/requests/actions";
import type { RequestReceipt as Receipt } from "@/lib/requests/receipt";
import { linkText } from "../ui/styles";

/** How often the receipt asks again while emails wait in the outbox, and for how long at most. */
const POLL_MS = 5_000;
const POLL_TIMES = 12;

/**
 * How many administrators were told of the request, when, and what became of those emails:
 * counts only. While emails wait in the outbox it asks again every few seconds for up to a minute;
 * the Refresh button asks at any time.
 */
export function RequestReceipt({
  requestId,
  initial = null,
}: {
  requestId: string;
  /** The receipt as the page read it; without it (just after sending) it is asked for at once. */
  initial?: Receipt | null;
}) {
  const t = useTranslations("requests.receipt");
  const format = useFormatter();
  const id = useId();
  const [receipt, setReceipt] = useState(initial);
  const [polls, setPolls] = useState(0);
  const [refreshing, startRefresh] = useTransition();

  function refresh() {
    startRefresh(async () => {
      const result = await requestReceiptAction(requestId);
      if (result.ok) setReceipt(result.data);
    });
  }

  const waiting = !receipt || receipt.queued > 0;
  useEffect(() => {
    if (!waiting || polls >= POLL_TIMES) return;
    const timer = setTimeout(
      () => {
        setPolls((count) => count + 1);
        refresh();
      },
      receipt ? POLL_MS : 0,
    );
    return () => clearTimeout(timer);
    // refresh reads only the request's id, which never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [waiting, polls]);

  const date = (value: Date) =>
    format.dateTime(new Date(value), { dateStyle: "medium", timeStyle: "short" });
  if (!receipt) return null;
  const nobody = receipt.notified === 0;
  const allFailed = !nobody && receipt.failed === receipt.notified;
  return (
    <div className="space-y-1 text-sm" aria-labelledby={`${id}-title`} role="group">
      <p id={`${id}-title`} className="font-medium">
        {t("title")}
      </p>
      <div aria-live="polite" className="space-y-1">
        {nobody ? (
          <p className="font-medium">{t("nobody")}</p>
        ) : (
          <>
            <p>{t("notified", { count: receipt.notified, date: date(receipt.notifiedAt!) })}</p>
            <ul className="ml-5 list-disc">
              <li>{t("delivered", { count: receipt.delivered, total: receipt.notified })}</li>
              {receipt.queued > 0 ? <li>{t("queued", { count: receipt.queued })}</li> : null}
              {receipt.held > 0 ? <li>{t("held", { count: receipt.held })}</li> : null}
              {receipt.failed > 0 ? <li>{t("failed", { count: receipt.failed })}</li> : null}
            </ul>
            {allFailed ? <p className="font-medium">{t("allFailed")}</p> : null}
          </>
        )}
        {nobody || allFailed ? (
          <p>
            {receipt.escalatedAt
              ? t("supportTold", { date: date(receipt.escalatedAt) })
              : t("supportLater")}
          </p>
        ) : null}
        {receipt.supportCaseId ? (
          <p>{t("caseReference", { reference: receipt.supportCaseId })}</p>
        ) : null}
      </div>
      <button type="button" className={linkText} onClick={refresh} disabled={refreshing}>
        {refreshing ? t("refreshing") : t("refresh")}
      </button>
    </div>
  );
}
