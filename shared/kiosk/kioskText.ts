import en from './locales/en.json';
import es from './locales/es.json';

/**
 * Every word a kiosk visitor reads, per language, from the locale files beside this one (JSON, so a
 * museum's translator edits text, not code). English is the reference: every other locale has exactly
 * its keys and the same {placeholders} (tested), so a missing translation fails the build's tests
 * instead of showing a key on the museum floor.
 */
export const KIOSK_LANGUAGES = ['en', 'es'] as const;
export type KioskLanguage = (typeof KIOSK_LANGUAGES)[number];
export type KioskTextKey = keyof typeof en;

export const KIOSK_LOCALES: Record<KioskLanguage, Record<KioskTextKey, string>> = { en, es };

/** The text of `key` in `language`, its {placeholders} filled from `values`. */
export function kioskText(language: KioskLanguage, key: KioskTextKey, values: Record<string, string | number> = {}): string {
  return KIOSK_LOCALES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The {placeholders} a text asks for, sorted: a translation must ask for the same ones. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}
