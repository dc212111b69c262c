import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

/**
 * Query parameters of the public API that are refused as documented in docs/openapi.yaml rather
 * than silently ignored: a filter the caller got wrong must not look like "no results".
 */
const base = inject('serverUrl');

async function get(path: string) {
	const res = await fetch(base + path);
	return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

describe('GET /api/v1/catalogue refuses what it cannot honour', () => {
	it.each([
		['category', 'category=licence', 'CATALOGUE_CATEGORY_UNKNOWN', 'licence'],
		['department', 'department=NOPE', 'CATALOGUE_DEPARTMENT_UNKNOWN', 'NOPE'],
		['q', `q=${encodeURIComponent('许'.repeat(101))}`, 'CATALOGUE_Q_TOO_LONG', '100']
	])('an unknown or over-long %s is 400 naming it', async (field, query, code, shown) => {
		const r = await get(`/api/v1/catalogue?${query}`);
		expect(r.status).toBe(400);
		expect(r.type).toMatch(/^application\/json/);
		expect(r.body.error).toMatchObject({ code, field });
		expect(r.body.error.message).toContain(`“${field}”`);
		expect(r.body.error.message).toContain(shown);
	});

	it('still answers known filters and a search of exactly 100 characters', async () => {
		for (const query of [
			'category=licensing',
			'department=SCJG',
			`q=${encodeURIComponent('许'.repeat(100))}`,
			'category=&department='
		])
			expect((await get(`/api/v1/catalogue?${query}`)).status, query).toBe(200);
	});
});

describe('GET /api/v1/audit/checkpoints?seq=', () => {
	it('answers 400 for seq=0 as documented (records are numbered from 1), not 404', async () => {
		for (const seq of ['0', '00', '-1', 'x']) {
			const r = await get(`/api/v1/audit/checkpoints?seq=${seq}`);
			expect(r.status, seq).toBe(400);
			expect(r.body.error).toMatchObject({ code: 'SEQ_INVALID', field: 'seq' });
		}
		expect((await get('/api/v1/audit/checkpoints?seq=1')).status).toBe(200);
		expect((await get('/api/v1/audit/checkpoints?seq=999999999')).status).toBe(404);
	});
});
