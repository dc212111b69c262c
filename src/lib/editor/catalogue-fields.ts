import type { MessageKey } from '$lib/i18n';
import { pathLabel } from '$lib/i18n/catalogue-paths';
import type { CatalogueContent, FieldIssue } from '$lib/domain/catalogue/types';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The top-level elements of a catalogue entry in the order the form, the review diff and the
 * comments use, each with its label. Comments and diffs are per top-level element.
 */
export const TOP_FIELDS = [
	'name',
	'category',
	'division',
	'post',
	'staff',
	'bases',
	'disclosureForm',
	'disclosureReason',
	'disclosureScope',
	'disclosureDays',
	'conditions',
	'materials',
	'feeCharged',
	'feeBasis',
	'feeStandard',
	'statutoryDays',
	'promisedDays',
	'onlineApply',
	'onlineUrl',
	'windowAddress',
	'officeHours',
	'phone',
	'complaint',
	'rights',
	'rightsNote',
	'discretion'
] as const satisfies readonly (keyof CatalogueContent)[];
export type TopField = (typeof TOP_FIELDS)[number];

/** The DOM id of a field path's input: `bases.0.law` → `f-bases-0-law`. */
export function inputId(path: string): string {
	return `f-${path.replace(/\./g, '-')}`;
}

export { pathLabel };

/** The Chinese (or English) message of a validation issue, naming the field. */
export function issueMessage(issue: FieldIssue, t: Translate): string {
	return t(`validation.${issue.code}` as MessageKey, {
		field: pathLabel(issue.field, t),
		...issue.params
	});
}

/** Issues grouped by field path. */
export function issuesByPath(issues: readonly FieldIssue[]): Map<string, FieldIssue[]> {
	const m = new Map<string, FieldIssue[]>();
	for (const i of issues) m.set(i.field, [...(m.get(i.field) ?? []), i]);
	return m;
}

/** An element's value as readable text, for the review diff. */
export function fieldText(c: CatalogueContent, f: TopField, t: Translate): string {
	const yes = (b: boolean) => (b ? '是' : '否');
	switch (f) {
		case 'category':
			return t(`category.${c.category}`);
		case 'disclosureForm':
			return t(`disclosure.${c.disclosureForm}`);
		case 'bases':
			return c.bases.map((b, i) => `${i + 1}. ${b.law}${b.article}：${b.excerpt}`).join('\n');
		case 'materials':
			return c.materials
				.map(
					(m, i) =>
						`${i + 1}. ${m.name}（${m.required ? t('catalogue.required') : t('catalogue.optional')}，${t(`materialForm.${m.form}`)}，${t('catalogue.copies', { n: m.copies })}${m.notes ? '，' + m.notes : ''}${m.template ? '，' + m.template : ''}）`
				)
				.join('\n');
		case 'discretion':
			return c.discretion
				.map(
					(d, i) => `${i + 1}. ${d.circumstance}｜${d.penaltyKind}｜${d.min} — ${d.max} ${d.unit}`
				)
				.join('\n');
		case 'rights':
			return c.rights.map((r) => t(`right.${r}`)).join('、');
		case 'feeCharged':
			return yes(c.feeCharged);
		case 'onlineApply':
			return yes(c.onlineApply);
		default: {
			const v = c[f];
			return typeof v === 'number' ? (Number.isNaN(v) ? '' : String(v)) : String(v ?? '');
		}
	}
}
