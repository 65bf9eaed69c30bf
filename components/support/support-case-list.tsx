import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { SupportCaseStatus } from "@/lib/generated/prisma/enums";
import { shortDateTime } from "../ui/date-formats";
import { linkText } from "../ui/styles";

interface SupportCaseItem {
  id: string;
  createdAt: Date;
  status: SupportCaseStatus;
  message: string;
}

/**
 * Support cases in the console, newest first as given: each links to its page, with its status,
 * a word about it (`about`) and the start of its message.
 */
export function SupportCaseList<Case extends SupportCaseItem>({
  cases,
  about,
}: {
  cases: Case[];
  about: (supportCase: Case) => ReactNode;
}) {
  const t = useTranslations("support");
  const format = useFormatter();
  if (cases.length === 0) return <p className="text-sm text-slate-700">{t("request.noCases")}</p>;
  return (
    <ul className="space-y-3">
      {cases.map((supportCase) => (
        <li key={supportCase.id} className="rounded border border-slate-200 p-3 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <Link href={`/support/cases/${supportCase.id}`} prefetch={false} className={linkText}>
              {t("request.caseLink", {
                date: format.dateTime(supportCase.createdAt, shortDateTime),
              })}
            </Link>
            <span className="font-medium">{t(`cases.status.${supportCase.status}`)}</span>
            {about(supportCase)}
          </p>
          <p className="mt-1 line-clamp-3 whitespace-pre-wrap text-slate-800">
            {supportCase.message}
          </p>
        </li>
      ))}
    </ul>
  );
}
