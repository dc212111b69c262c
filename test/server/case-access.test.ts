import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseState } from '../../src/lib/engine/types';
import { systemClock } from '../../src/lib/server/clock';
import { openDatabase } from '../../src/lib/server/db/connection';
import { getUserRowByUsername, rolesOf } from '../../src/lib/server/repositories/user-repository';
import { ANONYMOUS_ACTOR, type Actor } from '../../src/lib/server/services/context';
import { applyEvent, submitApplication } from '../../src/lib/server/services/runner-service';
import { keepFile, uploadsDirOf } from '../../src/lib/server/uploads/store';
import { api, issueToken } from '../factories/api-token';
import { signIn } from '../factories/http';
import { startServer, type ServerProcess } from './server-process';

/**
 * Record-level access (issue 16, item 1): an officer sees a case only when their department takes
 * part in it — the item's department, the department that recorded it, or a department with a
 * task of the case at one of its posts; supervisors see the county. Every demo officer account ×
 * every demo case (the demo county with its demo cases, plus one 联合办理 case run until the
 * 行政审批局 branch is done) and every file of those cases, on the page, the file download, the
 * events API and the GB/T 39046 export, with a department token too. The expected answer is
 * computed from the rule with the database, not listed by hand; a refusal is 404 and audited.
 *
 * 《中华人民共和国个人信息保护法》第十条、第五十一条 (LAW.md): personal information is processed only
 * as far as the task needs, with access limited to those who need it.
 */

const OFFICERS = ['officer', 'zrzy-sl', 'zrzy-sc', 'xzsp-sc', 'fzb-sh', 'zfb', 'zfb-sh'];
const OFFICER_PASSWORD = 'demo-officer-2026';
const PERMIT = '990001-ZRZY-XK-0002';
const pdf = (text: string) => `%PDF-1.4\n% ${text}\n%%EOF\n`;

let dir: string;
let dbPath: string;
let server: ServerProcess;
let base: string;
let jointCase: string;

function actorOf(db: Database.Database, username: string): Actor {
	const row = getUserRowByUsername(db, username)!;
	return { id: row.id, name: row.username, roles: rolesOf(db, row.id) };
}

/** A 临时用地审批 case accepted and checked by 自然资源局, with the 行政审批局 会签 branch done. */
async function runJointCase(): Promise<string> {
	const uploads = uploadsDirOf(dbPath);
	const kept = await keepFile(
		uploads,
		new File([pdf('临时用地申请函')], '申请函.pdf', { type: 'application/pdf' })
	);
	if (!kept.ok) throw new Error(kept.code);
	const file = { ref: kept.ref, name: kept.name, size: kept.size, type: kept.type };
	const db = openDatabase(dbPath);
	const root = join(dirname(dbPath), 'generated');
	const ctx = (actor: Actor) => ({ db, clock: systemClock, actor, ip: null });
	const { caseNo } = submitApplication(ctx(ANONYMOUS_ACTOR), root, {
		code: PERMIT,
		data: {
			company: '示例建设有限公司',
			creditCode: '91350100M000100Y43',
			contact: '李四',
			mobile: '13900139000',
			location: '示例县城东工业园',
			area: 800,
			purpose: 'construction',
			until: '2027-06-30',
			letter: file,
			contract: file,
			reclamation: file,
			survey: file,
			approval: file
		},
		applicant: { name: '示例建设有限公司', idNumber: '91350100M000100Y43' }
	});
	const state = () =>
		JSON.parse(
			(db.prepare('SELECT state FROM cases WHERE case_no = ?').get(caseNo) as { state: string })
				.state
		) as CaseState;
	const version = () =>
		(db.prepare('SELECT version FROM cases WHERE case_no = ?').get(caseNo) as { version: number })
			.version;
	const act = (who: string, event: Parameters<typeof applyEvent>[3]) =>
		applyEvent(ctx(actorOf(db, who)), root, caseNo, event, { expectedVersion: version() });
	const open = (node: string) => state().tasks.find((t) => t.node === node && t.status !== 'done')!;
	act('zrzy-sl', { type: 'accept', opinion: '材料齐全，予以受理。' });
	act('zrzy-sl', { type: 'claim', task: open('n2').id });
	act('zrzy-sl', { type: 'complete', task: open('n2').id, opinion: '材料符合法定形式。' });
	act('xzsp-sc', { type: 'claim', task: open('n5').id });
	act('xzsp-sc', { type: 'complete', task: open('n5').id, opinion: '同意。' });
	db.close();
	return caseNo;
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'sunlit-case-access-'));
	dbPath = join(dir, 'sunlit.db');
	server = await startServer({ dbPath, env: { SUNLIT_DEMO_CASES: '1' } });
	base = server.url;
	jointCase = await runJointCase();
}, 120_000);

afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

interface CaseFacts {
	caseNo: string;
	origin: string;
	applicant: string;
	/** Departments taking part, computed here from the rule's wording. */
	departments: Set<string>;
	files: Set<string>;
}

/** Every `ref` of a stored file anywhere in a case's data. */
function refsIn(value: unknown, out: Set<string>) {
	if (Array.isArray(value)) for (const v of value) refsIn(v, out);
	else if (value && typeof value === 'object') {
		const o = value as Record<string, unknown>;
		if (typeof o.ref === 'string' && o.ref.startsWith('sha256-')) out.add(o.ref);
		for (const v of Object.values(o)) refsIn(v, out);
	}
}

/** The cases and, for each, the departments taking part: the item's, the recorder's, the tasks'. */
function readCases(): CaseFacts[] {
	const db = new Database(dbPath, { readonly: true });
	const code = (id: number | null) =>
		id === null
			? undefined
			: (db.prepare('SELECT code FROM departments WHERE id = ?').get(id) as { code: string }).code;
	const rows = db
		.prepare(
			`SELECT c.id, c.case_no, c.origin, c.applicant_name, c.state, c.source_department_id, e.department_id
			 FROM cases c JOIN catalogue_entries e ON e.id = c.entry_id ORDER BY c.id`
		)
		.all() as {
		id: number;
		case_no: string;
		origin: string;
		applicant_name: string;
		state: string;
		source_department_id: number | null;
		department_id: number;
	}[];
	const facts = rows.map((r) => {
		const departments = new Set<string>([code(r.department_id)!]);
		const source = code(r.source_department_id);
		if (source) departments.add(source);
		for (const t of db.prepare('SELECT department FROM case_tasks WHERE case_id = ?').all(r.id) as {
			department: string;
		}[])
			departments.add(t.department);
		const files = new Set<string>();
		if (r.origin === 'engine') {
			const state = JSON.parse(r.state) as CaseState;
			for (const t of state.tasks) departments.add(t.post.department);
			refsIn(state, files);
		}
		return {
			caseNo: r.case_no,
			origin: r.origin,
			applicant: r.applicant_name,
			departments,
			files
		};
	});
	db.close();
	return facts;
}

/** The departments each demo officer acts for: their own and those of their posts. */
function officerDepartments(username: string): Set<string> {
	const db = new Database(dbPath, { readonly: true });
	const rows = db
		.prepare(
			`SELECT d.code FROM users u JOIN departments d ON d.id = u.department_id WHERE u.username = ?
			 UNION SELECT d.code FROM users u JOIN user_posts up ON up.user_id = u.id
			 JOIN posts p ON p.id = up.post_id JOIN departments d ON d.id = p.department_id
			 WHERE u.username = ?`
		)
		.all(username, username) as { code: string }[];
	db.close();
	return new Set(rows.map((r) => r.code));
}

const sees = (mine: Set<string>, c: CaseFacts) => [...c.departments].some((d) => mine.has(d));

function deniedRecords(): number {
	const db = new Database(dbPath, { readonly: true });
	const n = (
		db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'case.access_denied'").get() as {
			n: number;
		}
	).n;
	db.close();
	return n;
}

describe('record-level case access', () => {
	it('has demo cases of several departments, files and a joint case to check against', () => {
		const cases = readCases();
		expect(cases.length).toBeGreaterThanOrEqual(6);
		expect(new Set(cases.map((c) => [...c.departments].join()))).not.toHaveProperty('size', 1);
		expect(cases.some((c) => c.origin !== 'engine')).toBe(true);
		expect(cases.flatMap((c) => [...c.files]).length).toBeGreaterThan(0);
		// 行政审批局's branch is done: it takes part through a task no longer open.
		expect(cases.find((c) => c.caseNo === jointCase)!.departments).toEqual(
			new Set(['ZRZY', 'XZSP'])
		);
	});

	it('lets every demo officer see exactly the cases and files their department takes part in', async () => {
		const cases = readCases();
		const allFiles = new Set(cases.flatMap((c) => [...c.files]));
		let refusals = 0;
		for (const username of OFFICERS) {
			const cookie = await signIn(base, username, OFFICER_PASSWORD);
			const mine = officerDepartments(username);
			for (const c of cases) {
				const visible = sees(mine, c);
				const what = `${username} × ${c.caseNo} (${[...c.departments].join('/')})`;
				const page = await fetch(`${base}/work/cases/${c.caseNo}`, {
					headers: { cookie },
					redirect: 'manual'
				});
				// Recorded cases have no workbench page for anyone; engine-run ones for participants.
				expect(page.status, `page ${what}`).toBe(visible && c.origin === 'engine' ? 200 : 404);
				if (!visible) {
					// Nothing of the case: not the applicant, not that a case of that number exists.
					const html = await page.text();
					expect(html, what).not.toContain(c.applicant);
					expect(html, what).toContain('没有该办件');
					refusals++;
				}
				const exported = await api(base, `/api/v1/cases/${c.caseNo}/gbt39046`, { cookie });
				expect(exported.status, `gbt39046 ${what}`).toBe(visible ? 200 : 404);
				if (!visible) refusals++;
				// An empty action: visible cases get to the event's own checks (422), others 404.
				const acted = await api(base, `/api/v1/cases/${c.caseNo}/events`, {
					cookie,
					body: {}
				});
				expect(acted.status, `events ${what}`).toBe(visible ? 422 : 404);
				if (!visible) refusals++;
				const form = await fetch(`${base}/work/cases/${c.caseNo}?/claim`, {
					method: 'POST',
					redirect: 'manual',
					headers: {
						cookie,
						origin: base,
						accept: 'application/json',
						'x-sveltekit-action': 'true',
						'content-type': 'application/x-www-form-urlencoded'
					},
					body: new URLSearchParams({ task: 'none', version: '1' })
				});
				const answer = (await form.json()) as { type: string; status: number };
				if (!visible) {
					expect(answer, `claim ${what}`).toMatchObject({ type: 'failure', status: 404 });
					refusals++;
				} else expect(answer.status, `claim ${what}`).not.toBe(404);
			}
			for (const ref of allFiles) {
				const visible = cases.some((c) => c.files.has(ref) && sees(mine, c));
				const res = await fetch(`${base}/work/files/${ref}`, { headers: { cookie } });
				expect(res.status, `file ${username} × ${ref}`).toBe(visible ? 200 : 404);
				if (!visible) refusals++;
			}
		}
		expect(refusals).toBeGreaterThan(0);
		expect(deniedRecords()).toBeGreaterThanOrEqual(refusals);
	});

	it('answers 404 to an officer of 市场监管局 for a 政府办 case page and its files (contract point)', async () => {
		const zfbCase = readCases().find(
			(c) => c.origin === 'engine' && [...c.departments].join() === 'ZFB' && c.files.size > 0
		)!;
		const cookie = await signIn(base, 'officer', OFFICER_PASSWORD);
		expect(
			(await fetch(`${base}/work/cases/${zfbCase.caseNo}`, { headers: { cookie } })).status
		).toBe(404);
		for (const ref of zfbCase.files)
			expect((await fetch(`${base}/work/files/${ref}`, { headers: { cookie } })).status).toBe(404);
		const zfb = await signIn(base, 'zfb', OFFICER_PASSWORD);
		expect(
			(await fetch(`${base}/work/cases/${zfbCase.caseNo}`, { headers: { cookie: zfb } })).status
		).toBe(200);
	});

	it('gives supervisors the county and a department token only its department’s cases', async () => {
		const cases = readCases();
		const supervisor = await signIn(base, 'supervisor', 'demo-supervisor-2026');
		const { token } = await issueToken(base, dbPath, 'SCJG', '案件访问测试');
		expect(token).not.toBe('');
		for (const c of cases) {
			const bySupervisor = await api(base, `/api/v1/cases/${c.caseNo}/gbt39046`, {
				cookie: supervisor
			});
			expect(bySupervisor.status, c.caseNo).toBe(200);
			const page = await fetch(`${base}/supervision/cases/${c.caseNo}`, {
				headers: { cookie: supervisor }
			});
			expect(page.status, c.caseNo).toBe(200);
			const byToken = await api(base, `/api/v1/cases/${c.caseNo}/gbt39046`, { token });
			expect(byToken.status, c.caseNo).toBe(c.departments.has('SCJG') ? 200 : 404);
			const acted = await api(base, `/api/v1/cases/${c.caseNo}/events`, {
				token,
				body: {}
			});
			expect(acted.status, c.caseNo).toBe(c.departments.has('SCJG') ? 422 : 404);
		}
		for (const ref of new Set(cases.flatMap((c) => [...c.files])))
			expect(
				(await fetch(`${base}/work/files/${ref}`, { headers: { cookie: supervisor } })).status
			).toBe(200);
	});
});
