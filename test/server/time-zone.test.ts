import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../factories/api-token';
import { DISCLOSURE_ANSWERS, DISCLOSURE_ITEM } from '../factories/intake';
import { startServer, type ServerProcess } from './server-process';

/**
 * A county's dates are Beijing dates whatever zone the host is set to (issue 17, item 11): a
 * server on a host west of UTC used to stop at start (chinese-days read every date a day early)
 * or answer 500 on acceptance. Here the host says America/New_York; the server must still start
 * with its demo cases, take an application through the API, track it and accept it, with the
 * dates of Beijing.
 */
describe('a server on a host in America/New_York', () => {
	let dir: string;
	let server: ServerProcess;
	let dbPath: string;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'sunlit-tz-'));
		dbPath = join(dir, 'sunlit.db');
		server = await startServer({
			dbPath,
			env: { TZ: 'America/New_York', SUNLIT_DEMO_CASES: '1' }
		});
	});
	afterAll(async () => {
		await server?.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	it('starts with its demo cases, takes an application (201), tracks (200) and accepts it', async () => {
		const base = server.url;
		const form = new FormData();
		const pdf = new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n% tz\n%%EOF\n'))], {
			type: 'application/pdf'
		});
		form.append('file', pdf, '身份证明.pdf');
		const uploaded = await fetch(`${base}/api/v1/uploads`, { method: 'POST', body: form });
		expect(uploaded.status).toBe(201);
		const created = await fetch(`${base}/api/v1/cases`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				item: DISCLOSURE_ITEM,
				applicant: { name: '时区测试', idNumber: '110101199001011234' },
				answers: DISCLOSURE_ANSWERS,
				uploads: { proof: await uploaded.json() }
			})
		});
		const body = (await created.json()) as { caseNo: string; queryCode: string };
		expect(created.status, JSON.stringify(body)).toBe(201);
		// The case number carries the Beijing date of receipt.
		const beijingToday = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' })
			.format(new Date())
			.replaceAll('-', '');
		expect(body.caseNo.slice(6, 14)).toBe(beijingToday);

		const tracked = await fetch(`${base}/api/v1/cases/${body.caseNo}`, {
			headers: { 'x-query-code': body.queryCode }
		});
		expect(tracked.status).toBe(200);

		const { token } = await issueToken(base, dbPath, 'ZFB', `时区 ${Date.now()}`);
		const accepted = await fetch(`${base}/api/v1/cases/${body.caseNo}/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ type: 'accept', expectedVersion: 1 })
		});
		expect(accepted.status, await accepted.clone().text()).toBe(200);
		expect(server.output()).not.toContain('unexpected error');
	});
});
