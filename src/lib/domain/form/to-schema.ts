import {
	FIELD_KINDS,
	type FieldKind,
	type FormDocument,
	type FormField,
	type FormSection
} from './types';

/**
 * Compiling a form definition into what a submission must satisfy (JSON Schema 2020-12) and how it
 * is laid out (the UI schema). Both are total: a half-finished definition still gives a schema
 * that compiles (constraints `validateFormDefinition` would flag — a bad pattern, a negative
 * length, an empty option list — are left out, and so are fields of an unknown kind or with an
 * invalid or repeated id), so the designer preview can render it; only a definition without issues
 * may be published. Output is deterministic: the same definition gives the same keys in the same
 * order.
 */

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** The length cap of a string field whose definition sets none (what the public may send). */
export const DEFAULT_MAX_LENGTH = { text: 200, textarea: 2000, address: 200 } as const;

/** Caps of the parts of an uploaded-file answer. */
export const FILE_LIMITS = { name: 255, type: 255, ref: 200 } as const;

export type JsonSchema = { [keyword: string]: unknown };

/** The schema's `$id`: a URN naming the catalogue item (the cache key together with a hash). */
export function formSchemaId(item: string): string {
	return `urn:sunlit:form:${encodeURIComponent(item)}`;
}

/**
 * A submission's JSON Schema: an object with one property per top-level field (in form order),
 * `required` listing the required ones, and no other properties. Each field's label is its
 * `title`, its help (when not blank) its `description`. An optional field is answered by leaving
 * its property out, not by sending '' or null.
 */
export function toJsonSchema(form: FormDocument): JsonSchema {
	return {
		$schema: SCHEMA_DIALECT,
		$id: formSchemaId(form.item),
		title: form.title,
		...objectSchema(form.fields)
	};
}

function objectSchema(fields: readonly FormField[]): JsonSchema {
	const usable = usableFields(fields);
	return {
		type: 'object',
		properties: Object.fromEntries(usable.map((f) => [f.id, fieldSchema(f)])),
		required: usable.filter((f) => f.required).map((f) => f.id),
		additionalProperties: false
	};
}

/** A field id: a JSON property name usable in paths and code (letters, digits, underscore). */
export const FIELD_ID_RE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** The fields that get a property: a known kind and a valid id, first of that id. */
function usableFields(fields: readonly FormField[]): FormField[] {
	const seen = new Set<string>();
	return fields.filter((f) => {
		if (!FIELD_KINDS.includes(f.kind) || !FIELD_ID_RE.test(f.id) || seen.has(f.id)) return false;
		seen.add(f.id);
		return true;
	});
}

function fieldSchema(f: FormField): JsonSchema {
	const meta: JsonSchema = { title: f.label };
	if (f.help.trim()) meta.description = f.help;
	const limits = effectiveLimits(f);
	switch (f.kind) {
		case 'text':
		case 'textarea':
		case 'address':
			return {
				...meta,
				type: 'string',
				...(limits.minLength > 0 ? { minLength: limits.minLength } : {}),
				...(limits.maxLength !== undefined ? { maxLength: limits.maxLength } : {}),
				...(f.pattern !== undefined && isValidPattern(f.pattern) ? { pattern: f.pattern } : {})
			};
		case 'number':
			return {
				...meta,
				type: 'number',
				...(Number.isFinite(f.min) ? { minimum: f.min } : {}),
				...(Number.isFinite(f.max) ? { maximum: f.max } : {})
			};
		case 'date':
			return { ...meta, type: 'string', format: 'date' };
		case 'select':
		case 'radio':
			return { ...meta, type: 'string', ...enumOf(f) };
		case 'checkbox':
			return {
				...meta,
				type: 'array',
				items: { type: 'string', ...enumOf(f) },
				uniqueItems: true,
				...itemLimits(limits)
			};
		case 'id_card':
			return { ...meta, type: 'string', format: 'cn-id-card' };
		case 'mobile':
			return { ...meta, type: 'string', format: 'cn-mobile' };
		case 'credit_code':
			return { ...meta, type: 'string', format: 'cn-credit-code' };
		case 'file':
			return { ...meta, ...FILE_SCHEMA };
		case 'group':
			return {
				...meta,
				type: 'array',
				items: objectSchema(f.fields ?? []),
				...itemLimits(limits)
			};
	}
}

/**
 * An uploaded file: its original name, size in bytes, MIME type ('' when the browser does not
 * know it) and `ref`, the id the upload endpoint returned for the stored bytes.
 */
const FILE_SCHEMA: JsonSchema = {
	type: 'object',
	properties: {
		name: { type: 'string', minLength: 1, maxLength: FILE_LIMITS.name },
		size: { type: 'integer', minimum: 0 },
		type: { type: 'string', maxLength: FILE_LIMITS.type },
		ref: { type: 'string', minLength: 1, maxLength: FILE_LIMITS.ref }
	},
	required: ['name', 'size', 'type', 'ref'],
	additionalProperties: false
};

function enumOf(f: FormField): JsonSchema {
	const values = [...new Set((f.options ?? []).map((o) => o.value))];
	return values.length > 0 ? { enum: values } : {};
}

function itemLimits(limits: EffectiveLimits): JsonSchema {
	return {
		...(limits.minItems > 0 ? { minItems: limits.minItems } : {}),
		...(limits.maxItems !== undefined ? { maxItems: limits.maxItems } : {})
	};
}

/** The limits a field's schema states, after defaults and `required` are applied. */
export interface EffectiveLimits {
	/** String kinds: at least 1 when required. */
	minLength: number;
	/** String kinds: the definition's, else `DEFAULT_MAX_LENGTH`. */
	maxLength?: number;
	/** checkbox / group: at least 1 when required. */
	minItems: number;
	maxItems?: number;
}

/** Limits of `f` as `toJsonSchema` writes them (invalid counts are treated as unset). */
export function effectiveLimits(f: FormField): EffectiveLimits {
	const floor = f.required ? 1 : 0;
	const count = (n: number | undefined) => (isCount(n) ? n : undefined);
	const stringKind = isStringKind(f.kind) ? f.kind : undefined;
	const listKind = f.kind === 'checkbox' || f.kind === 'group';
	return {
		minLength: stringKind ? Math.max(count(f.minLength) ?? 0, floor) : 0,
		maxLength: stringKind ? (count(f.maxLength) ?? DEFAULT_MAX_LENGTH[stringKind]) : undefined,
		minItems: listKind ? Math.max(count(f.minItems) ?? 0, floor) : 0,
		maxItems: listKind ? count(f.maxItems) : undefined
	};
}

function isStringKind(kind: FieldKind): kind is keyof typeof DEFAULT_MAX_LENGTH {
	return kind in DEFAULT_MAX_LENGTH;
}

/** Unset, or a non-negative integer (what JSON Schema allows for lengths and item counts). */
export function isCount(n: number | undefined): n is number | undefined {
	return n === undefined || (Number.isInteger(n) && n >= 0);
}

/** Whether ajv can compile `pattern`: ECMAScript syntax with the `u` flag, as ajv uses it. */
export function isValidPattern(pattern: string): boolean {
	try {
		new RegExp(pattern, 'u');
		return true;
	} catch {
		return false;
	}
}

/** What the renderer draws for a field. */
export type Widget =
	| 'text'
	| 'textarea'
	| 'number'
	| 'date'
	| 'select'
	| 'radio'
	| 'checkboxes'
	| 'id-card'
	| 'mobile'
	| 'credit-code'
	| 'address'
	| 'file'
	| 'table';

const WIDGETS: Record<FieldKind, Widget> = {
	text: 'text',
	textarea: 'textarea',
	number: 'number',
	date: 'date',
	select: 'select',
	radio: 'radio',
	checkbox: 'checkboxes',
	id_card: 'id-card',
	mobile: 'mobile',
	credit_code: 'credit-code',
	address: 'address',
	file: 'file',
	group: 'table'
};

/**
 * Layout of a form. `order` is every top-level field id in rendering order: fields in no section
 * first (form order), then each section's fields. `sections` are the titled blocks, listing only
 * existing top-level ids, each at most once. `widgets` maps each top-level id, and `group.sub` for
 * a group's row fields, to its widget. `columns` maps each group id to its row fields in order.
 */
export interface UiSchema {
	order: string[];
	sections: FormSection[];
	widgets: Record<string, Widget>;
	columns: Record<string, string[]>;
}

export function toUiSchema(form: FormDocument): UiSchema {
	const fields = usableFields(form.fields);
	const ids = new Set(fields.map((f) => f.id));
	const placed = new Set<string>();
	const sections = form.sections.map((s) => ({
		title: s.title,
		fieldIds: s.fieldIds.filter((id) => {
			if (!ids.has(id) || placed.has(id)) return false;
			placed.add(id);
			return true;
		})
	}));
	const order = [...ids].filter((id) => !placed.has(id));
	for (const s of sections) order.push(...s.fieldIds);

	const widgets: [string, Widget][] = [];
	const columns: [string, string[]][] = [];
	for (const f of fields) {
		widgets.push([f.id, WIDGETS[f.kind]]);
		if (f.kind !== 'group') continue;
		const row = usableFields(f.fields ?? []);
		columns.push([f.id, row.map((sub) => sub.id)]);
		for (const sub of row) widgets.push([`${f.id}.${sub.id}`, WIDGETS[sub.kind]]);
	}
	return {
		order,
		sections,
		widgets: Object.fromEntries(widgets),
		columns: Object.fromEntries(columns)
	};
}
