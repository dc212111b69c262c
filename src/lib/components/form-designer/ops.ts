/**
 * Pure helpers of the form designer: new fields, list edits, and sections. The designer shows one
 * list of fields; a section is a run of them started by a field that carries the section's title
 * ("starts", aligned with the fields by index). `sectionsOf` turns that back into the document's
 * `sections`, so a saved form always uses `sections` as typed and renders in list order.
 */
import {
	FIELD_KINDS,
	type FieldKind,
	type FieldOption,
	type FormDocument,
	type FormField,
	type FormSection
} from '$lib/domain/form/types';

/** A section title per field (null: the field continues the current section, or none). */
export type Starts = (string | null)[];

/** The id a new field of `kind` gets: the kind in camelCase and the first free number. */
export function newFieldId(kind: FieldKind, taken: Iterable<string>): string {
	const base = kind.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
	const used = new Set(taken);
	let n = 1;
	while (used.has(`${base}${n}`)) n++;
	return `${base}${n}`;
}

export interface NewFieldTexts {
	/** The label of a new field (the kind's name). */
	label: string;
	/** The label of the n-th default option. */
	option: (n: number) => string;
	/** The label of a kind (for a group's first column). */
	kindLabel: (kind: FieldKind) => string;
}

/** A new field of `kind` with a unique id among `taken` and usable defaults. */
export function newField(
	kind: FieldKind,
	taken: Iterable<string>,
	texts: NewFieldTexts,
	materials: readonly string[] = []
): FormField {
	const field: FormField = {
		id: newFieldId(kind, taken),
		kind,
		label: texts.label,
		help: '',
		required: false
	};
	if (kind === 'select' || kind === 'radio' || kind === 'checkbox')
		field.options = [1, 2].map((n) => ({ value: String(n), label: texts.option(n) }));
	if (kind === 'file') field.material = materials[0] ?? '';
	if (kind === 'group')
		field.fields = [
			{ id: 'text1', kind: 'text', label: texts.kindLabel('text'), help: '', required: false }
		];
	return field;
}

/** A deep copy of `field` under a new id and label (sub-fields keep theirs: they are per row). */
export function copyField(field: FormField, taken: Iterable<string>, label: string): FormField {
	const copy = structuredClone(field);
	copy.id = newFieldId(field.kind, taken);
	copy.label = label;
	return copy;
}

/** `list` with `item` inserted at `index`. */
export function insertAt<T>(list: readonly T[], index: number, item: T): T[] {
	return [...list.slice(0, index), item, ...list.slice(index)];
}

/** `list` without the item at `index`. */
export function removeAt<T>(list: readonly T[], index: number): T[] {
	return list.filter((_, i) => i !== index);
}

/** `list` with the items at `a` and `b` swapped (unchanged when either is out of range). */
export function swap<T>(list: readonly T[], a: number, b: number): T[] {
	if (a < 0 || b < 0 || a >= list.length || b >= list.length) return [...list];
	const out = [...list];
	[out[a], out[b]] = [out[b] as T, out[a] as T];
	return out;
}

/** The selected index after the item at `removed` is gone and `length` items are left. */
export function selectionAfterRemove(
	selected: number | null,
	removed: number,
	length: number
): number | null {
	if (selected === null || length === 0) return length === 0 ? null : selected;
	if (selected > removed) return selected - 1;
	if (selected === removed) return Math.min(removed, length - 1);
	return selected;
}

/** The selected index after the items at `a` and `b` swapped places. */
export function selectionAfterSwap(selected: number | null, a: number, b: number): number | null {
	return selected === a ? b : selected === b ? a : selected;
}

/**
 * The section starts of a form whose sections are runs (see `normalizeSections`): each section
 * starts at the first not yet claimed field with its first id.
 */
export function startsOf(form: FormDocument): Starts {
	const starts: Starts = form.fields.map(() => null);
	for (const s of form.sections) {
		const first = s.fieldIds[0];
		const at = form.fields.findIndex((f, i) => f.id === first && starts[i] === null);
		if (at >= 0) starts[at] = s.title;
	}
	return starts;
}

/** The document's sections for a list of fields and its starts: one per start, up to the next. */
export function sectionsOf(fields: readonly FormField[], starts: Starts): FormSection[] {
	const sections: FormSection[] = [];
	fields.forEach((f, i) => {
		const title = starts[i];
		if (title !== null && title !== undefined) sections.push({ title, fieldIds: [f.id] });
		else sections.at(-1)?.fieldIds.push(f.id);
	});
	return sections;
}

/**
 * The same form with its fields in rendering order (fields in no section first, then each
 * section's) and its sections as runs of that list — what the designer edits. A form the designer
 * saved is returned unchanged; sections naming no field are dropped.
 */
export function normalizeSections(form: FormDocument): FormDocument {
	const same = JSON.stringify(sectionsOf(form.fields, startsOf(form)));
	if (same === JSON.stringify(form.sections)) return form;
	const ids = new Set(form.fields.map((f) => f.id));
	const home = new Map<string, number>();
	form.sections.forEach((s, k) => {
		for (const id of s.fieldIds) if (ids.has(id) && !home.has(id)) home.set(id, k);
	});
	const fields = form.fields.filter((f) => !home.has(f.id));
	const starts: Starts = fields.map(() => null);
	form.sections.forEach((s, k) => {
		const members = [...new Set(s.fieldIds)]
			.filter((id) => home.get(id) === k)
			.flatMap((id) => form.fields.filter((f) => f.id === id));
		members.forEach((f, m) => {
			fields.push(f);
			starts.push(m === 0 ? s.title : null);
		});
	});
	return { ...form, fields, sections: sectionsOf(fields, starts) };
}

export type FormFileCheck =
	| { ok: true; form: FormDocument }
	| { ok: false; reason: 'format' }
	| { ok: false; reason: 'item'; item: string };

/**
 * Reads an imported `.form.json` (already parsed): format `sunlit.form` version 1, of item `code`,
 * with fields of known kinds. Missing texts become '', unusable constraints are left out, so the
 * designer can show it; what is still wrong shows as definition issues.
 */
export function readFormFile(raw: unknown, code: string): FormFileCheck {
	if (!isRecord(raw) || raw.format !== 'sunlit.form' || raw.version !== 1) return fail();
	if (raw.item !== code) return { ok: false, reason: 'item', item: String(raw.item) };
	if (!Array.isArray(raw.fields) || !(raw.sections === undefined || Array.isArray(raw.sections)))
		return fail();
	const fields = readFields(raw.fields, true);
	if (!fields) return fail();
	const sections: FormSection[] = [];
	for (const s of (raw.sections ?? []) as unknown[]) {
		if (!isRecord(s) || !Array.isArray(s.fieldIds)) return fail();
		sections.push({ title: text(s.title), fieldIds: s.fieldIds.map((id) => String(id)) });
	}
	return {
		ok: true,
		form: {
			format: 'sunlit.form',
			version: 1,
			item: code,
			title: text(raw.title),
			fields,
			sections
		}
	};
}

function fail(): FormFileCheck {
	return { ok: false, reason: 'format' };
}

function readFields(raw: unknown[], top: boolean): FormField[] | null {
	const out: FormField[] = [];
	for (const f of raw) {
		if (!isRecord(f) || !FIELD_KINDS.includes(f.kind as FieldKind)) return null;
		if (!top && f.kind === 'group') return null;
		const field: FormField = {
			id: text(f.id),
			kind: f.kind as FieldKind,
			label: text(f.label),
			help: text(f.help),
			required: f.required === true
		};
		for (const key of ['minLength', 'maxLength', 'min', 'max', 'minItems', 'maxItems'] as const) {
			const n = f[key];
			if (typeof n === 'number' && Number.isFinite(n)) field[key] = n;
		}
		if (typeof f.pattern === 'string') field.pattern = f.pattern;
		if (typeof f.material === 'string') field.material = f.material;
		if (Array.isArray(f.options)) field.options = f.options.filter(isRecord).map(readOption);
		if (Array.isArray(f.fields)) {
			if (!top) return null;
			const sub = readFields(f.fields, false);
			if (!sub) return null;
			field.fields = sub;
		}
		out.push(field);
	}
	return out;
}

function readOption(o: Record<string, unknown>): FieldOption {
	return { value: text(o.value), label: text(o.label) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string {
	return typeof v === 'string' ? v : '';
}
