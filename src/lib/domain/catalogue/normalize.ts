import {
	CATEGORIES,
	DISCLOSURE_FORMS,
	MATERIAL_FORMS,
	RIGHTS,
	emptyContent,
	type CatalogueContent,
	type Category,
	type DiscretionRow,
	type LegalBasis,
	type Material
} from './types';

const str = (v: unknown): string =>
	typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
const bool = (v: unknown): boolean =>
	v === true || v === 'true' || v === 'on' || v === '1' || v === 1;
/** Numbers as typed: '' and junk become NaN so validation names the field instead of guessing. */
const num = (v: unknown): number => {
	if (typeof v === 'number') return v;
	const s = str(v).trim();
	return s === '' ? Number.NaN : Number(s);
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> =>
	v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
function oneOf<T extends string>(choices: readonly T[], v: unknown, fallback: T): T {
	return (choices as readonly string[]).includes(str(v)) ? (str(v) as T) : fallback;
}

/**
 * Any JSON-ish input (a form, an import row, a stored draft) as a well-typed content object. It
 * never throws and never drops what was typed: unknown choices keep a default only where the
 * value cannot be represented, and numbers that are not numbers stay NaN for validation to name.
 */
export function normalizeContent(
	input: unknown,
	fallbackCategory: Category = 'licensing'
): CatalogueContent {
	const i = obj(input);
	const base = emptyContent(oneOf(CATEGORIES, i.category, fallbackCategory));
	return {
		...base,
		name: str(i.name),
		division: str(i.division),
		post: str(i.post),
		staff: str(i.staff),
		bases: list(i.bases).map((b): LegalBasis => {
			const o = obj(b);
			return { law: str(o.law), article: str(o.article), excerpt: str(o.excerpt) };
		}),
		disclosureForm: oneOf(DISCLOSURE_FORMS, i.disclosureForm, 'active'),
		disclosureReason: str(i.disclosureReason),
		disclosureScope: str(i.disclosureScope),
		disclosureDays: num(i.disclosureDays ?? base.disclosureDays),
		conditions: str(i.conditions),
		materials: list(i.materials).map((m): Material => {
			const o = obj(m);
			return {
				name: str(o.name),
				required: o.required === undefined ? true : bool(o.required),
				form: oneOf(MATERIAL_FORMS, o.form, 'original'),
				copies: num(o.copies ?? 1),
				notes: str(o.notes),
				template: str(o.template)
			};
		}),
		feeCharged: bool(i.feeCharged),
		feeBasis: str(i.feeBasis),
		feeStandard: str(i.feeStandard),
		statutoryDays: num(i.statutoryDays ?? base.statutoryDays),
		promisedDays: num(i.promisedDays ?? base.promisedDays),
		onlineApply: bool(i.onlineApply),
		onlineUrl: str(i.onlineUrl),
		windowAddress: str(i.windowAddress),
		officeHours: str(i.officeHours),
		phone: str(i.phone),
		complaint: str(i.complaint),
		rights: list(i.rights)
			.map(str)
			.filter((r): r is (typeof RIGHTS)[number] => (RIGHTS as readonly string[]).includes(r)),
		rightsNote: str(i.rightsNote),
		discretion: list(i.discretion).map((d): DiscretionRow => {
			const o = obj(d);
			return {
				circumstance: str(o.circumstance),
				penaltyKind: str(o.penaltyKind),
				min: num(o.min),
				max: num(o.max),
				unit: str(o.unit)
			};
		})
	};
}
