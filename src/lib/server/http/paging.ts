import { translate, type Locale, type MessageKey } from '$lib/i18n';

/** The highest page number any paged route accepts (far beyond any real catalogue). */
export const MAX_PAGE = 100_000;

export interface IntParamSpec {
	/** The field's label in the i18n catalogue (named in the refusal). */
	label: MessageKey;
	min: number;
	max: number;
	/** The value when the parameter is absent or empty. */
	fallback: number;
}

export type IntParam = { ok: true; value: number } | { ok: false; message: string };

/**
 * A whole-number query parameter (a page number, a page size, a paging cursor): plain decimal
 * digits within [min, max], else a refusal naming the field. `1e300`, `2.5`, `0x10`, ` 1`, `-1`
 * and numbers past `max` are refused rather than passed on (`Number()` would accept several of
 * them, and an offset of 1e300 rows breaks the database query).
 */
export function parseIntParam(raw: string | null, spec: IntParamSpec, locale: Locale): IntParam {
	if (raw === null || raw === '') return { ok: true, value: spec.fallback };
	const value = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
	if (Number.isSafeInteger(value) && value >= spec.min && value <= spec.max)
		return { ok: true, value };
	return {
		ok: false,
		message: translate(locale, 'http.error.BAD_INTEGER', {
			field: translate(locale, spec.label),
			min: spec.min,
			max: spec.max
		})
	};
}

/** `?page=`: 1 to MAX_PAGE, 1 when absent (`label` names it, e.g. with the API's parameter name). */
export function parsePage(
	raw: string | null,
	locale: Locale,
	label: MessageKey = 'http.field.page'
): IntParam {
	return parseIntParam(raw, { label, min: 1, max: MAX_PAGE, fallback: 1 }, locale);
}
