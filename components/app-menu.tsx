"use client";

import { useTranslations } from "next-intl";
import { Suspense, useRef, useState } from "react";
import type { MenuModel } from "@/lib/navigation/menu";
import { lazyWithPreload } from "./ui/lazy-with-preload";

// The panel and its dialog library (≈ 13 kB gzip) load when the menu is about to be used, not with
// every page; hovering or focusing the button fetches them ahead of the click.
const { Component: AppMenuPanel, preload: loadPanel } = lazyWithPreload(() =>
  import("./app-menu-panel").then((module) => module.AppMenuPanel),
);

interface Props {
  menu: MenuModel;
  showMailbox: boolean;
}

/** The menu button at the top left, opening the portal's navigation as a side panel. */
export function AppMenu({ menu, showMailbox }: Props) {
  const t = useTranslations("menu");
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={() => void loadPanel()}
        onFocus={() => void loadPanel()}
        onClick={() => setOpen(true)}
        className="inline-flex items-center gap-2 rounded border border-white/40 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          <path d="M2 4h16v2H2zM2 9h16v2H2zM2 14h16v2H2z" />
        </svg>
        {t("open")}
        {menu.pendingForAdmin > 0 ? (
          <span
            className="rounded-full bg-amber-400 px-2 text-xs font-bold text-slate-900"
            aria-label={t("pendingBadge", { count: menu.pendingForAdmin })}
          >
            {menu.pendingForAdmin}
          </span>
        ) : null}
      </button>
      {open ? (
        <Suspense fallback={null}>
          <AppMenuPanel
            menu={menu}
            showMailbox={showMailbox}
            onClose={() => setOpen(false)}
            returnFocusTo={button}
          />
        </Suspense>
      ) : null}
    </>
  );
}
