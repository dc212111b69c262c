import { describe, expect, it } from 'vitest';
import type { FormDocument, FormField } from '../../src/lib/domain/form/types';
import {
	cleanSubmission,
	errorFieldPath,
	errorMessage,
	errorsByField,
	validateSubmission
} from '../../src/lib/forms/submission';
import { translate, type MessageKey, type Params } from '../../src/lib/i18n';

// --- fixtures -------------------------------------------------------------------------------

/** A valid 居民身份证号码 from its first 17 digits (GB 11643 check character). */
const idNumber = (base17: string) => {
	const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	return base17 + '10X98765432'.charAt(w.reduce((s, x, i) => s + x * Number(base17[i]), 0) % 11);
};
/** A valid 统一社会信用代码 from its first 17 characters (GB 32100 check character). */
const creditCode = (base17: string) => {
	const set = '0123456789ABCDEFGHJKLMNPQRTUWXY';
	const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
	const c = 31 - (w.reduce((s, x, i) => s + x * set.indexOf(base17.charAt(i)), 0) % 31);
	return base17 + set.charAt(c % 31);
};
const ID = idNumber('99010119900307123');
/** The first number of 1980-01-01 whose check character is X. */
const ID_WITH_X = Array.from({ length: 100 }, (_, n) =>
	idNumber(`99010119800101${String(n).padStart(3, '0')}`)
).find((s) => s.endsWith('X'))!;
const CREDIT = creditCode('91990101MA1234567');
const badCheck = (s: string) => s.slice(0, -1) + (s.endsWith('1') ? '2' : '1');

const field = (id: string, kind: FormField['kind'], more: Partial<FormField> = {}): FormField => ({
	id,
	kind,
	label: `${id}标签`,
	help: '',
	required: false,
	...more
});

const form: FormDocument = {
	format: 'sunlit.form',
	version: 1,
	item: '990001-TEST-XK-0001',
	title: '测试申请表',
	fields: [
		field('name', 'text', { label: '姓名', required: true }),
		field('idCard', 'id_card', { label: '身份证号码', required: true }),
		field('note', 'textarea'),
		field('age', 'number', { min: 0 }),
		field('company', 'credit_code', { label: '统一社会信用代码' }),
		field('tags', 'checkbox', {
			options: [
				{ value: 'a', label: '甲' },
				{ value: 'b', label: '乙' }
			]
		}),
		field('duties', 'checkbox', {
			required: true,
			options: [{ value: 'x', label: '某项' }]
		}),
		field('license', 'file', { label: '营业执照', material: '营业执照' }),
		field('members', 'group', {
			label: '家庭成员',
			fields: [
				field('memberName', 'text', { label: '成员姓名', required: true }),
				field('memberId', 'id_card', { label: '成员身份证号' })
			]
		})
	],
	sections: []
};

const t = (key: MessageKey, params?: Params) => translate('zh', key, params);

// --- cleaning -------------------------------------------------------------------------------

describe('cleanSubmission', () => {
	it('leaves out blank strings, null, undefined and non-finite numbers, required or not', () => {
		expect(
			cleanSubmission(form, {
				name: '',
				idCard: '   ',
				note: null,
				age: Number.NaN,
				company: undefined
			})
		).toEqual({});
	});

	it('trims strings and keeps numbers', () => {
		expect(cleanSubmission(form, { name: '  张三 ', note: '\n第一行\n第二行\n', age: 0 })).toEqual({
			name: '张三',
			note: '第一行\n第二行',
			age: 0
		});
	});

	it('leaves out an empty list of an optional field but keeps it for a required one', () => {
		expect(cleanSubmission(form, { tags: [], members: [], duties: [] })).toEqual({ duties: [] });
	});

	it('upper-cases credit codes and the x of an ID number', () => {
		const data = cleanSubmission(form, {
			company: CREDIT.toLowerCase(),
			idCard: ID_WITH_X.toLowerCase()
		});
		expect(data).toEqual({ company: CREDIT, idCard: ID_WITH_X });
	});

	it('cleans each row of a group and never drops a row', () => {
		expect(
			cleanSubmission(form, {
				members: [{ memberName: ' 李四 ', memberId: '' }, {}, { memberName: '王五' }]
			})
		).toEqual({ members: [{ memberName: '李四' }, {}, { memberName: '王五' }] });
	});

	it('keeps unknown properties for the schema to refuse, unless asked to drop them', () => {
		const data = { name: '张三', gone: '旧字段的值', members: [{ memberName: '甲', old: 1 }] };
		expect(cleanSubmission(form, data)).toEqual(data);
		expect(cleanSubmission(form, data, { dropUnknown: true })).toEqual({
			name: '张三',
			members: [{ memberName: '甲' }]
		});
	});

	it('keeps values of the wrong type so the schema names them, and does not change its input', () => {
		const data = { name: 42, tags: 'a', members: ['not a row'] };
		const copy = structuredClone(data);
		expect(cleanSubmission(form, data)).toEqual(data);
		expect(data).toEqual(copy);
	});

	it('treats anything but an object as no answers', () => {
		expect(cleanSubmission(form, null)).toEqual({});
		expect(cleanSubmission(form, ['x'])).toEqual({});
	});
});

// --- validation -----------------------------------------------------------------------------

describe('validateSubmission', () => {
	it('accepts a complete submission and returns the cleaned data', () => {
		const r = validateSubmission(form, {
			name: ' 张三 ',
			idCard: ID,
			company: CREDIT.toLowerCase(),
			duties: ['x'],
			license: { name: '执照.pdf', size: 1024, type: 'application/pdf', ref: 'local-preview' },
			members: [{ memberName: '李四', memberId: ID_WITH_X.toLowerCase() }],
			tags: []
		});
		expect(r.errors).toEqual([]);
		expect(r.valid).toBe(true);
		expect(r.data.name).toBe('张三');
		expect(r.data.company).toBe(CREDIT);
		expect(r.data).not.toHaveProperty('tags');
	});

	it('refuses a `__proto__` property by name instead of taking the answers it carries', () => {
		// JSON.parse makes `__proto__` an ordinary property; a plain assignment while cleaning
		// would make its value the prototype, and the schema would read the answers through it.
		const answers = JSON.parse(
			`{"__proto__":${JSON.stringify({ name: '张三', idCard: ID, duties: ['x'] })}}`
		) as unknown;
		const r = validateSubmission(form, answers);
		expect(r.valid).toBe(false);
		expect(r.errors).toContainEqual({ field: '__proto__', code: 'ADDITIONAL', params: {} });
		expect(r.errors).toContainEqual({ field: 'name', code: 'REQUIRED', params: {} });
		expect(Object.getPrototypeOf(r.data)).toBe(Object.prototype);
		const rows = JSON.parse(
			`{"name":"张三","idCard":"${ID}","duties":["x"],"members":[{"__proto__":{"memberName":"李四"}}]}`
		) as unknown;
		expect(validateSubmission(form, rows).errors).toContainEqual({
			field: 'members.0.memberName',
			code: 'REQUIRED',
			params: {}
		});
	});

	it('reports a blank required field as REQUIRED at its path, not as too short', () => {
		const r = validateSubmission(form, { name: '', idCard: ID, duties: ['x'] });
		expect(r.valid).toBe(false);
		expect(r.errors).toEqual([{ field: 'name', code: 'REQUIRED', params: {} }]);
	});

	it('reports a wrong check character at the ID field', () => {
		const r = validateSubmission(form, { name: '张三', idCard: badCheck(ID), duties: ['x'] });
		expect(r.errors).toEqual([{ field: 'idCard', code: 'FORMAT_CN_ID_CARD', params: {} }]);
		expect(errorMessage(form, r.errors[0]!, t)).toBe(
			'“身份证号码”不是有效的居民身份证号码（应为 18 位，出生日期有效，末位校验码相符）。'
		);
	});

	it('reports an empty required list as too few items', () => {
		const r = validateSubmission(form, { name: '张三', idCard: ID, duties: [] });
		expect(r.errors).toEqual([{ field: 'duties', code: 'MIN_ITEMS', params: { min: 1 } }]);
	});

	it('reports errors inside group rows under the row and column', () => {
		const r = validateSubmission(form, {
			name: '张三',
			idCard: ID,
			duties: ['x'],
			members: [{ memberName: '李四' }, { memberId: badCheck(ID) }]
		});
		expect(r.errors).toEqual(
			expect.arrayContaining([
				{ field: 'members.1.memberName', code: 'REQUIRED', params: {} },
				{ field: 'members.1.memberId', code: 'FORMAT_CN_ID_CARD', params: {} }
			])
		);
		expect(r.errors).toHaveLength(2);
		const messages = r.errors.map((e) => errorMessage(form, e, t));
		expect(messages).toContain('请填写“家庭成员第 2 行的成员姓名”。');
	});

	it('refuses properties the form does not have, or ignores them when asked', () => {
		const data = { name: '张三', idCard: ID, duties: ['x'], gone: '旧值' };
		const r = validateSubmission(form, data);
		expect(r.errors).toEqual([{ field: 'gone', code: 'ADDITIONAL', params: {} }]);
		expect(errorMessage(form, r.errors[0]!, t)).toBe('表单中没有“gone”这一项。');
		expect(validateSubmission(form, data, { dropUnknown: true }).valid).toBe(true);
	});
});

// --- attributing errors to fields -----------------------------------------------------------

describe('errorFieldPath and errorsByField', () => {
	it('attribute a path to the longest prefix that is a field', () => {
		expect(errorFieldPath(form, 'name')).toBe('name');
		expect(errorFieldPath(form, 'license.ref')).toBe('license');
		expect(errorFieldPath(form, 'tags.1')).toBe('tags');
		expect(errorFieldPath(form, 'members.0.memberId')).toBe('members.0.memberId');
		expect(errorFieldPath(form, 'members.0')).toBe('members');
		expect(errorFieldPath(form, 'members.0.nope')).toBe('members');
		expect(errorFieldPath(form, 'nope')).toBe('');
		expect(errorFieldPath(form, '')).toBe('');
	});

	it('group the errors of one submission by field, in order', () => {
		const r = validateSubmission(form, {
			idCard: 'abc',
			tags: ['a', 'zz'],
			license: { name: '', size: 1, type: '', ref: 'x' }
		});
		const byField = errorsByField(form, r.errors);
		expect([...byField.keys()].sort()).toEqual(['duties', 'idCard', 'license', 'name', 'tags']);
		expect(byField.get('tags')?.map((e) => e.code)).toEqual(['ENUM']);
		expect(byField.get('license')?.map((e) => e.code)).toEqual(['TOO_SHORT']);
		expect(errorMessage(form, byField.get('license')![0]!, t)).toBe(
			'“营业执照”至少需要 1 个字符。'
		);
	});
});
