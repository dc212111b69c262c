import { describe, expect, it } from 'vitest';
import { normalizeContent } from '../../src/lib/domain/catalogue/normalize';
import { validateContent } from '../../src/lib/domain/catalogue/validate';
import { penaltyContent, validContent } from '../factories/catalogue';

const codes = (c: ReturnType<typeof validContent>) =>
	validateContent(c).map((i) => `${i.field}:${i.code}`);

describe('validateContent', () => {
	it('accepts a complete entry and a complete penalty entry', () => {
		expect(validateContent(validContent())).toEqual([]);
		expect(validateContent(penaltyContent())).toEqual([]);
	});

	it('names every missing required element by its field', () => {
		const c = normalizeContent({ category: 'licensing' });
		const got = codes(c);
		for (const f of [
			'name',
			'division',
			'post',
			'bases:BASIS_REQUIRED',
			'disclosureScope',
			'conditions',
			'materials:MATERIALS_REQUIRED',
			'windowAddress:CHANNEL_REQUIRED',
			'phone',
			'complaint'
		])
			expect(got.some((g) => g.startsWith(f.includes(':') ? f : `${f}:`))).toBe(true);
	});

	it('requires at least one legal basis, each with its law and excerpt', () => {
		expect(codes(validContent({ bases: [] }))).toEqual(['bases:BASIS_REQUIRED']);
		expect(codes(validContent({ bases: [{ law: '', article: '第一条', excerpt: '' }] }))).toEqual([
			'bases.0.law:REQUIRED',
			'bases.0.excerpt:REQUIRED'
		]);
	});

	it('refuses a promised time limit longer than the statutory one, and accepts equal', () => {
		expect(validateContent(validContent({ statutoryDays: 20, promisedDays: 21 }))).toEqual([
			{ field: 'promisedDays', code: 'PROMISED_EXCEEDS_STATUTORY', params: { statutory: 20 } }
		]);
		expect(validateContent(validContent({ statutoryDays: 20, promisedDays: 20 }))).toEqual([]);
		expect(codes(validContent({ promisedDays: Number.NaN }))).toEqual(['promisedDays:DAYS_RANGE']);
		expect(codes(validContent({ statutoryDays: 2.5 }))).toEqual(['statutoryDays:DAYS_RANGE']);
	});

	it('needs the legal reason only when an entry is not disclosed', () => {
		expect(codes(validContent({ disclosureForm: 'none' }))).toEqual(['disclosureReason:REQUIRED']);
		expect(
			codes(
				validContent({
					disclosureForm: 'none',
					disclosureReason: '涉及国家秘密（《保守国家秘密法》）'
				})
			)
		).toEqual([]);
		expect(codes(validContent({ disclosureReason: '无' }))).toEqual([
			'disclosureReason:ONLY_WHEN_NOT_DISCLOSED'
		]);
	});

	it('needs a fee basis and standard when a fee is charged', () => {
		expect(codes(validContent({ feeCharged: true }))).toEqual([
			'feeBasis:REQUIRED',
			'feeStandard:REQUIRED'
		]);
	});

	it('checks materials: copies, duplicates', () => {
		const m = validContent().materials[0]!;
		expect(codes(validContent({ materials: [m, { ...m }] }))).toEqual([
			'materials.1.name:DUPLICATE'
		]);
		expect(codes(validContent({ materials: [{ ...m, copies: 0 }] }))).toEqual([
			'materials.0.copies:COPIES_RANGE'
		]);
	});

	it('needs an online address or a window', () => {
		expect(codes(validContent({ onlineApply: true, onlineUrl: 'zwfw' }))).toEqual([
			'onlineUrl:URL_INVALID'
		]);
		expect(codes(validContent({ onlineApply: false, windowAddress: '', officeHours: '' }))).toEqual(
			['windowAddress:CHANNEL_REQUIRED']
		);
	});

	describe('discretion benchmark', () => {
		it('is required for penalties and refused for other categories', () => {
			expect(codes(penaltyContent({ discretion: [] }))).toEqual(['discretion:DISCRETION_REQUIRED']);
			expect(codes(validContent({ discretion: penaltyContent().discretion }))).toEqual([
				'discretion:DISCRETION_ONLY_FOR_PENALTY'
			]);
		});

		it('refuses min above max', () => {
			const rows = penaltyContent().discretion;
			expect(
				validateContent(penaltyContent({ discretion: [{ ...rows[0]!, min: 30000, max: 20000 }] }))
			).toEqual([{ field: 'discretion.0.max', code: 'MIN_EXCEEDS_MAX', params: { min: 30000 } }]);
		});

		it('refuses overlapping ranges of different circumstances, allows touching ends and other kinds', () => {
			const [a, b] = penaltyContent().discretion;
			expect(codes(penaltyContent({ discretion: [a!, { ...b!, min: 10000 }] }))).toEqual([
				'discretion.1.min:RANGE_OVERLAP'
			]);
			expect(codes(penaltyContent({ discretion: [a!, b!] }))).toEqual([]); // 20000 touches 20000
			expect(
				codes(
					penaltyContent({
						discretion: [a!, { ...b!, min: 0, max: 100, penaltyKind: '没收违法所得' }]
					})
				)
			).toEqual([]);
			expect(
				codes(penaltyContent({ discretion: [a!, { ...b!, min: 10000, unit: '日' }] }))
			).toEqual([]);
		});

		it('refuses the same circumstance twice for the same penalty kind', () => {
			const [a] = penaltyContent().discretion;
			expect(codes(penaltyContent({ discretion: [a!, { ...a!, min: 1, max: 2 }] }))).toEqual([
				'discretion.1.circumstance:DUPLICATE_CIRCUMSTANCE'
			]);
		});
	});
});

describe('normalizeContent', () => {
	it('keeps what was typed, including numbers that are not numbers, for validation to name', () => {
		const c = normalizeContent({
			name: ' 名称 ',
			statutoryDays: 'abc',
			promisedDays: '',
			materials: [{ name: '申请书', copies: '2' }]
		});
		expect(c.name).toBe(' 名称 ');
		expect(c.statutoryDays).toBeNaN();
		expect(c.promisedDays).toBeNaN();
		expect(c.materials[0]).toMatchObject({
			name: '申请书',
			copies: 2,
			required: true,
			form: 'original'
		});
	});

	it('survives a JSON round trip unchanged for valid content', () => {
		const c = penaltyContent();
		expect(normalizeContent(JSON.parse(JSON.stringify(c)))).toEqual(c);
	});
});
