"use client";

import * as Dialog from "@radix-ui/react-dialog";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { RefObject } from "react";
import type { MenuModel } from "@/lib/navigation/menu";
import { ModalContent } from "./ui/modal";

interface Props {
  menu: MenuModel;
  showMailbox: boolean;
  onClose: () => void;
  /** The menu button, focused again when the panel closes. */
  returnFocusTo: RefObject<HTMLButtonElement | null>;
}

/** The portal's navigation as a side panel (a modal dialog); loaded when the menu is first opened. */
export function AppMenuPanel({ menu, showMailbox, onClose, returnFocusTo }: Props) {
  const t = useTranslations("menu");
  const pathname = usePathname();

  const item = (href: string, label: string, extra?: React.ReactNode) => (
    <li>
      <Link
        href={href}
        onClick={onClose}
        aria-current={pathname === href ? "page" : undefined}
        className="flex items-center justify-between gap-3 rounded px-3 py-2 text-slate-800 hover:bg-brand-50 aria-[current=page]:bg-brand-100 aria-[current=page]:font-semibold"
      >
        <span>{label}</span>
        {extra}
      </Link>
    </li>
  );

  return (
    <Dialog.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <ModalContent placement="side" aria-describedby={undefined} returnFocusTo={returnFocusTo}>
        <div className="mb-4 flex items-center justify-between">
          <Dialog.Title className="text-lg font-semibold">{t("title")}</Dialog.Title>
          <Dialog.Close className="rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100">
            {t("close")}
          </Dialog.Close>
        </div>
        <nav aria-label={t("title")}>
          <ul className="space-y-1">{item("/", t("home"))}</ul>
          <h2 className="mt-4 px-3 text-xs font-semibold uppercase tracking-wide text-slate-600">
            {t("administration")}
          </h2>
          <h3 className="mt-2 px-3 text-sm font-semibold text-slate-800">
            {t("smartAccountManagement")}
          </h3>
          <ul className="mt-1 space-y-1">
            {item("/requests/new", t("requestAccess"))}
            {item("/requests", t("yourRequests"))}
            {item("/accounts", t("yourAccounts"))}
            {menu.isAccountAdmin
              ? item(
                  "/admin/requests",
                  t("accessRequests"),
                  menu.pendingForAdmin > 0 ? (
                    <span
                      className="rounded-full bg-amber-400 px-2 text-xs font-bold text-slate-900"
                      aria-label={t("pendingBadge", { count: menu.pendingForAdmin })}
                    >
                      {menu.pendingForAdmin}
                    </span>
                  ) : null,
                )
              : null}
            {menu.managesVirtualAccounts ? item("/admin/accounts", t("managedAccounts")) : null}
          </ul>
          {menu.isSupportStaff ? (
            <ul className="mt-4 space-y-1">{item("/support", t("support"))}</ul>
          ) : null}
          {showMailbox ? (
            <ul className="mt-4 space-y-1">{item("/dev/mailbox", t("mailbox"))}</ul>
          ) : null}
        </nav>
      </ModalContent>
    </Dialog.Root>
  );
}
