import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DISCLOSURE_ANSWERS, DISCLOSURE_ITEM } from '../factories/intake';

/**
 * Public intake (外网受理) against the running production build: the upload endpoint and the
 * application page's form action, as an anonymous applicant.
 */
const base = inject('serverUrl');
const dbPath = inject('serverDb');
const ITEM = DISCLOSURE_ITEM;
const MAX = 5 * 1024 * 1024;

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

async function upload(bytes: Buffer, name = 'proof.pdf', type = 'application/pdf') {
	const body = new FormData();
	body.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
	// An outside system posts without an Origin header (item 14 of issue 16): so does this test.
	const res = await fetch(`${base}/api/v1/uploads`, {
		method: 'POST',
		headers: { accept: 'application/json' },
		body
	});
	return { status: res.status, body: await res.json() };
}

const caseCount = () => {
	const db = new Database(dbPath, { readonly: true });
	const n = (db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number }).n;
	db.close();
	return n;
};

function apply(fields: Record<string, string>) {
	return fetch(`${base}/items/${ITEM}/apply`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields)
	});
}

const ANSWERS = DISCLOSURE_ANSWERS;

describe('POST /api/v1/uploads', () => {
	it('stores a PDF content-addressed and answers its ref; the same bytes get the same ref', async () => {
		const bytes = pdf(`intake ${Date.now()}`);
		const hex = createHash('sha256').update(bytes).digest('hex');
		const first = await upload(bytes, '身份证明.pdf');
		expect(first.status).toBe(201);
		expect(first.body).toEqual({
			ref: `sha256-${hex}`,
			name: '身份证明.pdf',
			size: bytes.length,
			type: 'application/pdf'
		});
		const stored = join(dirname(dbPath), 'uploads', hex.slice(0, 2), hex);
		expect(readFileSync(stored).equals(bytes)).toBe(true);
		const again = await upload(bytes, 'other-name.pdf');
		expect(again.status).toBe(201);
		expect(again.body.ref).toBe(first.body.ref);
	});

	it('judges the type by the first bytes, not the name or declared type', async () => {
		const res = await upload(Buffer.from('MZ this is no PDF'), 'fake.pdf', 'application/pdf');
		expect(res.status).toBe(415);
		expect(res.body.error).toMatchObject({ code: 'FILE_TYPE', field: 'file' });
		expect(res.body.error.message).toContain('PDF');
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
		expect((await upload(png, 'photo.bin', 'application/octet-stream')).body.type).toBe(
			'image/png'
		);
	});

	it('refuses a file over the limit with a Chinese message, and a request without a file', async () => {
		const big = Buffer.alloc(MAX + 1, 0x20);
		pdf('big').copy(big);
		const res = await upload(big, 'big.pdf');
		expect(res.status).toBe(413);
		expect(res.body.error).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'file' });
		expect(res.body.error.message).toContain('5 MB');
		const none = await fetch(`${base}/api/v1/uploads`, {
			method: 'POST',
			headers: { accept: 'application/json' },
			body: new FormData()
		});
		expect(none.status).toBe(400);
		expect((await none.json()).error.code).toBe('FILE_MISSING');
	});
});

describe('the application form action', () => {
	it('refuses an invalid application naming each field in Chinese, keeping the input, storing nothing', async () => {
		const before = caseCount();
		// Without JavaScript: ordinary fields named by the controls' ids.
		const res = await apply({
			applicantName: '',
			applicantId: 'A123',
			'intake-applicantType': 'person',
			'intake-mobile': '12345',
			'intake-content': '一份关于预算的信息'
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('请填写“申请人姓名或名称”。');
		expect(html).toContain('“联系电话”不是有效的手机号码');
		expect(html).toContain('请填写“通信地址”。');
		expect(html).toContain('请填写“申请人身份证明”。');
		expect(html).toContain('value="A123"');
		expect(html).toContain('一份关于预算的信息');
		expect(caseCount()).toBe(before);
	});

	it('refuses a file ref that is not in the upload store', async () => {
		const before = caseCount();
		const res = await apply({
			applicantName: '张三',
			answers: JSON.stringify({
				...ANSWERS,
				proof: { name: 'x.pdf', size: 10, type: 'application/pdf', ref: `sha256-${'0'.repeat(64)}` }
			})
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('“申请人身份证明”的文件没有上传成功');
		expect(caseCount()).toBe(before);
	});

	it('refuses answers smuggled in under `__proto__`, naming that property, storing nothing', async () => {
		const before = caseCount();
		const file = await upload(pdf(`proto ${Date.now()}`));
		const res = await fetch(`${base}/items/${ITEM}/apply`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: base,
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				applicantName: '张三',
				answers: `{"__proto__":${JSON.stringify({ ...ANSWERS, proof: file.body })}}`
			})
		});
		expect(res.status).toBe(200);
		const answer = (await res.json()) as { type: string; status: number; data: string };
		expect(answer).toMatchObject({ type: 'failure', status: 400 });
		expect(answer.data).toContain('"__proto__"');
		expect(answer.data).toContain('ADDITIONAL');
		expect(caseCount()).toBe(before);
		const html = await (
			await apply({ applicantName: '张三', answers: `{"__proto__":{"name":"张三"},"evil":1}` })
		).text();
		expect(html).toContain('表单中没有“__proto__”这一项。');
		expect(caseCount()).toBe(before);
	});

	it('refuses an answer nested thousands of levels deep with 400 naming the field, not a 500', async () => {
		const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
		const res = await apply({
			applicantName: '张三',
			answers: JSON.stringify({ ...ANSWERS, content: '@' }).replace('"@"', deep)
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('的填写内容类型不正确');
	});

	it('answers a post to the reserved action name, or a form action sent as JSON, with a 4xx', async () => {
		const named = await fetch(`${base}/items/${ITEM}/apply?/default`, {
			method: 'POST',
			headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'applicantName=x'
		});
		expect(named.status).toBe(404);
		const json = await fetch(`${base}/items/${ITEM}/apply`, {
			method: 'POST',
			headers: {
				origin: base,
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				'content-type': 'application/json'
			},
			body: JSON.stringify({ answers: ANSWERS })
		});
		expect(json.status).toBe(415);
		expect((await json.json()).error).toMatchObject({
			code: 'BAD_REQUEST',
			message: expect.stringContaining('不是本页面发送的格式')
		});
	});

	it('opens the case on a valid application and shows the query code once on the receipt', async () => {
		const before = caseCount();
		const file = await upload(pdf(`valid ${Date.now()}`));
		const res = await apply({
			applicantName: '张三',
			applicantId: '110101199003077777',
			answers: JSON.stringify({ ...ANSWERS, proof: file.body })
		});
		expect(res.status).toBe(303);
		const location = res.headers.get('location') ?? '';
		const m = /^\/items\/990001-ZFB-QT-0001\/receipt\/(\d+)$/.exec(location);
		expect(m, location).not.toBeNull();
		const caseNo = m![1]!;
		expect(caseCount()).toBe(before + 1);
		const db = new Database(dbPath, { readonly: true });
		const row = db.prepare('SELECT * FROM cases WHERE case_no = ?').get(caseNo) as {
			applicant_name: string;
			channel: string;
			query_hash: string;
			state: string;
		};
		db.close();
		expect(row).toMatchObject({ applicant_name: '张三', channel: 'online' });
		expect(JSON.parse(row.state).data.proof.ref).toBe(file.body.ref);

		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sunlit_receipt='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toContain(`Path=${location}`);
		const queryCode = cookie.split(';')[0]!.split('.').pop()!;
		expect(queryCode).toMatch(/^[2-9A-Z]{8}$/);
		expect(row.query_hash).not.toContain(queryCode);

		const receipt = await fetch(base + location, { headers: { cookie: cookie.split(';')[0]! } });
		const html = await receipt.text();
		expect(html).toContain('受理回执');
		expect(html).toContain(caseNo);
		expect(html).toContain(queryCode);
		expect(receipt.headers.getSetCookie().join()).toMatch(/sunlit_receipt=;/);

		const later = await (await fetch(base + location)).text();
		expect(later).toContain('回执只在提交后显示一次');
		expect(later).not.toContain(queryCode);
		expect(later).not.toContain('张三');
	});

	it('renders an item with several required uploads, each with the upload note', async () => {
		const res = await fetch(`${base}/items/990001-ZRZY-XK-0002/apply`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html.match(/type="file"/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
		expect(html).toContain('可上传 PDF、JPEG、PNG 或 OFD 文件，每个不超过 5 MB。');
		expect(html).toMatch(/本申请将按第 1 版固化定义办理（内容哈希 [0-9a-f]{12}）/);
	});

	it('says an item that is not applied for by the public cannot be applied for online', async () => {
		const res = await fetch(`${base}/items/990001-SCJG-CF-0001/apply`);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('本事项不能在线申请');
		expect(existsSync(dbPath)).toBe(true);
	});
});
