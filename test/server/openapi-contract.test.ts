import { describe, expect, inject, it } from 'vitest';
import { issueToken, requestFrom, type ApiBody } from '../factories/api-token';
import { postForm, signIn } from '../factories/http';
import { DISCLOSURE_ANSWERS, DISCLOSURE_ITEM } from '../factories/intake';
import { ptr, spec, SPEC_ID, validatorAt, type Json } from '../factories/openapi';

/**
 * The contract: every documented operation of docs/openapi.yaml is called on the running server
 * with realistic valid requests and its documented error cases, and every answer is checked
 * against the spec — the status must be documented for the operation, the content type must be
 * one of the documented media types, and the body must validate (ajv, JSON Schema 2020-12, $refs
 * into components) against the response's schema. A field the code adds or drops, a status or
 * content type the spec does not list, fails here; so does a documented status no request
 * exercises (unless listed in NOT_EXERCISED with the reason).
 */

const base = inject('serverUrl');
const dbPath = inject('serverDb');

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
	id: string;
	method: string;
	path: string;
	/** The server the path is relative to (the path's own `servers`, else the document's). */
	server: string;
	op: Json;
	pointer: string;
}

const operations = new Map<string, Operation>();
for (const [path, item] of Object.entries<Json>(spec.paths))
	for (const method of METHODS) {
		const op = item[method];
		if (!op) continue;
		operations.set(op.operationId, {
			id: op.operationId,
			method: method.toUpperCase(),
			path,
			server: (item.servers ?? spec.servers)[0].url.replace(/\/$/, ''),
			op,
			pointer: `${SPEC_ID}#/paths/${ptr(path)}/${method}`
		});
	}

/** Which documented statuses of which operation the requests below produced. */
const seen = new Set<string>();

interface Call {
	path?: Record<string, string | number>;
	query?: Record<string, string | number>;
	headers?: Record<string, string>;
	json?: unknown;
	/** A raw body with its content type (not JSON). */
	raw?: { type: string; body: string };
	form?: FormData;
	token?: string;
	cookie?: string;
	/** Send from this loopback address (the case lookup throttles per address). */
	from?: string;
}

interface Answer {
	status: number;
	type: string;
	text: string;
	body: ApiBody;
	headers: Headers | Record<string, string | string[] | undefined>;
	header(name: string): string | null;
}

function mediaType(contentType: string | null | undefined): string {
	return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Checks an answer against the operation's documented responses; returns what it checked. */
function checkAgainstSpec(o: Operation, a: Answer, label: string): void {
	const responses = o.op.responses as Record<string, Json>;
	const key = String(a.status) in responses ? String(a.status) : `${String(a.status)[0]}XX`;
	expect(
		responses[key] ?? responses.default,
		`${label}: status ${a.status} is not documented for ${o.id} (${Object.keys(responses).join(', ')}); body ${a.text.slice(0, 300)}`
	).toBeDefined();
	const rkey = responses[key] ? key : 'default';
	seen.add(`${o.id} ${rkey}`);
	const response = responses[rkey];
	for (const [name, h] of Object.entries<Json>(response.headers ?? {}))
		if (h.required)
			expect(a.header(name), `${label}: header ${name} is documented as required`).not.toBeNull();
	const content = response.content as Record<string, Json> | undefined;
	if (!content) {
		expect(a.text, `${label}: ${o.id} ${rkey} documents no body`).toBe('');
		return;
	}
	const type = mediaType(a.type);
	expect(
		Object.keys(content),
		`${label}: content type "${a.type}" is not documented for ${o.id} ${rkey}`
	).toContain(type);
	if (!content[type].schema) return;
	const validate = validatorAt(`${o.pointer}/responses/${rkey}/content/${ptr(type)}/schema`);
	const values =
		type === 'application/x-ndjson'
			? a.text
					.split('\n')
					.filter((l) => l !== '')
					.map((l) => JSON.parse(l) as unknown)
			: type === 'application/json' || type.endsWith('+json')
				? [JSON.parse(a.text) as unknown]
				: [a.text];
	for (const value of values)
		expect(
			validate(value) ? [] : validate.errors,
			`${label}: the body does not match the documented schema of ${o.id} ${rkey}: ${JSON.stringify(value).slice(0, 400)}`
		).toEqual([]);
}

/** A request body of a valid call must itself match the documented request schema. */
function checkRequestBody(o: Operation, json: unknown, label: string) {
	const schema = o.op.requestBody?.content?.['application/json']?.schema;
	if (!schema) return;
	const validate = validatorAt(`${o.pointer}/requestBody/content/application~1json/schema`);
	expect(
		validate(json) ? [] : validate.errors,
		`${label}: the request body is not as documented`
	).toEqual([]);
}

/** Calls a documented operation by its operationId and checks the answer against the spec. */
async function call(id: string, expected: number, c: Call = {}): Promise<Answer> {
	const o = operations.get(id);
	expect(o, `operation ${id} is documented`).toBeDefined();
	const op = o!;
	let path = op.path;
	for (const [k, v] of Object.entries(c.path ?? {}))
		path = path.replace(`{${k}}`, encodeURIComponent(String(v)));
	expect(path, `every path parameter of ${id} given`).not.toMatch(/[{}]/);
	const qs = new URLSearchParams(
		Object.entries(c.query ?? {}).map(([k, v]) => [k, String(v)])
	).toString();
	const url = `${base}${op.server}${path}${qs ? `?${qs}` : ''}`;
	const label = `${op.method} ${path}${qs ? `?${qs}`.slice(0, 80) : ''}`;
	const headers: Record<string, string> = { ...(c.headers ?? {}) };
	if (c.token !== undefined) headers.authorization = `Bearer ${c.token}`;
	if (c.cookie) headers.cookie = c.cookie;
	let body: string | FormData | undefined;
	if (c.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(c.json);
	} else if (c.raw) {
		headers['content-type'] = c.raw.type;
		body = c.raw.body;
	} else if (c.form) body = c.form;
	let answer: Answer;
	if (c.from) {
		const r = await requestFrom(c.from, url, { method: op.method, headers });
		const get = (n: string) => {
			const v = r.headers[n.toLowerCase()];
			return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
		};
		answer = {
			status: r.status,
			type: get('content-type') ?? '',
			text: r.text,
			body: {},
			headers: r.headers,
			header: get
		};
	} else {
		const res = await fetch(url, { method: op.method, headers, body, redirect: 'manual' });
		const bytes = Buffer.from(await res.arrayBuffer());
		const type = res.headers.get('content-type') ?? '';
		const text = /spreadsheetml/.test(type) ? `(${bytes.length} bytes)` : bytes.toString('utf8');
		answer = {
			status: res.status,
			type,
			text,
			body: {},
			headers: res.headers,
			header: (n) => res.headers.get(n)
		};
		if (/spreadsheetml/.test(type)) expect(bytes.subarray(0, 2).toString(), label).toBe('PK');
	}
	try {
		answer.body = JSON.parse(answer.text) as ApiBody;
	} catch {
		answer.body = { text: answer.text };
	}
	expect(answer.status, `${label}: ${answer.text.slice(0, 300)}`).toBe(expected);
	checkAgainstSpec(op, answer, label);
	if (expected < 300 && c.json !== undefined) checkRequestBody(op, c.json, label);
	return answer;
}

/**
 * Documented answers no request here produces, each with the reason; everything else the spec
 * documents must be exercised.
 */
const NOT_EXERCISED: Record<string, string> = {
	'getHealth 503': 'the database of the shared test server is healthy',
	'getFrozenFile 409': 'needs the frozen files changed on disk (test/server/freeze.test.ts)',
	'uploadFile 507': 'needs a full disk (test/server/disk-full.test.ts)',
	'uploadFile 429': 'the test server exempts its address (test/server/public-limits.test.ts)',
	'submitApplication 429': 'the test server exempts its address (test/server/public-limits.test.ts)'
};

const pdf = (note: string) =>
	new Blob([new Uint8Array(Buffer.from(`%PDF-1.4\n% contract ${note}\n%%EOF\n`))], {
		type: 'application/pdf'
	});

const T0 = Math.floor(Date.now() / 1000) * 1000;
const ago = (hours: number) =>
	new Date(T0 - hours * 3600_000 + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';

async function feedToken(name: string): Promise<string> {
	const admin = await signIn(base, 'admin', 'demo-admin-2026');
	const res = await postForm(base, admin, '/admin/feed?/issue', { tokenName: name });
	const token = /sunlitfeed_[a-z2-7]{20,}/.exec(await res.text())?.[0];
	expect(token).toBeDefined();
	return token!;
}

describe('docs/openapi.yaml against the running server', () => {
	const tokens: Record<string, string> = {};
	let upload: ApiBody = {};

	it('documents every operation with a unique operationId', () => {
		let count = 0;
		for (const item of Object.values<Json>(spec.paths))
			for (const m of METHODS) if (item[m]) count++;
		expect(operations.size).toBe(count);
		expect(count).toBeGreaterThan(10);
	});

	it('health, catalogue, entries, flowcharts, frozen files and hall downloads', async () => {
		await call('getHealth', 200);
		const page = await call('searchCatalogue', 200, { query: { pageSize: 3 } });
		expect(page.body.items).toHaveLength(3);
		await call('searchCatalogue', 200, {
			query: { q: '食品', department: 'SCJG', category: 'licensing', page: 1, pageSize: 5 }
		});
		const etag = (a: Answer) => ({ 'if-none-match': a.header('etag') ?? 'none' });
		await call('searchCatalogue', 304, { query: { pageSize: 3 }, headers: etag(page) });
		await call('searchCatalogue', 400, { query: { pageSize: 0 } });
		await call('searchCatalogue', 400, { query: { category: 'licence' } });
		await call('searchCatalogue', 400, { query: { department: 'NOPE' } });
		await call('searchCatalogue', 400, { query: { q: '许'.repeat(101) } });
		const entry = { code: page.body.items[0].code };
		const one = await call('getEntry', 200, { path: entry });
		await call('getEntry', 304, { path: entry, headers: etag(one) });
		await call('getEntry', 404, { path: { code: '990001-NOPE-XK-9999' } });
		await call('getFlowchart', 200, { path: { code: '990001-ZRZY-XK-0002' } });
		await call('getFlowchart', 404, { path: { code: '990001-SCJG-XK-0001' } });
		for (const file of ['definition.json', 'manifest.json', 'form.schema.json', 'types.ts']) {
			const path = { code: DISCLOSURE_ITEM, version: 1, file };
			const frozen = await call('getFrozenFile', 200, { path });
			await call('getFrozenFile', 304, { path, headers: etag(frozen) });
		}
		await call('getFrozenFile', 404, {
			path: { code: DISCLOSURE_ITEM, version: 99, file: 'definition.json' }
		});
		await call('downloadCatalogueCsv', 200);
		await call('downloadCatalogueXlsx', 200);
	});

	it('audit checkpoints: the head and checkpoints, one record, seq=0 and an absent record', async () => {
		const all = await call('getAuditCheckpoints', 200);
		await call('getAuditCheckpoints', 200, { query: { seq: all.body.head.seq } });
		await call('getAuditCheckpoints', 400, { query: { seq: 0 } });
		await call('getAuditCheckpoints', 400, { query: { seq: 'x' } });
		await call('getAuditCheckpoints', 404, { query: { seq: 999_999_999 } });
	});

	it('uploads: a PDF, no file, a file too large, not a document', async () => {
		const form = new FormData();
		form.append('file', pdf(`proof ${T0}`), '身份证明.pdf');
		upload = (await call('uploadFile', 201, { form })).body;
		await call('uploadFile', 400, { form: new FormData() });
		const big = new FormData();
		big.append('file', pdf('x'.repeat(5 * 1024 * 1024 + 10)), 'big.pdf');
		await call('uploadFile', 413, { form: big });
		const text = new FormData();
		text.append('file', new Blob(['just text'], { type: 'application/pdf' }), 'fake.pdf');
		await call('uploadFile', 415, { form: text });
	});

	it('applications, lookups and actions on a case, in every documented answer', async () => {
		tokens.zfb = (await issueToken(base, dbPath, 'ZFB', 'contract-zfb')).token;
		tokens.scjg = (await issueToken(base, dbPath, 'SCJG', 'contract-scjg')).token;
		const apply = (applicant: string) => ({
			item: DISCLOSURE_ITEM,
			applicant: { name: applicant, idNumber: '110101199001011234' },
			answers: DISCLOSURE_ANSWERS,
			uploads: { proof: upload }
		});
		const created = await call('submitApplication', 201, { json: apply('张契约') });
		const { caseNo, queryCode } = created.body as { caseNo: string; queryCode: string };
		await call('submitApplication', 400, { raw: { type: 'application/json', body: '[1]' } });
		await call('submitApplication', 422, { json: { item: DISCLOSURE_ITEM, applicant: {} } });

		const track = (no: string, code: string | null, from: string, expected: number) =>
			call('trackCase', expected, {
				path: { caseNo: no },
				headers: code === null ? {} : { 'x-query-code': code },
				from
			});
		const submitted = await track(caseNo, queryCode, '127.0.0.71', 200);
		expect(submitted.body.status).toBe('submitted');
		await track(caseNo, null, '127.0.0.71', 400);
		await track(caseNo, 'AAAAAAAA', '127.0.0.72', 404);
		for (let i = 0; i < 5; i++) await track('990001209901010001', 'AAAAAAAA', '127.0.0.73', 404);
		const locked = await track('990001209901010001', 'AAAAAAAA', '127.0.0.73', 429);
		expect(locked.header('retry-after')).toMatch(/^\d+$/);

		const act = (expected: number, json: unknown, c: Call = {}) =>
			call('actOnCase', expected, { path: { caseNo }, json, ...c });
		await act(401, { type: 'accept', expectedVersion: 1 });
		await act(401, { type: 'accept', expectedVersion: 1 }, { token: 'sunlit_notatoken' });
		// Another department's token is not told the case exists (record-level access).
		await act(404, { type: 'accept', expectedVersion: 1 }, { token: tokens.scjg });
		const supervisor = await signIn(base, 'supervisor', 'demo-supervisor-2026');
		await act(403, { type: 'accept', expectedVersion: 1 }, { cookie: supervisor });
		await call('actOnCase', 404, {
			path: { caseNo: '990001209901010002' },
			json: { type: 'accept', expectedVersion: 1 },
			token: tokens.zfb
		});
		await call('actOnCase', 400, {
			path: { caseNo },
			raw: { type: 'application/json', body: '"accept"' },
			token: tokens.zfb
		});
		await act(422, { type: 'fly', expectedVersion: 1 }, { token: tokens.zfb });
		await act(409, { type: 'accept', expectedVersion: 7 }, { token: tokens.zfb });
		const accepted = await act(200, { type: 'accept', expectedVersion: 1 }, { token: tokens.zfb });
		const task = accepted.body.tasks[0].id as string;
		let v = accepted.body.version as number;
		v = (await act(200, { type: 'claim', task, expectedVersion: v }, { token: tokens.zfb })).body
			.version;
		await act(
			200,
			{
				type: 'request_supplement',
				task,
				expectedVersion: v,
				reason: '申请内容不明确',
				materials: ['补充说明']
			},
			{ token: tokens.zfb }
		);
		const waiting = await track(caseNo, queryCode, '127.0.0.71', 200);
		expect(waiting.body.supplement).toMatchObject({ materials: ['补充说明'] });
		expect(waiting.body.paused).toMatchObject({ kind: 'supplement' });

		// A second application refused at intake: its tracking carries the closure and the decision.
		const other = (await call('submitApplication', 201, { json: apply('李契约') })).body;
		await call('actOnCase', 200, {
			path: { caseNo: other.caseNo },
			json: { type: 'refuse', expectedVersion: 1, reason: '不属于本机关公开职责' },
			token: tokens.zfb
		});
		const refused = await track(other.caseNo, other.queryCode, '127.0.0.71', 200);
		expect(refused.body.decision).toMatchObject({ caseNo: other.caseNo });

		const gb = (expected: number, c: Call) =>
			call('getCaseRecords', expected, { path: { caseNo }, ...c });
		await gb(200, { token: tokens.zfb });
		await gb(401, {});
		await gb(404, { token: tokens.scjg });
		await gb(403, { cookie: await signIn(base, 'editor', 'demo-editor-2026') });
		await call('getCaseRecords', 404, {
			path: { caseNo: '990001209901010002' },
			token: tokens.zfb
		});
	});

	it('department pushes and the feed', async () => {
		const record = {
			部门办件编号: `contract-${T0}`,
			事项编码: '990001-SCJG-XK-0001',
			办事申请: { 办件类型: '承诺件', 申请者名称: '某超市', 申报来源: '窗口', 申请时间: ago(50) },
			事项受理: { 受理人员: '张受理', 受理时间: ago(49) },
			事项办理: [
				{
					环节名称: '材料审查',
					业务动作: '通过',
					环节处理人: '李审查',
					环节开始时间: ago(49),
					环节结束时间: ago(30)
				}
			],
			事项办结: { 办结时间: ago(2), 办结结果: '准予' }
		};
		const push = (expected: number, c: Call) =>
			call('pushDepartmentCase', expected, { path: { code: 'SCJG' }, ...c });
		const pushed = (await push(201, { json: record, token: tokens.scjg })).body;
		// A pushed case is tracked like any other (its view is built from the recorded events).
		const tracked = await call('trackCase', 200, {
			path: { caseNo: pushed.caseNo },
			headers: { 'x-query-code': pushed.queryCode },
			from: '127.0.0.74'
		});
		expect(tracked.body).toMatchObject({ origin: 'pushed', status: 'closed' });
		await push(200, { json: record, token: tokens.scjg });
		await push(409, {
			json: { ...record, 事项办结: { 办结时间: ago(2), 办结结果: '不予' } },
			token: tokens.scjg
		});
		await push(422, {
			json: { ...record, 部门办件编号: `contract-bad-${T0}`, 办事申请: {} },
			token: tokens.scjg
		});
		await push(400, { raw: { type: 'application/json', body: 'null' }, token: tokens.scjg });
		await push(401, { json: record });
		await push(403, { json: record, token: tokens.zfb });

		const feed = await feedToken('contract-feed');
		const read = await call('readFeed', 200, { query: { after: 0, limit: 1000 }, token: feed });
		expect(read.text.split('\n').filter(Boolean).length).toBeGreaterThan(3);
		await call('readFeed', 400, { query: { after: -1 }, token: feed });
		await call('readFeed', 401, {});
		await call('readFeed', 403, { token: tokens.zfb });
	});

	it('exercised every documented status of every operation', () => {
		const documented = [...operations.values()].flatMap((o) =>
			Object.keys(o.op.responses).map((s) => `${o.id} ${s}`)
		);
		const missing = documented.filter((k) => !seen.has(k) && !(k in NOT_EXERCISED));
		expect(missing, 'documented answers no request produced').toEqual([]);
		for (const k of Object.keys(NOT_EXERCISED)) expect(documented, k).toContain(k);
	});
});
