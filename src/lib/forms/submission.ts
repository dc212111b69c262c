/**
 * One submission of an application form: cleaned the way the renderer's rules say (an unanswered
 * field is left out, never '' or null), then checked against the form's JSON Schema. The designer's
 * preview and public intake use this one helper, so the applicant sees exactly the errors the
 * server will find.
 */
import { FIELD_ID_RE, toJsonSchema } from '$lib/domain/form/to-schema';
import { FIELD_KINDS, type FormDocument, type FormField } from '$lib/domain/form/types';
import { hasMessage, type MessageKey, type Params } from '$lib/i18n';
import { createValidator, type SubmissionError, type SubmissionResult } from './ajv';

export type Answers = Record<string, unknown>;

export interface CleanOptions {
	/**
	 * Leave out properties that are no field of the form (the designer's preview, where a field
	 * may have been deleted or renamed since it was filled in). Intake keeps them, so that the
	 * schema refuses them.
	 */
	dropUnknown?: boolean;
}

export interface SubmissionCheck extends SubmissionResult {
	/** The cleaned submission that was checked (what to send or store). */
	data: Answers;
}

/**
 * The fields that answer to a property, as `toJsonSchema` lists them: a known kind and a valid
 * id, first of that id.
 */
export function answerableFields(fields: readonly FormField[]): FormField[] {
	const seen = new Set<string>();
	return fields.filter((f) => {
		if (!FIELD_KINDS.includes(f.kind) || !FIELD_ID_RE.test(f.id) || seen.has(f.id)) return false;
		seen.add(f.id);
		return true;
	});
}

/**
 * A copy of `data` with the cleaning rules applied, at the top level and in every row of a
 * group: strings are trimmed and a blank one is left out, as are `null`, `undefined` and non-finite numbers; an empty list (checkbox, group) is left
 * out when the field is optional; credit codes and the `x` of an ID number are upper-cased.
 * Values of the wrong type are kept, so that the schema names them. Rows are never removed, so
 * error paths keep pointing at the rows on screen.
 */
export function cleanSubmission(
	form: FormDocument,
	data: unknown,
	options: CleanOptions = {}
): Answers {
	return cleanObject(form.fields, data, options.dropUnknown ?? false);
}

function cleanObject(fields: readonly FormField[], data: unknown, dropUnknown: boolean): Answers {
	const source = isPlainObject(data) ? data : {};
	const byId = new Map(answerableFields(fields).map((f) => [f.id, f]));
	const out: Answers = {};
	for (const [key, raw] of Object.entries(source)) {
		const field = byId.get(key);
		if (!field) {
			if (!dropUnknown && raw !== undefined) put(out, key, raw);
			continue;
		}
		const value = cleanValue(field, raw, dropUnknown);
		if (value !== undefined) out[key] = value;
	}
	return out;
}

/**
 * Sets an own property, whatever its name: a plain assignment to `__proto__` (a name JSON.parse
 * happily produces) would replace the object's prototype instead, and the schema would then see
 * that object's properties as if they had been answered, but never refuse the name.
 */
function put(target: Answers, key: string, value: unknown): void {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true
	});
}

function cleanValue(field: FormField, raw: unknown, dropUnknown: boolean): unknown {
	if (raw === null || raw === undefined) return undefined;
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (!text) return undefined;
		if (field.kind === 'credit_code' || field.kind === 'id_card') return text.toUpperCase();
		return text;
	}
	if (Array.isArray(raw)) {
		if (raw.length === 0 && !field.required) return undefined;
		if (field.kind === 'group')
			return raw.map((row) =>
				isPlainObject(row) ? cleanObject(field.fields ?? [], row, dropUnknown) : row
			);
		return raw;
	}
	return raw;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Cleans `data` and checks it against the form's schema. */
export function validateSubmission(
	form: FormDocument,
	data: unknown,
	options: CleanOptions = {}
): SubmissionCheck {
	const cleaned = cleanSubmission(form, data, options);
	const result = createValidator(toJsonSchema(form))(cleaned);
	return { ...result, data: cleaned };
}

/**
 * The field path an error belongs to: the longest prefix of its path that is a field — a
 * top-level id (`name`), or a cell of a group row (`members.0.idCard`). '' when none is (the
 * submission as a whole, or a property the form does not have).
 */
export function errorFieldPath(form: FormDocument, errorPath: string): string {
	const [top, row, sub] = errorPath.split('.');
	const field = answerableFields(form.fields).find((f) => f.id === top);
	if (!field || top === undefined) return '';
	if (
		field.kind === 'group' &&
		row !== undefined &&
		/^\d+$/.test(row) &&
		sub !== undefined &&
		answerableFields(field.fields ?? []).some((f) => f.id === sub)
	)
		return `${top}.${row}.${sub}`;
	return top;
}

/** Errors grouped by the field path they belong to (see `errorFieldPath`), in error order. */
export function errorsByField(
	form: FormDocument,
	errors: readonly SubmissionError[]
): Map<string, SubmissionError[]> {
	const out = new Map<string, SubmissionError[]>();
	for (const e of errors) {
		const path = errorFieldPath(form, e.field);
		const list = out.get(path);
		if (list) list.push(e);
		else out.set(path, [e]);
	}
	return out;
}

/** Where a field path points: the field, and for a cell its group and 0-based row. */
export interface FieldAt {
	field: FormField;
	group?: FormField;
	row?: number;
}

/** The field at a path from `errorFieldPath` (undefined for '' or a path of no field). */
export function fieldAt(form: FormDocument, path: string): FieldAt | undefined {
	const [top, row, sub] = path.split('.');
	const field = answerableFields(form.fields).find((f) => f.id === top);
	if (!field) return undefined;
	if (row === undefined || sub === undefined) return { field };
	const cell = answerableFields(field.fields ?? []).find((f) => f.id === sub);
	return cell ? { field: cell, group: field, row: Number(row) } : undefined;
}

type Translate = (key: MessageKey, params?: Params) => string;

/**
 * The name an error message gives a field: its label, for a cell the group's label with the row
 * (`formRender.cellLabel`), for an unexpected property its raw name.
 */
export function fieldName(form: FormDocument, e: SubmissionError, t: Translate): string {
	const at = e.code === 'ADDITIONAL' ? undefined : fieldAt(form, errorFieldPath(form, e.field));
	if (!at) return e.field.split('.').pop() ?? '';
	const label = at.field.label.trim() || at.field.id;
	if (!at.group) return label;
	return t('formRender.cellLabel', {
		group: at.group.label.trim() || at.group.id,
		row: (at.row ?? 0) + 1,
		field: label
	});
}

/** The message of a submission error (`formError.<code>`, `{field}` from `fieldName`). */
export function errorMessage(form: FormDocument, e: SubmissionError, t: Translate): string {
	const key = `formError.${e.code}`;
	return t(hasMessage(key) ? key : 'formError.INVALID', {
		...e.params,
		field: fieldName(form, e, t)
	});
}
