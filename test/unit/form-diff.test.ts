import { describe, expect, it } from 'vitest';
import { diffForms, type FormDiff } from '../../src/lib/domain/diff/form-diff';
import type { FormDocument, FormField } from '../../src/lib/domain/form/types';

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

/** A form with a repeating group `members` (name, idCard, relation) and two sections. */
const familyForm = (): FormDocument =>
	doc(
		[
			field('name', 'text', { required: true, maxLength: 50 }),
			field('mobile', 'mobile', { required: true }),
			field('type', 'radio', { options: options('a', 'b') }),
			field('members', 'group', {
				minItems: 1,
				fields: [
					field('name', 'text', { required: true }),
					field('idCard', 'id_card'),
					field('relation', 'select', { options: options('spouse', 'child') })
				]
			}),
			field('proof', 'file', { material: '户口簿' })
		],
		[
			{ title: '申请人', fieldIds: ['name', 'mobile', 'type'] },
			{ title: '家庭成员', fieldIds: ['members', 'proof'] }
		]
	);

const change = (d: FormDiff) =>
	Object.fromEntries(d.fields.filter((f) => f.change !== 'same').map((f) => [f.path, f.change]));
const at = (d: FormDiff, path: string) => {
	const found = d.fields.find((f) => f.path === path);
	if (!found) throw new Error(`no ${path} in the diff`);
	return found;
};
const moved = (d: FormDiff) =>
	d.fields.filter((f) => f.reordered || f.sectionChanged).map((f) => f.path);
const withFields = (form: FormDocument, fields: FormField[]): FormDocument => ({ ...form, fields });
const member = (form: FormDocument) => form.fields.find((f) => f.id === 'members')!;

describe('diffForms', () => {
	it('finds nothing between a form and a deep copy of it', () => {
		const form = familyForm();
		const d = diffForms(form, structuredClone(form));
		expect(d.unchanged).toBe(true);
		expect(change(d)).toEqual({});
		expect(d.fields.map((f) => f.path)).toEqual([
			'name',
			'mobile',
			'type',
			'members',
			'members.name',
			'members.idCard',
			'members.relation',
			'proof'
		]);
		expect(d.summary).toEqual({ added: 0, removed: 0, changed: 0, same: 8, moved: 0 });
	});

	it('recurses into group fields and reports them by path', () => {
		const before = familyForm();
		const after = structuredClone(before);
		const rows = member(after).fields!;
		rows[0]!.maxLength = 20;
		rows.splice(1, 1); // idCard removed
		rows.push(field('birth', 'date'));
		const d = diffForms(before, after);
		expect(change(d)).toEqual({
			'members.name': 'changed',
			'members.idCard': 'removed',
			'members.birth': 'added'
		});
		expect(at(d, 'members.name')).toMatchObject({
			id: 'name',
			parent: 'members',
			depth: 2,
			changed: ['maxLength']
		});
		// The top-level `name` with the same id is a different field and did not change.
		expect(at(d, 'name').change).toBe('same');
		// A removed field is listed where it used to be.
		expect(d.fields.map((f) => f.path).slice(3, 8)).toEqual([
			'members',
			'members.name',
			'members.idCard',
			'members.relation',
			'members.birth'
		]);
	});

	it('lists the rows of an added or removed group with it', () => {
		const before = familyForm();
		const after = withFields(
			before,
			before.fields.filter((f) => f.id !== 'members')
		);
		const d = diffForms(before, after);
		expect(change(d)).toEqual({
			members: 'removed',
			'members.name': 'removed',
			'members.idCard': 'removed',
			'members.relation': 'removed'
		});
		expect(diffForms(after, before).summary.added).toBe(4);
	});

	it('reports a changed option list, including a relabelled or reordered option', () => {
		const before = familyForm();
		const variants = [
			options('a', 'b', 'c'),
			options('a'),
			options('b', 'a'),
			[
				{ value: 'a', label: '选项a' },
				{ value: 'b', label: '其他' }
			]
		];
		for (const opts of variants) {
			const after = withFields(
				before,
				before.fields.map((f) => (f.id === 'type' ? { ...f, options: opts } : f))
			);
			const d = diffForms(before, after);
			expect(change(d), JSON.stringify(opts)).toEqual({ type: 'changed' });
			expect(at(d, 'type').changed).toEqual(['options']);
		}
		const padded = withFields(
			before,
			before.fields.map((f) =>
				f.id === 'type' ? { ...f, options: [{ value: 'a ', label: ' 选项a' }, ...options('b')] } : f
			)
		);
		expect(diffForms(before, padded).unchanged).toBe(true);
	});

	it('compares every listed field property', () => {
		const before = doc([field('x', 'text')]);
		const cases: Partial<FormField>[] = [
			{ kind: 'textarea' },
			{ label: '新名称' },
			{ help: '说明' },
			{ required: true },
			{ minLength: 1 },
			{ maxLength: 9 },
			{ min: 0 },
			{ max: 10 },
			{ pattern: '^\\d+$' },
			{ options: options('a') },
			{ material: '身份证' },
			{ minItems: 1 },
			{ maxItems: 3 }
		];
		for (const over of cases) {
			const d = diffForms(before, doc([{ ...before.fields[0]!, ...over }]));
			expect(at(d, 'x').changed).toEqual(Object.keys(over));
		}
	});

	it('flags the fewest fields that explain a new order, and not their properties', () => {
		const before = doc(['a', 'b', 'c', 'd', 'e'].map((id) => field(id, 'text')));
		const order = (ids: string[]) =>
			withFields(
				before,
				ids.map((id) => before.fields.find((f) => f.id === id)!)
			);
		const d = diffForms(before, order(['a', 'c', 'd', 'b', 'e']));
		expect(moved(d)).toEqual(['b']);
		expect(at(d, 'b')).toMatchObject({ change: 'same', reordered: true, sectionChanged: false });
		expect(d.unchanged).toBe(false);
		expect(d.summary.moved).toBe(1);
		// Inserting or deleting a field does not move the others.
		const inserted = withFields(before, [field('z', 'text'), ...before.fields.slice(1)]);
		expect(moved(diffForms(before, inserted))).toEqual([]);
	});

	it('follows the order the form is shown in: fields in no section first, then each section', () => {
		const before = doc(
			[field('a', 'text'), field('b', 'text'), field('c', 'text')],
			[{ title: '一', fieldIds: ['a', 'b'] }]
		);
		// Same shown order (c, a, b) with the fields array rearranged: nothing moved.
		const sameShown = {
			...before,
			fields: [before.fields[2]!, before.fields[1]!, before.fields[0]!]
		};
		expect(diffForms(before, sameShown).unchanged).toBe(true);
		// Within a section the section's list decides.
		const swapped = { ...before, sections: [{ title: '一', fieldIds: ['b', 'a'] }] };
		expect(moved(diffForms(before, swapped))).toHaveLength(1);
	});

	it('flags a field moved to another section, with both titles', () => {
		const before = familyForm();
		const after = {
			...before,
			sections: [
				{ title: '申请人', fieldIds: ['name', 'mobile'] },
				{ title: '家庭成员', fieldIds: ['type', 'members', 'proof'] }
			]
		};
		const d = diffForms(before, after);
		expect(moved(d)).toEqual(['type']);
		expect(at(d, 'type')).toMatchObject({
			change: 'same',
			sectionChanged: true,
			reordered: false,
			sectionBefore: '申请人',
			sectionAfter: '家庭成员'
		});
		// A section title that only gained spaces is the same section.
		const spaced = {
			...before,
			sections: before.sections.map((s) => ({ ...s, title: ` ${s.title} ` }))
		};
		expect(diffForms(before, spaced).unchanged).toBe(true);
	});

	it('flags reordered rows of a group', () => {
		const before = familyForm();
		const after = structuredClone(before);
		member(after).fields!.reverse();
		const d = diffForms(before, after);
		expect(change(d)).toEqual({});
		expect(moved(d)).toHaveLength(2);
		expect(moved(d).every((p) => p.startsWith('members.'))).toBe(true);
	});

	it('reports a title change, ignoring surrounding whitespace', () => {
		const before = familyForm();
		expect(diffForms(before, { ...before, title: ' 测试申请表 ' }).unchanged).toBe(true);
		const d = diffForms(before, { ...before, title: '家庭申请表' });
		expect(d.title).toEqual({ before: '测试申请表', after: '家庭申请表', changed: true });
		expect(d.unchanged).toBe(false);
		expect(d.fields.every((f) => f.change === 'same')).toBe(true);
	});

	it('makes every field added without a frozen form, and removed without a submitted one', () => {
		const form = familyForm();
		const added = diffForms(null, form);
		expect(added.summary).toEqual({ added: 8, removed: 0, changed: 0, same: 0, moved: 0 });
		expect(added.title).toEqual({ before: null, after: '测试申请表', changed: true });
		expect(at(added, 'name')).toMatchObject({ sectionBefore: null, sectionAfter: '申请人' });
		const removed = diffForms(form, null);
		expect(removed.summary).toEqual({ added: 0, removed: 8, changed: 0, same: 0, moved: 0 });
		expect(diffForms(null, null).unchanged).toBe(true);
	});
});
