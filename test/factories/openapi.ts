import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/**
 * docs/openapi.yaml, parsed, and its schemas as ajv validators (OpenAPI 3.1 schemas are JSON
 * Schema 2020-12). The whole document is added under one id, so a schema is compiled as a pointer
 * into it and its `#/components/...` references resolve as they do for any OpenAPI tool.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the spec is walked as plain data
export type Json = any;

export const SPEC_ID = 'sunlit-openapi';
export const spec: Json = parse(readFileSync('docs/openapi.yaml', 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat('binary', true);
ajv.addSchema({ ...spec, $id: SPEC_ID });

/** A JSON pointer segment. */
export const ptr = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

const validators = new Map<string, ValidateFunction>();

/** The validator of the schema at a pointer into the spec (`sunlit-openapi#/...`). */
export function validatorAt(pointer: string): ValidateFunction {
	let v = validators.get(pointer);
	if (!v) {
		v = ajv.compile({ $ref: pointer });
		validators.set(pointer, v);
	}
	return v;
}

/** The validator of `components.schemas[name]`. */
export const componentValidator = (name: string) =>
	validatorAt(`${SPEC_ID}#/components/schemas/${ptr(name)}`);
