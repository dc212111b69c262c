import { describe, expect, it } from 'vitest';
import {
	isValidCreditCode,
	isValidIdCard,
	isValidMobile
} from '../../src/lib/domain/form/checksums';

// Check characters computed here from the standards, independently of the code under test. The
// bases use region code 99xxxx, which is not allocated, so no number below belongs to anyone.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheck = (base: string) =>
	'10X98765432'.charAt(ID_WEIGHTS.reduce((sum, w, i) => sum + w * Number(base[i]), 0) % 11);
const id = (region: string, birth: string, seq: string) => {
	const base = region + birth + seq;
	return base + idCheck(base);
};
const otherCheck = (s: string) => s.slice(0, -1) + (s.endsWith('1') ? '2' : '1');

const CREDIT = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const creditCheck = (base: string) => {
	const sum = CREDIT_WEIGHTS.reduce((s, w, i) => s + w * CREDIT.indexOf(base.charAt(i)), 0);
	const c = 31 - (sum % 31);
	return CREDIT.charAt(c === 31 ? 0 : c);
};
const credit = (base: string) => base + creditCheck(base);

/** The first sequence number 000–999 whose ID number ends in `check`. */
const idEndingIn = (check: string) => {
	for (let n = 0; n < 1000; n++) {
		const s = id('990101', '19850615', String(n).padStart(3, '0'));
		if (s.endsWith(check)) return s;
	}
	throw new Error(`no base ends in ${check}`);
};

describe('isValidIdCard', () => {
	it('accepts numbers whose check character matches', () => {
		for (const s of [
			id('990101', '19900307', '123'),
			id('990000', '20000229', '001'), // leap day of a leap century
			id('990203', '19000101', '999') // the earliest year
		])
			expect(isValidIdCard(s), s).toBe(true);
	});

	it('accepts X as check character, in either case', () => {
		const s = idEndingIn('X');
		expect(isValidIdCard(s)).toBe(true);
		expect(isValidIdCard(s.slice(0, -1) + 'x')).toBe(true);
	});

	it('refuses a wrong check character', () => {
		const s = id('990101', '19900307', '123');
		expect(isValidIdCard(otherCheck(s))).toBe(false);
		expect(isValidIdCard(idEndingIn('5').slice(0, -1) + 'X')).toBe(false);
	});

	it('refuses impossible or implausible birth dates even with a matching check character', () => {
		for (const birth of ['19900230', '19000229', '20230229', '19901301', '19900100', '18991231'])
			expect(isValidIdCard(id('990101', birth, '123')), birth).toBe(false);
	});

	it('refuses wrong lengths and characters', () => {
		const s = id('990101', '19900307', '123');
		expect(isValidIdCard(s.slice(0, 17))).toBe(false);
		expect(isValidIdCard(s + '0')).toBe(false);
		expect(isValidIdCard(` ${s}`)).toBe(false);
		expect(isValidIdCard(s.slice(0, 5) + 'A' + s.slice(6))).toBe(false);
		expect(isValidIdCard('')).toBe(false);
		// The old 15-digit numbers are not accepted.
		expect(isValidIdCard('990101900307123')).toBe(false);
	});
});

describe('isValidCreditCode', () => {
	it('accepts codes whose check character matches', () => {
		for (const s of [
			credit('91990000MA0000000'),
			credit('12990100000000001'),
			credit('Y1990000ABCDEFGHJ')
		])
			expect(isValidCreditCode(s), s).toBe(true);
	});

	it('writes a check value of 31 as 0', () => {
		let found = '';
		for (let n = 0; n < 1000 && !found; n++) {
			const base = `9199000000000${String(n).padStart(4, '0')}`;
			if (creditCheck(base) === '0') found = base + '0';
		}
		expect(found).not.toBe('');
		expect(isValidCreditCode(found)).toBe(true);
	});

	it('refuses a wrong check character', () => {
		expect(isValidCreditCode(otherCheck(credit('91990000MA0000000')))).toBe(false);
	});

	it('refuses letters outside the charset, lower case and wrong lengths', () => {
		const s = credit('91990000MA0000000');
		for (const letter of ['I', 'O', 'S', 'V', 'Z'])
			expect(isValidCreditCode(s.slice(0, 8) + letter + s.slice(9)), letter).toBe(false);
		expect(isValidCreditCode(s.toLowerCase())).toBe(false);
		expect(isValidCreditCode(s.slice(0, 17))).toBe(false);
		expect(isValidCreditCode(s + '0')).toBe(false);
		expect(isValidCreditCode('')).toBe(false);
	});
});

describe('isValidMobile', () => {
	it('accepts 11 digits starting with 13–19', () => {
		for (const s of ['13800000000', '15912345678', '19999999999'])
			expect(isValidMobile(s), s).toBe(true);
	});

	it('refuses other prefixes, lengths and decorations', () => {
		for (const s of ['12800000000', '10800000000', '1380000000', '138000000001', '+8613800000000'])
			expect(isValidMobile(s), s).toBe(false);
		expect(isValidMobile('138 0000 0000')).toBe(false);
		expect(isValidMobile('')).toBe(false);
	});
});
