/**
 * Checking a submission against a form's JSON Schema (from `toJsonSchema`) with ajv, the same way
 * in the browser (as the applicant types) and on the server (the check that counts). Errors come
 * back as dotted field paths with stable codes; the UI turns `code` into the message
 * `formError.<code>`, filling `{field}` with the field's label and the rest from `params`.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { canonicalJson } from '$lib/domain/canonical-json';
import { isValidCreditCode, isValidIdCard, isValidMobile } from '$lib/domain/form/checksums';
import { sha256Hex } from '$lib/domain/hash';

/**
 * One problem of a submission. `field` is the dotted path of the value at fault
 * (`members.0.idCard`; for a missing or unexpected property, the path it has or would have; ''
 * for the whole submission). It can run deeper than a form field — `license.ref` inside a file answer,
 * `choices.1` inside a checkbox answer — so attribute it to the longest prefix that is a field.
 */
export interface SubmissionError {
	field: string;
	code: string;
	params: Record<string, string | number>;
}

export interface SubmissionResult {
	valid: boolean;
	errors: SubmissionError[];
}

export type SubmissionValidator = (data: unknown) => SubmissionResult;

/** The custom formats of form schemas (each checks the check character, see checksums.ts). */
const CN_FORMATS = {
	'cn-id-card': isValidIdCard,
	'cn-mobile': isValidMobile,
	'cn-credit-code': isValidCreditCode
} as const;

/** Adds every format a form schema may use (`date` and the three above) to `ajv`. */
export function addFormFormats(ajv: Ajv2020): Ajv2020 {
	addFormats(ajv, ['date']);
	for (const [name, validate] of Object.entries(CN_FORMATS))
		ajv.addFormat(name, { type: 'string', validate });
	return ajv;
}

let instance: Ajv2020 | undefined;

function ajv(): Ajv2020 {
	instance ??= addFormFormats(new Ajv2020({ allErrors: true, strict: true, messages: false }));
	return instance;
}

const MAX_CACHED = 64;
const byContent = new Map<string, SubmissionValidator>();
const byObject = new WeakMap<object, SubmissionValidator>();

/**
 * A validator for `schema`. Compiling is the costly part, so validators are cached by the schema
 * object and by `$id` plus a hash of its content (the most recent 64); two versions of one form
 * (same `$id`) coexist. A schema must not be changed once passed here. Throws if ajv cannot
 * compile the schema (never for `toJsonSchema` output).
 */
export function createValidator(schema: object): SubmissionValidator {
	const known = byObject.get(schema);
	if (known) return known;
	const id = '$id' in schema && typeof schema.$id === 'string' ? schema.$id : '';
	const key = `${id}#${sha256Hex(canonicalJson(schema))}`;
	let validator = byContent.get(key);
	if (validator) byContent.delete(key);
	else validator = wrap(compile(schema));
	byContent.set(key, validator);
	if (byContent.size > MAX_CACHED) {
		const oldest = byContent.keys().next().value;
		if (oldest !== undefined) byContent.delete(oldest);
	}
	byObject.set(schema, validator);
	return validator;
}

/** Compiles, leaving nothing registered: another version with the same `$id` may follow. */
function compile(schema: object): ValidateFunction {
	const a = ajv();
	try {
		return a.compile(schema);
	} finally {
		a.removeSchema(schema);
	}
}

function wrap(validate: ValidateFunction): SubmissionValidator {
	return (data) => {
		const valid = validate(data);
		return { valid, errors: valid ? [] : (validate.errors ?? []).map(toSubmissionError) };
	};
}

/** JSON pointer (`/members/0/idCard`) to dotted path (`members.0.idCard`). */
function dotted(pointer: string, last?: unknown): string {
	const parts = pointer
		.split('/')
		.slice(1)
		.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
	if (last !== undefined) parts.push(String(last));
	return parts.join('.');
}

function toSubmissionError(e: ErrorObject): SubmissionError {
	const p = e.params as Record<string, unknown>;
	const at = (code: string, params: SubmissionError['params'] = {}) => ({
		field: dotted(e.instancePath),
		code,
		params
	});
	const limit = Number(p.limit);
	switch (e.keyword) {
		case 'required':
			return { field: dotted(e.instancePath, p.missingProperty), code: 'REQUIRED', params: {} };
		case 'additionalProperties':
			return {
				field: dotted(e.instancePath, p.additionalProperty),
				code: 'ADDITIONAL',
				params: {}
			};
		case 'minLength':
			return at('TOO_SHORT', { min: limit });
		case 'maxLength':
			return at('TOO_LONG', { max: limit });
		case 'minimum':
			return at('MINIMUM', { min: limit });
		case 'maximum':
			return at('MAXIMUM', { max: limit });
		case 'minItems':
			return at('MIN_ITEMS', { min: limit });
		case 'maxItems':
			return at('MAX_ITEMS', { max: limit });
		case 'pattern':
			return at('PATTERN');
		case 'enum':
			return at('ENUM');
		case 'uniqueItems':
			return at('UNIQUE_ITEMS');
		case 'type':
			return at('TYPE', { type: [p.type].flat().join(',') });
		case 'format':
			return at(`FORMAT_${String(p.format).toUpperCase().replace(/-/g, '_')}`);
		default:
			return at('INVALID', { keyword: e.keyword });
	}
}
