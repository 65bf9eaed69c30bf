"use client";

import * as Dialog from "@radix-ui/react-dialog";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ReactNode, RefObject } from "react";
import type { MenuModel } from "@/lib/navigation/menu";
import { currentEntry, menuGroups, type MenuEntry } from "@/lib/navigation/menu-groups";
import { ModalContent } from "./ui/modal";

interface Props {
  menu: MenuModel;
  showMailbox: boolean;
  onClose: () => void;
  /** The menu button, focused again when the panel closes. */
  returnFocusTo: RefObject<HTMLButtonElement | null>;
}

const linkClass =
  "flex min-h-11 items-center justify-between gap-3 rounded px-3 py-2 text-slate-800 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-700 aria-[current=page]:bg-brand-100 aria-[current=page]:font-semibold";

/**
 * The portal's navigation as a side panel (a modal dialog); loaded when the menu is first opened.
 * Every area the person may use (lib/navigation/menu-groups.ts), by group, each group a heading
 * and its list; the page the person is on is marked with aria-current.
 */
export function AppMenuPanel({ menu, showMailbox, onClose, returnFocusTo }: Props) {
  const t = useTranslations("menu");
  const pathname = usePathname();
  const groups = menuGroups(menu);
  const home: MenuEntry = { key: "home", href: "/" };
  const mailbox: MenuEntry = { key: "mailbox", href: "/dev/mailbox" };
  const current = currentEntry(
    [home, ...groups.flatMap((group) => group.entries), ...(showMailbox ? [mailbox] : [])],
    pathname,
  );

  const item = (entry: MenuEntry) => {
    const label = t(`entries.${entry.key}`);
    const badge: ReactNode = entry.badge ? (
      <span
        className="rounded-full bg-amber-400 px-2 text-xs font-bold text-slate-900"
        aria-label={t("pendingBadge", { count: entry.badge })}
      >
        {entry.badge}
      </span>
    ) : null;
    const ariaCurrent = current === entry.href ? ("page" as const) : undefined;
    return (
      <li key={entry.href}>
        {entry.external ? (
          // A route handler (the API reference), not a page of the app: a full navigation.
          <a href={entry.href} aria-current={ariaCurrent} className={linkClass}>
            <span>{label}</span>
          </a>
        ) : (
          <Link
            href={entry.href}
            onClick={onClose}
            aria-current={ariaCurrent}
            className={linkClass}
          >
            <span>{label}</span>
            {badge}
          </Link>
        )}
      </li>
    );
  };

  return (
    <Dialog.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <ModalContent placement="side" aria-describedby={undefined} returnFocusTo={returnFocusTo}>
        <div className="mb-4 flex items-center justify-between">
          <Dialog.Title className="text-lg font-semibold">{t("title")}</Dialog.Title>
          <Dialog.Close className="min-h-11 rounded px-3 py-1 text-sm text-slate-700 hover:bg-slate-100">
            {t("close")}
          </Dialog.Close>
        </div>
        <nav aria-label={t("label")}>
          <ul className="space-y-1">{item(home)}</ul>
          {groups.map((group) => {
            const Heading = group.subgroup ? "h3" : "h2";
            return (
              <section
                key={group.key}
                aria-labelledby={`menu-group-${group.key}`}
                className={group.subgroup ? "mt-2" : "mt-4"}
              >
                <Heading
                  id={`menu-group-${group.key}`}
                  className={
                    group.subgroup
                      ? "px-3 text-sm font-semibold text-slate-800"
                      : "px-3 text-xs font-semibold uppercase tracking-wide text-slate-700"
                  }
                >
                  {t(`groups.${group.key}`)}
                </Heading>
                <ul className="mt-1 space-y-1">{group.entries.map(item)}</ul>
              </section>
            );
          })}
          {showMailbox ? <ul className="mt-4 space-y-1">{item(mailbox)}</ul> : null}
        </nav>
      </ModalContent>
    </Dialog.Root>
  );
}
