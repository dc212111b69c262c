import { describe, expect, it } from 'vitest';
import { chooseEncoding, matchesEtag } from '../../src/lib/server/http/cache';
import { MAX_PAGE, parseIntParam, parsePage } from '../../src/lib/server/http/paging';
import { sameSitePath } from '../../src/lib/server/http/redirect';

/** The pure parts of src/lib/server/http (issue 16, items 8, 9 and 15). */

describe('parsePage', () => {
	it.each(['1', '2', '42', String(MAX_PAGE)])('takes %s', (raw) => {
		expect(parsePage(raw, 'zh')).toEqual({ ok: true, value: Number(raw) });
	});
	it('is 1 when absent or empty', () => {
		expect(parsePage(null, 'zh')).toEqual({ ok: true, value: 1 });
		expect(parsePage('', 'zh')).toEqual({ ok: true, value: 1 });
	});
	it.each([
		'1e300',
		'1e3',
		'2.5',
		'0',
		'-1',
		'0x10',
		' 1',
		'1 ',
		'+1',
		'abc',
		String(MAX_PAGE + 1)
	])('refuses %j naming 页码', (raw) => {
		const r = parsePage(raw, 'zh');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.message).toContain('“页码”');
	});
	it('names the field in English too', () => {
		const r = parseIntParam(
			'x',
			{ label: 'http.field.pageSize', min: 1, max: 100, fallback: 20 },
			'en'
		);
		expect(r).toEqual({ ok: false, message: '“Page size” must be a whole number from 1 to 100.' });
	});
});

describe('sameSitePath', () => {
	it.each([
		['/\\evil.example', '/'],
		['/\\/evil.example', '/'],
		['//evil.example', '/'],
		['/%5Cevil', '/'],
		['/%2f%2fevil', '/'],
		['https://evil.example', '/'],
		['evil.example', '/'],
		['/\u0000', '/'],
		['/a\nb', '/'],
		['/%0d%0aSet-Cookie:x', '/'],
		['/%E0%A4%A', '/'],
		[null, '/'],
		[123, '/'],
		['/track?caseNo=A&x=%2F%2F', '/track?caseNo=A&x=%2F%2F'],
		['/catalogue/990001-ZFB-QT-0001#top', '/catalogue/990001-ZFB-QT-0001#top'],
		['/', '/']
	])('%j → %s', (raw, expected) => {
		expect(sameSitePath(raw)).toBe(expected);
	});
});

describe('chooseEncoding', () => {
	it.each([
		[null, null],
		['', null],
		['identity', null],
		['gzip', 'gzip'],
		['gzip, deflate, br', 'br'],
		['br;q=0.5, gzip', 'gzip'],
		['br;q=0, gzip;q=0', null],
		['*', 'br'],
		['*;q=0, gzip', 'gzip']
	])('%j → %s', (header, expected) => {
		expect(chooseEncoding(header)).toBe(expected);
	});
});

describe('matchesEtag', () => {
	const tag = '"abc"';
	it.each([
		['"abc"', true],
		['W/"abc"', true],
		['"abc-br"', true],
		['"abc-gzip"', true],
		['"x", "abc"', true],
		['*', true],
		['"abcd"', false],
		['"ab"', false],
		[null, false]
	])('%j → %s', (header, expected) => {
		expect(matchesEtag(header, tag)).toBe(expected);
	});
});
