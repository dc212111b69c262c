import { describe, expect, it } from 'vitest';
import { translate } from '../../src/lib/i18n';
import { en, zh } from '../../src/lib/i18n/messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
	it('has an English text for every Chinese one and no extra keys', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
	});

	it('uses the same placeholders in both languages', () => {
		const differing = (Object.keys(zh) as (keyof typeof zh)[]).filter(
			(k) => placeholders(zh[k]).join() !== placeholders(en[k]).join()
		);
		expect(differing).toEqual([]);
	});

	it('has no empty texts', () => {
		expect(Object.entries(zh).filter(([, v]) => !v.trim())).toEqual([]);
		expect(Object.entries(en).filter(([, v]) => !v.trim())).toEqual([]);
	});

	it('fills placeholders and names the field in error messages', () => {
		expect(translate('zh', 'error.PASSWORD_TOO_SHORT', { field: '新密码', min: 8 })).toBe(
			'“新密码”至少需要 8 个字符。'
		);
		expect(translate('en', 'error.PASSWORD_TOO_SHORT', { field: 'New password', min: 8 })).toBe(
			'“New password” needs at least 8 characters.'
		);
	});
});
