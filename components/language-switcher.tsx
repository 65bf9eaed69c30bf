import { useTranslations } from "next-intl";
import { locales, type AppLocale } from "@/lib/i18n/config";

interface Props {
  current: AppLocale;
  action: (formData: FormData) => Promise<void>;
}

/** Works without JavaScript: each language is a submit button of one small form. */
export function LanguageSwitcher({ current, action }: Props) {
  const t = useTranslations("language");
  return (
    <form action={action} className="flex items-center gap-1" aria-label={t("label")}>
      {locales.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className="rounded px-2 py-1 text-sm text-white aria-pressed:bg-white aria-pressed:font-semibold aria-pressed:text-brand-800 hover:bg-brand-700 aria-pressed:hover:bg-white"
        >
          {t(locale)}
        </button>
      ))}
    </form>
  );
}
