import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { lintBpmn } from '../../src/lib/server/bpmn/lint';

/** The public catalogue as the running server gives it to anyone: JSON API and downloads. */
const base = inject('serverUrl');
const get = (path: string) => fetch(base + path);

describe('GET /api/v1/catalogue', () => {
	it('searches published entries with a two-character Chinese word and pages them', async () => {
		const res = await get(`/api/v1/catalogue?q=${encodeURIComponent('食品')}&pageSize=2`);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.total).toBeGreaterThan(2);
		expect(body.items).toHaveLength(2);
		expect(body.pages).toBe(Math.ceil(body.total / 2));
		for (const item of body.items) expect(JSON.stringify(item)).toContain('食品');
		expect(body.items[0]).toMatchObject({
			code: expect.stringMatching(/^990001-/),
			version: 1,
			department: { code: expect.any(String) }
		});
	});

	it('filters by department and category', async () => {
		const body = await (await get('/api/v1/catalogue?department=ZRZY&category=penalty')).json();
		expect(body.total).toBeGreaterThan(0);
		for (const item of body.items)
			expect(item).toMatchObject({ category: 'penalty', department: { code: 'ZRZY' } });
		// An unknown department is refused (400), not an empty page (test/server/api-params.test.ts).
		expect((await get('/api/v1/catalogue?department=NOPE')).status).toBe(400);
	});

	it('refuses a bad page with 400 and a Chinese message', async () => {
		const res = await get('/api/v1/catalogue?page=0');
		expect(res.status).toBe(400);
		expect((await res.json()).error.message).toContain('page');
	});
});

describe('GET /api/v1/catalogue/{code}', () => {
	it('returns one published entry with every disclosed element, or 404', async () => {
		const list = await (
			await get(`/api/v1/catalogue?q=${encodeURIComponent('政府信息公开')}`)
		).json();
		const code = list.items[0].code as string;
		const one = await (await get(`/api/v1/catalogue/${code}`)).json();
		expect(one.content.disclosureForm).toBe('on_request');
		expect(one.content.bases.length).toBeGreaterThan(0);
		expect((await get('/api/v1/catalogue/990001-XXXX-XK-9999')).status).toBe(404);
	});
});

describe('downloads', () => {
	it('gives the whole catalogue as CSV with a byte-order mark and as a workbook with one row per entry', async () => {
		const total = (await (await get('/api/v1/catalogue')).json()).total as number;
		const csv = await (await get('/catalogue.csv')).arrayBuffer();
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv);
		expect(text.startsWith('\uFEFF事项编码,事项名称')).toBe(true);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await (await get('/catalogue.xlsx')).arrayBuffer());
		const ws = wb.worksheets[0]!;
		expect(ws.getRow(1).getCell(1).value).toBe('事项编码');
		expect(ws.rowCount).toBe(total + 1);
	});
});

describe('GET /api/v1/items/{code}/flow.bpmn', () => {
	it('returns the published flowchart of a demo item as BPMN 2.0 that bpmnlint accepts, and 404 without one', async () => {
		const res = await get('/api/v1/items/990001-ZRZY-XK-0002/flow.bpmn');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('application/xml');
		const xml = await res.text();
		expect(xml).toContain('bpmn:parallelGateway');
		expect(xml).toContain('bpmndi:BPMNDiagram');
		// one lane per department, named as the county's organisation names it
		expect(xml).toContain('<bpmn:lane id="Lane_ZRZY" name="县自然资源局">');
		const { errors, warnings } = await lintBpmn(xml);
		expect(errors).toEqual([]);
		expect(warnings).toEqual([]);
		expect((await get('/api/v1/items/990001-SCJG-XK-0001/flow.bpmn')).status).toBe(404);
	});
});
