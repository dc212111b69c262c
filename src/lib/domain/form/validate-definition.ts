import type { FieldIssue } from '../catalogue/types';
import { effectiveLimits, FIELD_ID_RE, isCount, isValidPattern } from './to-schema';
import { FIELD_KINDS, type FormDocument, type FormField } from './types';

/** What a form definition problem looks like: a path into the document and a stable code. */
export type FormDefinitionIssue = FieldIssue;

/**
 * Every problem of a form definition, each under the path of the offending property (e.g.
 * `fields.2.options.1.value`, `fields.0.fields.3.id`, `sections.1.fieldIds.0`) with a stable code
 * (message key `formDef.<code>`). Field-level issues carry `params.id` (the field's id as written);
 * other params are named in the messages. An empty list means every constraint reaches the schema
 * `toJsonSchema` gives (nothing is left out) and no range is inverted. Constraints that do not apply to a field's kind are ignored here
 * and by `toJsonSchema`. `materials`, when given, are the names of the catalogue entry's
 * application materials; a file field must then name one of them.
 */
export function validateFormDefinition(
	form: FormDocument,
	context: { materials?: readonly string[] } = {}
): FormDefinitionIssue[] {
	const issues: FormDefinitionIssue[] = [];
	const add = (field: string, code: string, params: Record<string, string | number>) =>
		issues.push({ field, code, params });

	const checkScope = (fields: readonly FormField[], base: string, inGroup: boolean) => {
		const seen = new Set<string>();
		fields.forEach((f, i) => {
			const at = `${base}.${i}`;
			const id = f.id;
			if (!FIELD_ID_RE.test(id)) add(`${at}.id`, 'ID_INVALID', { id });
			else if (seen.has(id)) add(`${at}.id`, 'ID_DUPLICATE', { id });
			seen.add(id);
			if (!f.label.trim()) add(`${at}.label`, 'LABEL_REQUIRED', { id });
			if (!FIELD_KINDS.includes(f.kind)) {
				add(`${at}.kind`, 'KIND_INVALID', { id, kind: String(f.kind) });
				return;
			}
			if (f.kind === 'group' && inGroup) {
				add(`${at}.kind`, 'GROUP_NESTED', { id });
				return;
			}
			checkField(f, at, (field, code, params = {}) => add(field, code, { id, ...params }));
			if (f.kind === 'group') {
				if (!f.fields?.length) add(`${at}.fields`, 'GROUP_FIELDS_REQUIRED', { id });
				else checkScope(f.fields, `${at}.fields`, true);
			}
		});
	};

	const checkField = (
		f: FormField,
		at: string,
		add: (field: string, code: string, params?: Record<string, string | number>) => void
	) => {
		const limits = effectiveLimits(f);
		if (f.kind === 'text' || f.kind === 'textarea' || f.kind === 'address') {
			if (!isCount(f.minLength) || !isCount(f.maxLength)) add(`${at}.minLength`, 'LENGTH_INVALID');
			else if (limits.minLength > (limits.maxLength ?? Infinity))
				add(`${at}.maxLength`, 'LENGTH_RANGE_INVERTED', {
					min: limits.minLength,
					max: limits.maxLength ?? 0
				});
			if (f.pattern !== undefined && !isValidPattern(f.pattern))
				add(`${at}.pattern`, 'PATTERN_INVALID');
		}
		if (f.kind === 'number') {
			if (!isFiniteOrUnset(f.min) || !isFiniteOrUnset(f.max)) add(`${at}.min`, 'NUMBER_INVALID');
			else if (f.min !== undefined && f.max !== undefined && f.min > f.max)
				add(`${at}.max`, 'RANGE_INVERTED', { min: f.min, max: f.max });
		}
		if (f.kind === 'select' || f.kind === 'radio' || f.kind === 'checkbox') {
			const options = f.options ?? [];
			if (options.length === 0) add(`${at}.options`, 'OPTIONS_REQUIRED');
			const values = new Set<string>();
			options.forEach((o, j) => {
				if (!o.value.trim()) add(`${at}.options.${j}.value`, 'OPTION_VALUE_REQUIRED');
				else if (values.has(o.value))
					add(`${at}.options.${j}.value`, 'OPTION_VALUE_DUPLICATE', { value: o.value });
				values.add(o.value);
				if (!o.label.trim()) add(`${at}.options.${j}.label`, 'OPTION_LABEL_REQUIRED');
			});
		}
		if (f.kind === 'checkbox' || f.kind === 'group') {
			if (!isCount(f.minItems) || !isCount(f.maxItems)) add(`${at}.minItems`, 'ITEMS_INVALID');
			else if (limits.maxItems !== undefined && limits.minItems > limits.maxItems)
				add(`${at}.maxItems`, 'ITEMS_RANGE_INVERTED', {
					min: limits.minItems,
					max: limits.maxItems
				});
		}
		if (f.kind === 'file') {
			const material = f.material?.trim() ?? '';
			if (!material) add(`${at}.material`, 'MATERIAL_REQUIRED');
			else if (context.materials && !context.materials.includes(material))
				add(`${at}.material`, 'MATERIAL_UNKNOWN', { material });
		}
	};

	checkScope(form.fields, 'fields', false);

	const topIds = new Set(form.fields.map((f) => f.id));
	const placed = new Set<string>();
	form.sections.forEach((s, i) => {
		const section = i + 1;
		if (!s.title.trim()) add(`sections.${i}.title`, 'SECTION_TITLE_REQUIRED', { section });
		s.fieldIds.forEach((id, j) => {
			const at = `sections.${i}.fieldIds.${j}`;
			if (!topIds.has(id)) add(at, 'SECTION_FIELD_UNKNOWN', { section, id });
			else if (placed.has(id)) add(at, 'SECTION_FIELD_REPEATED', { section, id });
			placed.add(id);
		});
	});
	return issues;
}

function isFiniteOrUnset(n: number | undefined): boolean {
	return n === undefined || Number.isFinite(n);
}
