import { page } from '$app/state';
import { isLocale, translate, type MessageKey, type Params } from './index';

/** Translates in the current page's locale; reactive, so a language switch re-renders. */
export function t(key: MessageKey, params: Params = {}): string {
	const locale = page.data?.locale;
	return translate(isLocale(locale) ? locale : 'zh', key, params);
}
