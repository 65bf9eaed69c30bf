import Link from "next/link";
import { useTranslations } from "next-intl";
import type { AppLocale } from "@/lib/i18n/config";
import type { MenuModel } from "@/lib/navigation/menu";
import { AppMenu } from "./app-menu";
import { LanguageSwitcher } from "./language-switcher";

interface Props {
  locale: AppLocale;
  userEmail: string | null;
  /** Null when signed out: no menu. */
  menu: MenuModel | null;
  showMailbox: boolean;
  setLocale: (formData: FormData) => Promise<void>;
}

export function SiteHeader({ locale, userEmail, menu, showMailbox, setLocale }: Props) {
  const t = useTranslations();
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-4 px-4 py-3">
        {menu ? <AppMenu menu={menu} showMailbox={showMailbox} /> : null}
        <Link href="/" className="text-lg font-semibold text-white">
          {t("app.name")}
        </Link>
        <div className="ml-auto flex items-center gap-4">
          <LanguageSwitcher current={locale} action={setLocale} />
          {userEmail ? (
            <>
              <span className="hidden text-sm sm:inline">
                {t("header.signedInAs", { email: userEmail })}
              </span>
              <Link
                href="/sign-out"
                className="text-sm font-medium text-white underline underline-offset-2"
              >
                {t("header.signOut")}
              </Link>
            </>
          ) : (
            <Link
              href="/sign-in"
              className="text-sm font-medium text-white underline underline-offset-2"
            >
              {t("header.signIn")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
