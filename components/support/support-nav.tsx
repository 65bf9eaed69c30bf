"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

/** The console's two areas; the current one is marked for assistive technology too. */
export function SupportNav({ openCases }: { openCases: number }) {
  const t = useTranslations("support.nav");
  const pathname = usePathname();
  const links = [
    {
      href: "/support",
      label: t("requests"),
      current:
        pathname === "/support" ||
        pathname.startsWith("/support/requests") ||
        pathname.startsWith("/support/users"),
    },
    {
      href: "/support/cases",
      label: t("cases", { count: openCases }),
      current: pathname.startsWith("/support/cases"),
    },
  ];
  return (
    <nav aria-label={t("label")} className="mb-6 border-b border-slate-300">
      <ul className="-mb-px flex flex-wrap gap-1">
        {links.map((link) => (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={link.current ? "page" : undefined}
              className="inline-block rounded-t border border-transparent px-4 py-2 text-sm font-medium text-brand-700 hover:bg-white aria-[current=page]:border-slate-300 aria-[current=page]:border-b-white aria-[current=page]:bg-white aria-[current=page]:text-slate-900"
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
