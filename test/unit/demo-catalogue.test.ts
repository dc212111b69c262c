import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	CATEGORIES,
	CATEGORY_CODES,
	type CatalogueContent
} from '../../src/lib/domain/catalogue/types';
import { validateContent } from '../../src/lib/domain/catalogue/validate';

interface CatalogueFile {
	code: string;
	department: string;
	publishedAt: string;
	content: CatalogueContent;
}

const DIR = join(process.cwd(), 'flows', 'catalogue');
const CODE_RE = /^990001-(SCJG|ZRZY|XZSP|ZFB|FZB|JCJ)-(XK|FX|QR|ZS|CJ|CF|QZ|JF|QT)-\d{4}$/;

const files = readdirSync(DIR)
	.filter((f) => f.endsWith('.json'))
	.sort();
const entries = files.map((file) => ({
	file,
	data: JSON.parse(readFileSync(join(DIR, file), 'utf8')) as CatalogueFile
}));

describe('demo county catalogue (flows/catalogue)', () => {
	it.each(entries)('$file has a well-formed code, department and category', ({ file, data }) => {
		const match = CODE_RE.exec(data.code);
		expect(match, `${file}: code ${data.code}`).not.toBeNull();
		expect(file).toBe(`${data.code}.json`);
		expect(match![1], `${file}: department`).toBe(data.department);
		expect(match![2], `${file}: category code`).toBe(CATEGORY_CODES[data.content.category]);
		expect(data.publishedAt, `${file}: publishedAt`).toMatch(/^2026-(0[1-9]|10)-\d{2}$/);
		expect(Number.isNaN(Date.parse(data.publishedAt)), `${file}: publishedAt`).toBe(false);
	});

	it.each(entries)('$file passes validateContent with no issues', ({ file, data }) => {
		expect(validateContent(data.content), `${file}: validation issues`).toEqual([]);
	});

	it('has unique codes and names', () => {
		const codes = entries.map((e) => e.data.code);
		expect(new Set(codes).size).toBe(codes.length);
		const names = entries.map((e) => e.data.content.name);
		expect(new Set(names).size).toBe(names.length);
	});

	it('numbers each department and category from 0001 without gaps', () => {
		const groups = new Map<string, number[]>();
		for (const { data } of entries) {
			const key = data.code.slice(0, data.code.lastIndexOf('-'));
			const seq = Number(data.code.slice(data.code.lastIndexOf('-') + 1));
			groups.set(key, [...(groups.get(key) ?? []), seq]);
		}
		for (const [key, seqs] of groups) {
			const sorted = [...seqs].sort((a, b) => a - b);
			expect(sorted, key).toEqual(sorted.map((_, i) => i + 1));
		}
	});

	it('covers the whole catalogue: at least 30 entries and every category', () => {
		expect(entries.length).toBeGreaterThanOrEqual(30);
		const present = new Set(entries.map((e) => e.data.content.category));
		for (const category of CATEGORIES) expect(present.has(category), category).toBe(true);
	});

	it('includes the 政府信息公开 application of the county government office, on request', () => {
		const found = entries.find(
			({ data }) =>
				data.department === 'ZFB' &&
				data.content.disclosureForm === 'on_request' &&
				data.content.name.includes('政府信息公开')
		);
		expect(found).toBeDefined();
		expect(found!.data.content.statutoryDays).toBe(20);
		expect(found!.data.content.bases.some((b) => b.law.includes('政府信息公开条例'))).toBe(true);
	});

	it('gives at least one penalty a discretion table of three or more rows', () => {
		const penalties = entries.filter((e) => e.data.content.category === 'penalty');
		expect(penalties.length).toBeGreaterThanOrEqual(2);
		expect(penalties.some((e) => e.data.content.discretion.length >= 3)).toBe(true);
	});
});
