import en from "./messages/en.json";
import fr from "./messages/fr.json";
import type { AppLocale } from "./config";

export type Messages = typeof en;

export const catalogs: Record<AppLocale, Messages> = { en, fr };
