import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/lib/domain/canonical-json';
import { sha256Hex } from '../../src/lib/domain/hash';
import { homeFor } from '../../src/lib/domain/roles';

describe('canonicalJson', () => {
	it('gives the same text whatever the key order, at every depth', () => {
		const a = canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: '中文' } });
		const b = canonicalJson({ a: { c: '中文', d: [3, { x: 2, y: 1 }] }, b: 1 });
		expect(a).toBe(b);
		expect(a).toBe('{"a":{"c":"中文","d":[3,{"x":2,"y":1}]},"b":1}');
	});

	it('drops undefined members and keeps nulls, and array order matters', () => {
		expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
		expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
	});
});

describe('sha256Hex', () => {
	it('matches the published test vector', () => {
		expect(sha256Hex('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});
});

describe('homeFor', () => {
	it('sends each role to its own home, the first in order when several are held', () => {
		expect(homeFor(['officer'])).toBe('/work');
		expect(homeFor(['supervisor', 'legal'])).toBe('/studio');
		expect(homeFor(['supervisor'])).toBe('/supervision');
		expect(homeFor([])).toBe('/account');
	});
});
