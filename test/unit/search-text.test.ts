import { describe, expect, it } from 'vitest';
import {
	charsText,
	highlight,
	indexText,
	parseQuery,
	snippet
} from '../../src/lib/domain/search-text';

describe('indexText', () => {
	it('turns Han runs into overlapping pairs and other words into lower-case words', () => {
		expect(indexText('食品经营许可')).toBe('食品 品经 经营 营许 许可');
		expect(indexText('《食品安全法》第35条 GB 2760')).toBe('食品 品安 安全 全法 第 35 条 gb 2760');
	});
});

describe('charsText', () => {
	it('lists each Han character once', () => {
		expect(charsText('征收土地，征收费 GB')).toBe('征 收 土 地 费');
	});
});

describe('parseQuery', () => {
	it('makes each term of two or more Han characters a phrase of its pairs', () => {
		expect(parseQuery('许可')).toEqual({ match: '"许可"', terms: ['许可'] });
		expect(parseQuery(' 经营许可  食品 ').match).toBe('"经营 营许 许可" AND "食品"');
	});

	it('treats other words as prefixes and looks single Han characters up in the character column', () => {
		expect(parseQuery('GB').match).toBe('"gb"*');
		expect(parseQuery('税')).toEqual({ match: 'chars : "税"', terms: ['税'] });
		expect(parseQuery('税 许可').match).toBe('chars : "税" AND "许可"');
	});

	it('never lets quotes or operators through to the index', () => {
		const q = parseQuery('"许可" OR * NEAR(');
		expect(q.match).toBe('"许可" AND "or"* AND "near"*');
	});

	it('matches exactly where the query is a substring of the indexed text', () => {
		// The phrase of a query's pairs is a contiguous run of the text's pairs iff it is a substring.
		const text = indexText('建设用地规划许可证核发');
		for (const q of ['用地', '规划许可', '地规', '许可证核发'])
			expect(text).toContain(parseQuery(q).match!.replace(/"/g, ''));
		expect(text).not.toContain(parseQuery('用规').match!.replace(/"/g, ''));
	});
});

describe('highlight and snippet', () => {
	it('marks every occurrence of every term', () => {
		expect(highlight('食品经营许可与食品生产许可', ['食品', '许可'])).toEqual([
			{ text: '食品', hit: true },
			{ text: '经营', hit: false },
			{ text: '许可', hit: true },
			{ text: '与', hit: false },
			{ text: '食品', hit: true },
			{ text: '生产', hit: false },
			{ text: '许可', hit: true }
		]);
	});

	it('cuts a window around the first hit, or gives null when there is none', () => {
		const long = '甲'.repeat(100) + '营业执照' + '乙'.repeat(100);
		const s = snippet(long, ['营业执照'], 40)!;
		expect(s.map((x) => x.text).join('')).toMatch(/^…甲+营业执照乙+…$/);
		expect(s.find((x) => x.hit)?.text).toBe('营业执照');
		expect(snippet('没有命中', ['许可'])).toBeNull();
	});
});
