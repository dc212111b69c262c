import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_MAX_LENGTH,
	SCHEMA_DIALECT,
	toJsonSchema,
	toUiSchema,
	type JsonSchema
} from '../../src/lib/domain/form/to-schema';
import type { FormDocument, FormField } from '../../src/lib/domain/form/types';
import { validateFormDefinition } from '../../src/lib/domain/form/validate-definition';
import { addFormFormats, createValidator } from '../../src/lib/forms/ajv';

// --- fixtures -------------------------------------------------------------------------------

/** Valid numbers built from unallocated region code 99xxxx (check characters per the standards). */
const idNumber = (base17: string) => {
	const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	return base17 + '10X98765432'.charAt(w.reduce((s, x, i) => s + x * Number(base17[i]), 0) % 11);
};
const creditCode = (base17: string) => {
	const set = '0123456789ABCDEFGHJKLMNPQRTUWXY';
	const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
	const c = 31 - (w.reduce((s, x, i) => s + x * set.indexOf(base17.charAt(i)), 0) % 31);
	return base17 + set.charAt(c % 31);
};
const ID_A = idNumber('99010119900307123');
const ID_B = idNumber('99010120100615004');
const badCheck = (s: string) => s.slice(0, -1) + (s.endsWith('1') ? '2' : '1');

const field = (id: string, kind: FormField['kind'], more: Partial<FormField> = {}): FormField => ({
	id,
	kind,
	label: `${id} 的名称`,
	help: '',
	required: false,
	...more
});
const options = (...values: string[]) => values.map((value) => ({ value, label: `选项${value}` }));

const doc = (fields: FormField[], sections: FormDocument['sections'] = []): FormDocument => ({
	format: 'sunlit.form',
	version: 1,
	item: '990000-XK-0001',
	title: '测试申请表',
	fields,
	sections
});

/** One field of every kind. */
const everyKind = (): FormDocument =>
	doc(
		[
			field('name', 'text', {
				label: '申请人姓名',
				help: '与身份证一致',
				required: true,
				maxLength: 50
			}),
			field('reason', 'textarea', { minLength: 10 }),
			field('postcode', 'text', { pattern: '^\\d{6}$' }),
			field('area', 'number', { required: true, min: 0, max: 10000 }),
			field('startDate', 'date', { required: true }),
			field('applicantType', 'select', { required: true, options: options('person', 'company') }),
			field('delivery', 'radio', { options: options('post', 'pickup') }),
			field('purposes', 'checkbox', {
				required: true,
				options: options('a', 'b', 'c'),
				maxItems: 2
			}),
			field('idCard', 'id_card', { required: true }),
			field('mobile', 'mobile', { required: true }),
			field('creditCode', 'credit_code'),
			field('address', 'address', { required: true }),
			field('license', 'file', { required: true, material: '营业执照' }),
			field('members', 'group', {
				required: true,
				maxItems: 3,
				fields: [
					field('name', 'text', { required: true }),
					field('idCard', 'id_card', { required: true }),
					field('phone', 'mobile')
				]
			})
		],
		[
			{ title: '申请人', fieldIds: ['name', 'idCard', 'mobile'] },
			{ title: '家庭成员', fieldIds: ['members'] }
		]
	);

const validSubmission = (): Record<string, unknown> => ({
	name: '张三',
	area: 120.5,
	startDate: '2024-02-29',
	applicantType: 'person',
	delivery: 'post',
	purposes: ['a', 'c'],
	idCard: ID_A,
	mobile: '13800000000',
	creditCode: creditCode('91990000MA0000000'),
	address: '某县某镇某路 1 号',
	license: { name: '营业执照.pdf', size: 1024, type: 'application/pdf', ref: 'upl_01' },
	members: [
		{ name: '李四', idCard: ID_B },
		{ name: '王五', idCard: ID_A, phone: '15912345678' }
	]
});

const props = (schema: JsonSchema) => schema.properties as Record<string, JsonSchema>;

// --- JSON Schema ----------------------------------------------------------------------------

describe('toJsonSchema', () => {
	const schema = toJsonSchema(everyKind());
	const p = props(schema);

	it('describes the submission as a closed object in field order', () => {
		expect(Object.keys(schema)).toEqual([
			'$schema',
			'$id',
			'title',
			'type',
			'properties',
			'required',
			'additionalProperties'
		]);
		expect(schema.$schema).toBe(SCHEMA_DIALECT);
		expect(schema.$id).toBe('urn:sunlit:form:990000-XK-0001');
		expect(schema.title).toBe('测试申请表');
		expect(schema.type).toBe('object');
		expect(schema.additionalProperties).toBe(false);
		expect(Object.keys(p)).toEqual(everyKind().fields.map((f) => f.id));
		expect(schema.required).toEqual([
			'name',
			'area',
			'startDate',
			'applicantType',
			'purposes',
			'idCard',
			'mobile',
			'address',
			'license',
			'members'
		]);
	});

	it('maps text kinds to strings with lengths and pattern, label to title, help to description', () => {
		expect(p.name).toEqual({
			title: '申请人姓名',
			description: '与身份证一致',
			type: 'string',
			minLength: 1,
			maxLength: 50
		});
		expect(p.reason).toEqual({
			title: 'reason 的名称',
			type: 'string',
			minLength: 10,
			maxLength: DEFAULT_MAX_LENGTH.textarea
		});
		expect(p.postcode).toMatchObject({ type: 'string', pattern: '^\\d{6}$', maxLength: 200 });
		expect(p.postcode).not.toHaveProperty('minLength');
		expect(p.address).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
	});

	it('maps number, date and the identity kinds', () => {
		expect(p.area).toMatchObject({ type: 'number', minimum: 0, maximum: 10000 });
		expect(p.startDate).toMatchObject({ type: 'string', format: 'date' });
		expect(p.idCard).toMatchObject({ type: 'string', format: 'cn-id-card' });
		expect(p.mobile).toMatchObject({ type: 'string', format: 'cn-mobile' });
		expect(p.creditCode).toMatchObject({ type: 'string', format: 'cn-credit-code' });
	});

	it('maps choices to enums of option values', () => {
		expect(p.applicantType).toMatchObject({ type: 'string', enum: ['person', 'company'] });
		expect(p.delivery).toMatchObject({ type: 'string', enum: ['post', 'pickup'] });
		expect(p.purposes).toMatchObject({
			type: 'array',
			items: { type: 'string', enum: ['a', 'b', 'c'] },
			uniqueItems: true,
			minItems: 1,
			maxItems: 2
		});
	});

	it('maps a file to a closed object naming the upload', () => {
		expect(p.license).toMatchObject({
			type: 'object',
			required: ['name', 'size', 'type', 'ref'],
			additionalProperties: false
		});
		expect(Object.keys(props(p.license!))).toEqual(['name', 'size', 'type', 'ref']);
		expect(props(p.license!).size).toEqual({ type: 'integer', minimum: 0 });
	});

	it('maps a group to an array of closed row objects', () => {
		expect(p.members).toMatchObject({ type: 'array', minItems: 1, maxItems: 3 });
		const row = p.members!.items as JsonSchema;
		expect(row).toMatchObject({
			type: 'object',
			required: ['name', 'idCard'],
			additionalProperties: false
		});
		expect(Object.keys(props(row))).toEqual(['name', 'idCard', 'phone']);
		expect(props(row).idCard).toMatchObject({ format: 'cn-id-card' });
		const optional = toJsonSchema(doc([field('g', 'group', { fields: [field('x', 'text')] })]));
		expect(props(optional).g).not.toHaveProperty('minItems');
	});

	it('is deterministic', () => {
		expect(JSON.stringify(toJsonSchema(everyKind()))).toBe(JSON.stringify(schema));
		expect(JSON.stringify(toJsonSchema(structuredClone(everyKind())))).toBe(JSON.stringify(schema));
	});

	it('is itself valid JSON Schema 2020-12 and compiles in strict mode', () => {
		const ajv = addFormFormats(new Ajv2020({ strict: true, allErrors: true }));
		expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
		expect(() => ajv.compile(schema)).not.toThrow();
	});

	it('still compiles for a half-finished definition, leaving the bad parts out', () => {
		const draft = doc([
			field('a', 'select', { options: [] }),
			field('b', 'text', { pattern: '(', minLength: -1, maxLength: 2.5 }),
			field('b', 'number'),
			field('9x', 'text'),
			field('c', 'number', { min: Number.NaN }),
			field('d', 'group', { fields: [], minItems: -2 }),
			field('e', 'checkbox', { options: options('x', 'x') })
		]);
		const s = toJsonSchema(draft);
		expect(Object.keys(props(s))).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(props(s).b).toEqual({ title: 'b 的名称', type: 'string', maxLength: 200 });
		expect(props(s).e).toMatchObject({ items: { enum: ['x'] } });
		const ajv = addFormFormats(new Ajv2020({ strict: true }));
		expect(() => ajv.compile(s)).not.toThrow();
	});
});

// --- validating submissions -----------------------------------------------------------------

describe('createValidator', () => {
	const validate = createValidator(toJsonSchema(everyKind()));
	const errs = (patch: Record<string, unknown>) =>
		validate({ ...validSubmission(), ...patch }).errors.map((e) => `${e.field}:${e.code}`);

	it('passes a valid submission, with optional fields left out', () => {
		expect(validate(validSubmission())).toEqual({ valid: true, errors: [] });
		const minimal = validSubmission();
		for (const k of ['delivery', 'creditCode']) delete minimal[k];
		expect(validate(minimal).valid).toBe(true);
	});

	it('names each broken constraint by its code at its dotted path', () => {
		const cases: [Record<string, unknown>, string][] = [
			[{ name: undefined }, 'name:REQUIRED'],
			[{ name: '' }, 'name:TOO_SHORT'],
			[{ name: '张'.repeat(51) }, 'name:TOO_LONG'],
			[{ reason: '太短' }, 'reason:TOO_SHORT'],
			[{ postcode: '12345a' }, 'postcode:PATTERN'],
			[{ area: -1 }, 'area:MINIMUM'],
			[{ area: 10001 }, 'area:MAXIMUM'],
			[{ area: '120' }, 'area:TYPE'],
			[{ startDate: '2023-02-29' }, 'startDate:FORMAT_DATE'],
			[{ applicantType: 'robot' }, 'applicantType:ENUM'],
			[{ purposes: [] }, 'purposes:MIN_ITEMS'],
			[{ purposes: ['a', 'b', 'c'] }, 'purposes:MAX_ITEMS'],
			[{ purposes: ['a', 'a'] }, 'purposes:UNIQUE_ITEMS'],
			[{ purposes: ['a', 'z'] }, 'purposes.1:ENUM'],
			[{ idCard: badCheck(ID_A) }, 'idCard:FORMAT_CN_ID_CARD'],
			[{ mobile: '12800000000' }, 'mobile:FORMAT_CN_MOBILE'],
			[
				{ creditCode: badCheck(creditCode('91990000MA0000000')) },
				'creditCode:FORMAT_CN_CREDIT_CODE'
			],
			[{ license: { name: 'a.pdf', size: 1, type: '' } }, 'license.ref:REQUIRED'],
			[{ members: [] }, 'members:MIN_ITEMS'],
			[{ members: Array(4).fill({ name: '甲', idCard: ID_A }) }, 'members:MAX_ITEMS'],
			[{ unknown: 1 }, 'unknown:ADDITIONAL']
		];
		for (const [patch, expected] of cases) expect(errs(patch), expected).toEqual([expected]);
	});

	it('checks group rows: required, checksum and extra properties at the row path', () => {
		const members = [
			{ name: '李四', idCard: ID_B },
			{ idCard: badCheck(ID_B), phone: '1' },
			{ name: '王五', idCard: ID_A, age: 3 }
		];
		expect(errs({ members })).toEqual([
			'members.1.name:REQUIRED',
			'members.1.idCard:FORMAT_CN_ID_CARD',
			'members.1.phone:FORMAT_CN_MOBILE',
			'members.2.age:ADDITIONAL'
		]);
	});

	it('reports every error at once with its limits', () => {
		const result = validate({ ...validSubmission(), name: '张'.repeat(51), area: 10001 });
		expect(result.valid).toBe(false);
		expect(result.errors).toEqual([
			{ field: 'name', code: 'TOO_LONG', params: { max: 50 } },
			{ field: 'area', code: 'MAXIMUM', params: { max: 10000 } }
		]);
		expect(validate([]).errors).toEqual([{ field: '', code: 'TYPE', params: { type: 'object' } }]);
	});

	it('caches by content and lets two versions of one form coexist', () => {
		const v1 = toJsonSchema(doc([field('a', 'text', { maxLength: 2 })]));
		const v2 = toJsonSchema(doc([field('a', 'text', { maxLength: 4 })]));
		expect(createValidator(v1)).toBe(createValidator(structuredClone(v1)));
		const [check1, check2] = [createValidator(v1), createValidator(v2)];
		expect(check1({ a: 'abc' }).valid).toBe(false);
		expect(check2({ a: 'abc' }).valid).toBe(true);
		expect(createValidator(v1)({ a: 'abc' }).valid).toBe(false);
	});
});

// --- UI schema ------------------------------------------------------------------------------

describe('toUiSchema', () => {
	it('orders unsectioned fields first, then each section, with a widget per field', () => {
		const ui = toUiSchema(everyKind());
		expect(ui.order).toEqual([
			'reason',
			'postcode',
			'area',
			'startDate',
			'applicantType',
			'delivery',
			'purposes',
			'creditCode',
			'address',
			'license',
			'name',
			'idCard',
			'mobile',
			'members'
		]);
		expect(ui.sections).toEqual(everyKind().sections);
		expect(ui.widgets).toMatchObject({
			name: 'text',
			reason: 'textarea',
			area: 'number',
			startDate: 'date',
			applicantType: 'select',
			delivery: 'radio',
			purposes: 'checkboxes',
			idCard: 'id-card',
			mobile: 'mobile',
			creditCode: 'credit-code',
			address: 'address',
			license: 'file',
			members: 'table',
			'members.name': 'text',
			'members.idCard': 'id-card',
			'members.phone': 'mobile'
		});
		expect(ui.columns).toEqual({ members: ['name', 'idCard', 'phone'] });
		expect(JSON.stringify(toUiSchema(everyKind()))).toBe(JSON.stringify(ui));
	});

	it('drops unknown and repeated section references', () => {
		const ui = toUiSchema(
			doc(
				[field('a', 'text'), field('b', 'text'), field('c', 'text')],
				[
					{ title: '一', fieldIds: ['b', 'nope', 'b'] },
					{ title: '二', fieldIds: ['b', 'a'] }
				]
			)
		);
		expect(ui.sections).toEqual([
			{ title: '一', fieldIds: ['b'] },
			{ title: '二', fieldIds: ['a'] }
		]);
		expect(ui.order).toEqual(['c', 'b', 'a']);
	});
});

// --- definition validation ------------------------------------------------------------------

describe('validateFormDefinition', () => {
	const codes = (form: FormDocument, materials?: string[]) =>
		validateFormDefinition(form, { materials }).map((i) => `${i.field}:${i.code}`);
	const one = (f: FormField) => doc([f]);
	const group = (fields: FormField[], more: Partial<FormField> = {}) =>
		one(field('g', 'group', { fields, ...more }));

	it('accepts a complete definition', () => {
		expect(validateFormDefinition(everyKind(), { materials: ['营业执照', '身份证'] })).toEqual([]);
	});

	/** [code, a definition that fires it at `path`, a near miss that does not]. */
	const cases: [string, string, FormDocument, FormDocument][] = [
		['ID_INVALID', 'fields.0.id', one(field('1a', 'text')), one(field('a1_', 'text'))],
		[
			'ID_INVALID',
			'fields.0.id',
			one(field(`a${'b'.repeat(64)}`, 'text')),
			one(field(`a${'b'.repeat(63)}`, 'text'))
		],
		[
			'ID_DUPLICATE',
			'fields.1.id',
			doc([field('a', 'text'), field('a', 'number')]),
			doc([field('a', 'text'), field('g', 'group', { fields: [field('a', 'text')] })])
		],
		[
			'ID_DUPLICATE',
			'fields.0.fields.1.id',
			group([field('x', 'text'), field('x', 'date')]),
			group([field('x', 'text'), field('y', 'date')])
		],
		[
			'LABEL_REQUIRED',
			'fields.0.label',
			one(field('a', 'text', { label: ' ' })),
			one(field('a', 'text'))
		],
		[
			'KIND_INVALID',
			'fields.0.kind',
			one(field('a', 'signature' as FormField['kind'])),
			one(field('a', 'text'))
		],
		[
			'GROUP_NESTED',
			'fields.0.fields.0.kind',
			group([field('inner', 'group', { fields: [field('x', 'text')] })]),
			group([field('inner', 'text')])
		],
		['GROUP_FIELDS_REQUIRED', 'fields.0.fields', group([]), group([field('x', 'text')])],
		[
			'LENGTH_INVALID',
			'fields.0.minLength',
			one(field('a', 'text', { minLength: -1 })),
			one(field('a', 'text', { minLength: 0 }))
		],
		[
			'LENGTH_RANGE_INVERTED',
			'fields.0.maxLength',
			one(field('a', 'textarea', { minLength: 5, maxLength: 4 })),
			one(field('a', 'textarea', { minLength: 5, maxLength: 5 }))
		],
		[
			'LENGTH_RANGE_INVERTED',
			'fields.0.maxLength',
			one(field('a', 'text', { minLength: 201 })),
			one(field('a', 'text', { minLength: 200 }))
		],
		[
			'LENGTH_RANGE_INVERTED',
			'fields.0.maxLength',
			one(field('a', 'address', { required: true, maxLength: 0 })),
			one(field('a', 'address', { required: false, maxLength: 0 }))
		],
		[
			'PATTERN_INVALID',
			'fields.0.pattern',
			one(field('a', 'text', { pattern: '\\-' })), // invalid with the u flag ajv uses
			one(field('a', 'text', { pattern: '^[\\-0-9]+$' }))
		],
		[
			'PATTERN_INVALID',
			'fields.0.pattern',
			one(field('a', 'text', { pattern: '(' })),
			one(field('a', 'number', { pattern: '(' })) // not a text kind: ignored
		],
		[
			'NUMBER_INVALID',
			'fields.0.min',
			one(field('a', 'number', { max: Number.POSITIVE_INFINITY })),
			one(field('a', 'number', { max: 1e9 }))
		],
		[
			'RANGE_INVERTED',
			'fields.0.max',
			one(field('a', 'number', { min: 5, max: 4 })),
			one(field('a', 'number', { min: 4, max: 4 }))
		],
		[
			'OPTIONS_REQUIRED',
			'fields.0.options',
			one(field('a', 'radio')),
			one(field('a', 'radio', { options: options('x') }))
		],
		[
			'OPTION_VALUE_REQUIRED',
			'fields.0.options.1.value',
			one(field('a', 'select', { options: options('x', ' ') })),
			one(field('a', 'select', { options: options('x', 'y') }))
		],
		[
			'OPTION_VALUE_DUPLICATE',
			'fields.0.options.2.value',
			one(field('a', 'checkbox', { options: options('x', 'y', 'x') })),
			one(field('a', 'checkbox', { options: options('x', 'y', 'X') }))
		],
		[
			'OPTION_LABEL_REQUIRED',
			'fields.0.options.0.label',
			one(field('a', 'select', { options: [{ value: 'x', label: '' }] })),
			one(field('a', 'select', { options: [{ value: 'x', label: '是' }] }))
		],
		[
			'ITEMS_INVALID',
			'fields.0.minItems',
			group([field('x', 'text')], { minItems: 1.5 }),
			group([field('x', 'text')], { minItems: 1 })
		],
		[
			'ITEMS_RANGE_INVERTED',
			'fields.0.maxItems',
			group([field('x', 'text')], { minItems: 3, maxItems: 2 }),
			group([field('x', 'text')], { minItems: 2, maxItems: 2 })
		],
		[
			'ITEMS_RANGE_INVERTED',
			'fields.0.maxItems',
			one(field('a', 'checkbox', { options: options('x'), required: true, maxItems: 0 })),
			one(field('a', 'checkbox', { options: options('x'), required: true, maxItems: 1 }))
		],
		[
			'MATERIAL_REQUIRED',
			'fields.0.material',
			one(field('a', 'file', { material: ' ' })),
			one(field('a', 'file', { material: '身份证' }))
		],
		[
			'SECTION_TITLE_REQUIRED',
			'sections.0.title',
			doc([field('a', 'text')], [{ title: '', fieldIds: ['a'] }]),
			doc([field('a', 'text')], [{ title: '基本信息', fieldIds: ['a'] }])
		],
		[
			'SECTION_FIELD_UNKNOWN',
			'sections.0.fieldIds.1',
			doc(
				[field('g', 'group', { fields: [field('x', 'text')] })],
				[{ title: '一', fieldIds: ['g', 'x'] }]
			),
			doc(
				[field('g', 'group', { fields: [field('x', 'text')] })],
				[{ title: '一', fieldIds: ['g'] }]
			)
		],
		[
			'SECTION_FIELD_REPEATED',
			'sections.1.fieldIds.0',
			doc(
				[field('a', 'text'), field('b', 'text')],
				[
					{ title: '一', fieldIds: ['a'] },
					{ title: '二', fieldIds: ['a', 'b'] }
				]
			),
			doc(
				[field('a', 'text'), field('b', 'text')],
				[
					{ title: '一', fieldIds: ['a'] },
					{ title: '二', fieldIds: ['b'] }
				]
			)
		]
	];

	it.each(cases)('%s at %s fires, and its near miss passes', (code, path, fires, passes) => {
		expect(codes(fires)).toEqual([`${path}:${code}`]);
		expect(codes(passes)).toEqual([]);
	});

	it('checks materials against the catalogue entry when given', () => {
		const f = one(field('a', 'file', { material: '营业执照' }));
		expect(codes(f, ['身份证'])).toEqual(['fields.0.material:MATERIAL_UNKNOWN']);
		expect(codes(f, ['身份证', '营业执照'])).toEqual([]);
		expect(codes(f)).toEqual([]);
	});

	it('carries the field id and the numbers the messages need', () => {
		expect(validateFormDefinition(one(field('a', 'number', { min: 5, max: 4 })))).toEqual([
			{ field: 'fields.0.max', code: 'RANGE_INVERTED', params: { id: 'a', min: 5, max: 4 } }
		]);
		expect(
			validateFormDefinition(doc([field('a', 'text')], [{ title: '一', fieldIds: ['zz'] }]))
		).toEqual([
			{
				field: 'sections.0.fieldIds.0',
				code: 'SECTION_FIELD_UNKNOWN',
				params: { section: 1, id: 'zz' }
			}
		]);
	});

	it('gives a schema that compiles (strict) whenever it reports no issue', () => {
		for (const [, , , passes] of cases)
			expect(() => createValidator(toJsonSchema(passes))).not.toThrow();
	});
});
