import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

/** Languages we ship texts for; the first is the fallback for everything else. */
export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type TextArgs = Record<string, FluentVariable>;
/** Turns a message key and its arguments into the text a person reads. */
export type Translate = (key: string, args?: TextArgs) => string;

const bundles = new Map<Locale, FluentBundle>();

function bundleFor(locale: Locale): FluentBundle {
  const cached = bundles.get(locale);
  if (cached) return cached;

  // Unicode isolation marks would leak into plain chat messages; our texts need none.
  const bundle = new FluentBundle(locale, { useIsolating: false });
  for (const file of localeFiles(locale)) {
    // A key defined twice (in two services' files) is an error, not a silent override.
    const errors = bundle.addResource(new FluentResource(readFileSync(file, 'utf8')));
    if (errors.length > 0) {
      throw new Error(`Locale file ${file} has errors: ${errors.map(String).join('; ')}`);
    }
  }
  bundles.set(locale, bundle);
  return bundle;
}

/** Picks our locale for a platform language code such as "ru-RU" or "en"; Russian otherwise. */
export function resolveLocale(languageCode: string | undefined): Locale {
  const base = languageCode?.toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((locale) => locale === base) ?? 'ru';
}

/** A translator for one locale that falls back to Russian, then to the key itself. */
export function translator(locale: Locale): Translate {
  return (key, args) => format(locale, key, args) ?? format('ru', key, args) ?? key;
}

function format(locale: Locale, key: string, args?: TextArgs): string | undefined {
  const bundle = bundleFor(locale);
  const message = bundle.getMessage(key);
  if (!message?.value) return undefined;
  return bundle.formatPattern(message.value, args ?? null);
}

/** Every message key of a locale, for the test that keeps the locales in step. */
export function messageKeys(locale: Locale): string[] {
  return localeFiles(locale).flatMap((file) =>
    new FluentResource(readFileSync(file, 'utf8')).body
      .map((entry) => entry.id)
      .filter((id) => !id.startsWith('-')),
  );
}

/** A locale's texts live in one file per service under locales/<locale>/, read in name order. */
function localeFiles(locale: Locale): string[] {
  const dir = fileURLToPath(new URL(`./locales/${locale}/`, import.meta.url));
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ftl'))
    .sort()
    .map((name) => `${dir}${name}`);
}
