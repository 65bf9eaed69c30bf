"use client";

import { useFormatter, useTranslations } from "next-intl";
import { shortDateTime } from "@/components/ui/date-formats";

const statuses = ["APPROVED", "DENIED", "EXPIRED", "WITHDRAWN"] as const;

/** "Already approved by X on T": what an administrator who lost the race to decide is told. */
export function useAlreadyDecided() {
  const t = useTranslations("admin");
  const format = useFormatter();
  return (details: Record<string, unknown>): string => {
    const status = statuses.find((candidate) => candidate === details.status) ?? "PENDING";
    const decidedAt = typeof details.decidedAt === "string" ? new Date(details.decidedAt) : null;
    return t(`decision.already.${status}`, {
      name: typeof details.decidedBy === "string" ? details.decidedBy : t("request.someone"),
      date: decidedAt ? format.dateTime(decidedAt, shortDateTime) : "—",
    });
  };
}
