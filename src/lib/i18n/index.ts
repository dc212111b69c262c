import { catalogues, LOCALES, type Locale, type MessageKey } from './messages';

export { LOCALES, type Locale, type MessageKey };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export type Params = Record<string, string | number>;

/** The message for `key` in `locale` with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
	const text = catalogues[locale][key] ?? catalogues.zh[key] ?? key;
	return text.replace(/\{(\w+)\}/g, (m, name: string) =>
		name in params ? String(params[name]) : m
	);
}

export function hasMessage(key: string): key is MessageKey {
	return key in catalogues.zh;
}
