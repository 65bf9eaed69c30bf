import type { Metadata } from "next";
import localFont from "next/font/local";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { setLocaleAction } from "@/app/actions/locale";
import { ClientMessages } from "@/components/client-messages";
import { SiteHeader } from "@/components/site-header";
import { getCurrentUser } from "@/lib/auth/current-user";
import { demoMode } from "@/lib/env";
import { menuFor } from "@/lib/navigation/menu";
import "./globals.css";

// Every page depends on who is signed in and their language.
export const dynamic = "force-dynamic";

const inter = localFont({
  src: "./fonts/inter-latin.woff2",
  variable: "--font-inter",
  display: "swap",
});

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: { default: t("name"), template: `%s · ${t("name")}` },
    // Files in public/; the web manifest is app/manifest.ts.
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
        { url: "/icon.svg", type: "image/svg+xml" },
      ],
      apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
    },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, user, t] = await Promise.all([
    getLocale(),
    getCurrentUser().catch(() => null),
    getTranslations("app"),
  ]);
  const menu = user ? await menuFor(user) : null;
  return (
    <html lang={locale} className={inter.variable}>
      <body className="flex min-h-screen flex-col bg-slate-50 font-sans text-slate-900 antialiased">
        <ClientMessages area="layout">
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-800"
          >
            {t("skipToContent")}
          </a>
          <SiteHeader
            locale={locale}
            userEmail={user?.email ?? null}
            menu={menu}
            showMailbox={demoMode()}
            setLocale={setLocaleAction}
          />
          <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
            {children}
          </main>
          <footer className="border-t border-slate-200 py-4 text-center text-sm text-slate-600">
            {t("footer")}
          </footer>
        </ClientMessages>
      </body>
    </html>
  );
}
