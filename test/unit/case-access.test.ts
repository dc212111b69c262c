import { describe, expect, it } from 'vitest';
import { COUNTY_WIDE_ROLES, maySeeCase } from '../../src/lib/domain/case-access';

/**
 * The record-level rule itself (issue 16, item 1): a department taking part, or a county-wide
 * role. Personal data stays with those who handle or supervise the case (LAW.md, "What follows
 * for the product": personal data is masked wherever the public sees it).
 */
describe('maySeeCase', () => {
	it('lets an officer see a case only when one of their departments takes part', () => {
		const officer = { roles: ['officer'], departments: ['SCJG'] };
		expect(maySeeCase(officer, ['SCJG'])).toBe(true);
		expect(maySeeCase(officer, ['ZFB'])).toBe(false);
		expect(maySeeCase(officer, ['ZRZY', 'SCJG'])).toBe(true);
		expect(maySeeCase({ roles: ['officer'], departments: ['ZFB', 'FZB'] }, ['ZRZY', 'FZB'])).toBe(
			true
		);
		expect(maySeeCase({ roles: ['officer'], departments: [] }, ['ZFB'])).toBe(false);
	});

	it('gives supervisors and the legal office the county, and administrators nothing by their role', () => {
		expect(COUNTY_WIDE_ROLES).toEqual(['supervisor', 'legal']);
		expect(maySeeCase({ roles: ['supervisor'], departments: ['JCJ'] }, ['ZFB'])).toBe(true);
		expect(maySeeCase({ roles: ['legal'], departments: [] }, ['ZFB'])).toBe(true);
		expect(maySeeCase({ roles: ['admin'], departments: [] }, ['ZFB'])).toBe(false);
		expect(maySeeCase({ roles: ['admin', 'officer'], departments: ['ZFB'] }, ['ZFB'])).toBe(true);
	});
});
