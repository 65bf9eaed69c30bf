import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/ui/page-heading";
import { buttonSecondary, card, linkText } from "@/components/ui/styles";
import { demoMode } from "@/lib/env";
import { listMailbox, type MailboxEntry } from "@/lib/mail/mailbox";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("mailbox"))("title") };
}

export default async function MailboxPage({
  searchParams,
}: {
  searchParams: Promise<{ id?: string }>;
}) {
  if (!demoMode()) notFound();
  const [t, format, messages, { id }] = await Promise.all([
    getTranslations("mailbox"),
    getFormatter(),
    listMailbox(),
    searchParams,
  ]);
  const selected = messages.find((message) => message.id === id) ?? messages[0];
  const subjectOf = (message: MailboxEntry) =>
    message.subject ?? t(message.contentRemoved ? "contentRemoved" : "renderError");
  return (
    <div className="space-y-6">
      <PageHeading title={t("title")}>
        <p>{t("intro")}</p>
      </PageHeading>
      <Link href="/dev/mailbox" className={buttonSecondary}>
        {t("refresh")}
      </Link>
      {messages.length === 0 ? (
        <p className={card}>{t("empty")}</p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <ul
            className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
            aria-label={t("title")}
          >
            {messages.map((message) => (
              <li key={message.id} className="p-3">
                <Link
                  href={`/dev/mailbox?id=${message.id}`}
                  className={linkText}
                  aria-current={message.id === selected?.id ? "true" : undefined}
                >
                  {subjectOf(message)}
                </Link>
                <p className="text-sm text-slate-700">
                  {t("to")}: {message.to}
                </p>
                <p className="text-xs text-slate-600">
                  {t(`status${message.status}`)} ·{" "}
                  {format.dateTime(message.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
                </p>
              </li>
            ))}
          </ul>
          {selected ? (
            <section className={card} aria-label={t("preview", { subject: subjectOf(selected) })}>
              <h2 className="text-lg font-semibold">{subjectOf(selected)}</h2>
              <p className="mb-4 text-sm text-slate-700">
                {t("to")}: {selected.to}
              </p>
              {selected.contentRemoved ? null : (
                <iframe
                  title={t("preview", { subject: subjectOf(selected) })}
                  src={`/dev/mailbox/${selected.id}`}
                  className="h-[32rem] w-full rounded border border-slate-200"
                />
              )}
            </section>
          ) : null}
        </div>
      )}
    </div>
  );
}
