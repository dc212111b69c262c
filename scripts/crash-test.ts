/**
 * npm run crash-test
 * Kills the production build (`node build`, so run `npm run build` first) with SIGKILL at random
 * moments while applicants submit applications, an officer accepts, claims and completes steps
 * and a second officer does the legal review (法制审核, which the same person may not do) that
 * closes the case, then restarts it on the same data folder and checks that nothing the server acknowledged
 * was lost: every acknowledged case and transition is in the database (its version at least the
 * acknowledged one, its event recorded), `PRAGMA integrity_check` answers ok and the audit hash
 * chain and its checkpoints verify (as `npm run audit:verify` does; that command itself runs at the
 * end). Exit code 1 on any loss, with what was lost.
 *
 * Environment: CRASH_KILLS (default 20), CRASH_SEED (default: the time), CRASH_KEEP=1 keeps the
 * temporary data folder (a failed run always keeps it).
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/lib/server/clock';
import { openDatabase } from '../src/lib/server/db/connection';
import {
	auditHashAt,
	listCheckpoints,
	verifyAuditChain
} from '../src/lib/server/repositories/audit-repository';
import { getUserRowByUsername, rolesOf } from '../src/lib/server/repositories/user-repository';
import { SYSTEM_ACTOR } from '../src/lib/server/services/context';
import { createUser } from '../src/lib/server/services/org-service';
import { mulberry32 } from '../src/lib/domain/seeded-random';

const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
/** How long the load runs before each kill: a random moment in this window (ms). */
const WINDOW = [800, 3500] as const;
const APPLICANTS = 4;
/** Concurrent request loops per officer. */
const OFFICERS = 3;

/** Who does which step of 政府信息公开 (990001-ZFB-QT-0001), and with which outcome. */
interface Officer {
	username: string;
	password: string;
	displayName: string;
	/** The posts given to the user (codes of 政府办's posts). */
	posts: readonly string[];
	/** The steps this officer carries on: 'accept' and flow nodes, with the outcome to choose. */
	steps: Readonly<Record<string, string | null>>;
	id: string;
	cookie: string;
	/** Cases with nothing left for this officer. */
	finished: Set<string>;
}

const officers: Officer[] = [
	{
		username: 'crash.zfb',
		password: 'crash-test-officer-1',
		displayName: '政府办 崩溃测试',
		posts: ['XXGKSL', 'XXGKSH'],
		steps: { accept: null, n2: '内容明确', n5: null },
		id: '',
		cookie: '',
		finished: new Set()
	},
	{
		// 拟定答复并法制审核 requires a second person: not the one who completed 检索与征求意见.
		username: 'crash.zfb.review',
		password: 'crash-test-officer-2',
		displayName: '政府办 崩溃测试 法制审核',
		posts: ['XXGKSH'],
		steps: { n6: '予以公开' },
		id: '',
		cookie: '',
		finished: new Set()
	}
];

const random = mulberry32(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fail(message: string): never {
	console.error(`\n崩溃测试失败 / crash test FAILED (seed ${SEED}): ${message}`);
	console.error(`数据目录已保留 / data folder kept: ${dir}`);
	stopServer('SIGKILL');
	process.exit(1);
}

if (!existsSync('build/index.js')) {
	console.error(
		'build/index.js 不存在：请先运行 npm run build。\nbuild/index.js is missing: run `npm run build` first (npm test does).'
	);
	process.exit(2);
}

// ── the server ───────────────────────────────────────────────────────────────

const dir = mkdtempSync(join(tmpdir(), 'sunlit-crash-'));
const dbPath = join(dir, 'sunlit.db');
let server: ChildProcess | null = null;
let output = '';

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

const port = await freePort();
// Whatever ends this script, the server it started goes with it.
process.on('exit', () => server?.kill('SIGKILL'));
const base = `http://127.0.0.1:${port}`;

async function startServer(): Promise<void> {
	output = '';
	const child = spawn(process.execPath, ['build'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			SUNLIT_DB: dbPath,
			// The demo county without its demo cases: the test counts the cases it makes.
			SUNLIT_DEMO_CASES: '0',
			BODY_SIZE_LIMIT: '6M',
			// All the load comes from this one address: no hourly limit on applications for it.
			SUNLIT_LIMIT_EXEMPT: '127.0.0.1'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
	server = child;
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) fail(`the server exited with code ${child.exitCode}:\n${output}`);
		try {
			if ((await fetch(`${base}/api/v1/health`)).ok) return;
		} catch {
			// not listening yet
		}
		await sleep(100);
	}
	fail(`the server did not answer ${base}/api/v1/health within 60 s:\n${output}`);
}

function stopServer(signal: NodeJS.Signals): Promise<void> {
	const child = server;
	server = null;
	if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.kill(signal);
	});
}

// ── what the server acknowledged ─────────────────────────────────────────────

interface Ack {
	caseNo: string;
	/** The event: submit, accept, claim, complete. */
	type: string;
	/** The case's version once the event was applied. */
	version: number;
}
const acks: Ack[] = [];
/** The version each case is known to have reached (acknowledged, or read back after a crash). */
const known = new Map<string, number>();
let refusedStale = 0;
let lostInFlight = 0;

function acknowledge(caseNo: string, type: string, version: number) {
	acks.push({ caseNo, type, version });
	known.set(caseNo, Math.max(known.get(caseNo) ?? 0, version));
}

// ── the load ─────────────────────────────────────────────────────────────────

let running = false;
let fileRef: unknown = null;

async function uploadProof(): Promise<unknown> {
	const body = new FormData();
	const bytes = Buffer.from(`%PDF-1.4\n% crash test ${SEED}\n%%EOF\n`);
	body.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'proof.pdf');
	const res = await fetch(`${base}/api/v1/uploads`, {
		method: 'POST',
		headers: { origin: base, accept: 'application/json' },
		body
	});
	if (res.status !== 201) fail(`the proof upload answered ${res.status}`);
	return res.json();
}

const APPLICATION = {
	applicantType: 'person',
	mobile: '13800138000',
	address: '示例县人民路 1 号',
	content: '2025 年示例县财政预算执行情况'
};

async function applicant(): Promise<void> {
	while (running) {
		try {
			const res = await fetch(`${base}/items/990001-ZFB-QT-0001/apply`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: base,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({
					applicantName: '张三',
					answers: JSON.stringify({
						...APPLICATION,
						delivery: pick(['mail', 'email', 'pickup', 'online']),
						proof: fileRef
					})
				})
			});
			const m = /\/receipt\/(\d+)$/.exec(res.headers.get('location') ?? '');
			if (res.status === 303 && m) acknowledge(m[1]!, 'submit', 1);
			else if (res.status >= 500) fail(`an application answered ${res.status}`);
		} catch {
			lostInFlight++;
		}
	}
}

async function signIn(o: Officer): Promise<void> {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ username: o.username, password: o.password })
	});
	const c = res.headers.getSetCookie().find((s) => s.startsWith('sunlit_session='));
	if (res.status !== 303 || !c) fail(`${o.username} could not sign in (${res.status})`);
	o.cookie = c.split(';')[0]!;
}

interface TaskRow {
	task_id: string;
	node: string;
	status: string;
	claimed_by: string | null;
}

/** The next step the officer takes on a case, from its open work (read-only), or null. */
function nextStep(
	db: Database.Database,
	caseNo: string,
	o: Officer
): { action: string; form: Record<string, string> } | null {
	const tasks = db
		.prepare(
			`SELECT t.task_id, t.node, t.status, t.claimed_by FROM case_tasks t
			 JOIN cases c ON c.id = t.case_id WHERE c.case_no = ? AND t.department = 'ZFB'`
		)
		.all(caseNo) as TaskRow[];
	for (const t of tasks) {
		if (t.task_id === 'accept') {
			if ('accept' in o.steps) return { action: 'accept', form: { opinion: '材料齐全，予以受理' } };
			continue;
		}
		if (!(t.node in o.steps)) continue;
		if (t.status === 'open') return { action: 'claim', form: { task: t.task_id } };
		if (t.status === 'claimed' && t.claimed_by === o.id) {
			const outcome = o.steps[t.node];
			return {
				action: 'complete',
				form: { task: t.task_id, opinion: '已办理', ...(outcome ? { outcome } : {}) }
			};
		}
	}
	return null;
}

/** Whether the case has ended (closed or otherwise final): nothing is left for anyone. */
function ended(db: Database.Database, caseNo: string): boolean {
	const row = db.prepare('SELECT closed_at FROM cases WHERE case_no = ?').get(caseNo) as
		{ closed_at: string | null } | undefined;
	return row?.closed_at != null;
}

async function officer(o: Officer): Promise<void> {
	const db = new Database(dbPath, { readonly: true, fileMustExist: true });
	try {
		while (running) {
			// Carry cases on before taking new ones: completing first, then claiming, then accepting.
			const steps = [...known.keys()]
				.filter((no) => !o.finished.has(no))
				.map((caseNo) => ({ caseNo, step: nextStep(db, caseNo, o) }));
			for (const s of steps) if (!s.step && ended(db, s.caseNo)) o.finished.add(s.caseNo);
			const ready = steps.filter((s) => s.step);
			const first = ['complete', 'claim', 'accept'].find((a) =>
				ready.some((s) => s.step!.action === a)
			);
			if (!first) {
				await sleep(20);
				continue;
			}
			const { caseNo, step } = pick(ready.filter((s) => s.step!.action === first));
			if (!step) continue;
			const version = known.get(caseNo)!;
			try {
				const res = await fetch(`${base}/work/cases/${caseNo}?/${step.action}`, {
					method: 'POST',
					redirect: 'manual',
					headers: {
						cookie: o.cookie,
						origin: base,
						accept: 'application/json',
						'x-sveltekit-action': 'true',
						'content-type': 'application/x-www-form-urlencoded'
					},
					body: new URLSearchParams({ version: String(version), ...step.form })
				});
				if (res.status >= 500) fail(`${step.action} on ${caseNo} answered ${res.status}`);
				if (res.status === 401) {
					await signIn(o);
					continue;
				}
				const answer = (await res.json()) as { type?: string; status?: number };
				if (answer.type === 'success') acknowledge(caseNo, step.action, version + 1);
				else {
					// Another officer was first, or a step committed just before a kill without its
					// answer reaching us: catch up with what the database holds.
					if (answer.status === 409) refusedStale++;
					const row = db.prepare('SELECT version FROM cases WHERE case_no = ?').get(caseNo) as
						{ version: number } | undefined;
					if (row) known.set(caseNo, Math.max(version, row.version));
				}
			} catch {
				lostInFlight++;
			}
		}
	} finally {
		db.close();
	}
}

// ── the checks ───────────────────────────────────────────────────────────────

let checks = 0;

function verify(when: string): void {
	const db = new Database(dbPath, { readonly: true, fileMustExist: true });
	try {
		const integrity = db.pragma('integrity_check', { simple: true });
		if (integrity !== 'ok') fail(`${when}: PRAGMA integrity_check answered ${String(integrity)}`);
		const caseRow = db.prepare('SELECT id, version FROM cases WHERE case_no = ?');
		const eventCount = db.prepare('SELECT COUNT(*) AS n FROM case_events WHERE case_id = ?');
		const eventOf = db.prepare('SELECT type FROM case_events WHERE case_id = ? AND seq = ?');
		for (const a of acks) {
			const row = caseRow.get(a.caseNo) as { id: number; version: number } | undefined;
			if (!row) fail(`${when}: acknowledged case ${a.caseNo} (${a.type}) is missing`);
			if (row.version < a.version)
				fail(
					`${when}: case ${a.caseNo} is at version ${row.version}, but ${a.type} was acknowledged at version ${a.version}`
				);
			const n = (eventCount.get(row.id) as { n: number }).n;
			if (n < a.version)
				fail(`${when}: case ${a.caseNo} has ${n} events, but ${a.version} were acknowledged`);
			// Events are numbered from 0 (the submission, version 1).
			const event = eventOf.get(row.id, a.version - 1) as { type: string } | undefined;
			const expected = a.type === 'submit' ? 'submit' : a.type;
			if (!event || event.type !== expected)
				fail(
					`${when}: case ${a.caseNo}: event ${a.version} is ${event?.type ?? 'missing'}, acknowledged as ${expected}`
				);
		}
		const chain = verifyAuditChain(db);
		if (!chain.ok) fail(`${when}: the audit chain is broken at record ${chain.firstBreak?.seq}`);
		const mismatched = listCheckpoints(db, Number.MAX_SAFE_INTEGER).filter(
			(c) => auditHashAt(db, c.seq) !== c.hash
		);
		if (mismatched.length)
			fail(`${when}: audit checkpoint ${mismatched[0]!.seq} no longer matches its record`);
	} finally {
		db.close();
	}
	checks++;
}

// ── the run ──────────────────────────────────────────────────────────────────

const started = Date.now();
console.log(
	`崩溃测试 / crash test: ${KILLS} × kill -9 under load (seed ${SEED}), data in ${dir}, port ${port}`
);
await startServer();
{
	// Officers of the 政府信息公开 posts (the demo officer works for 市场监管局).
	const db = openDatabase(dbPath);
	const admin = getUserRowByUsername(db, 'admin');
	if (!admin) fail('the demo county was not seeded');
	const dept = db.prepare("SELECT id FROM departments WHERE code = 'ZFB'").get() as { id: number };
	const posts = db.prepare('SELECT id, code FROM posts WHERE department_id = ?').all(dept.id) as {
		id: number;
		code: string;
	}[];
	const ctx = {
		db,
		clock: systemClock,
		actor: { ...SYSTEM_ACTOR, id: admin.id, name: 'admin', roles: rolesOf(db, admin.id) },
		ip: null
	};
	for (const o of officers) {
		await createUser(ctx, {
			username: o.username,
			password: o.password,
			displayName: o.displayName,
			departmentId: dept.id,
			roles: ['officer'],
			postIds: posts.filter((p) => o.posts.includes(p.code)).map((p) => p.id)
		});
		o.id = String(getUserRowByUsername(db, o.username)!.id);
	}
	db.close();
}
fileRef = await uploadProof();
for (const o of officers) await signIn(o);

for (let kill = 1; kill <= KILLS; kill++) {
	running = true;
	const load = [
		...Array.from({ length: APPLICANTS }, applicant),
		...officers.flatMap((o) => Array.from({ length: OFFICERS }, () => officer(o)))
	];
	const delay = WINDOW[0] + Math.floor(random() * (WINDOW[1] - WINDOW[0]));
	await sleep(delay);
	// Requests already sent stay in flight; their answers, if any arrive, still count.
	running = false;
	await stopServer('SIGKILL');
	await Promise.all(load);
	await startServer();
	verify(`after kill ${kill}`);
	process.stdout.write(
		`  kill ${String(kill).padStart(2)} after ${delay} ms: ${acks.length} acknowledged, all present\n`
	);
}
await stopServer('SIGTERM');
verify('after the last shutdown');
const cli = spawnSync('npx', ['tsx', 'scripts/audit-verify.ts'], {
	env: { ...process.env, SUNLIT_DB: dbPath },
	encoding: 'utf8'
});
if (cli.status !== 0) fail(`npm run audit:verify failed:\n${cli.stdout}${cli.stderr}`);
// The second officer's legal review is what closes a case: some must have closed.
const closed = ((): number => {
	const db = new Database(dbPath, { readonly: true, fileMustExist: true });
	const row = db.prepare('SELECT COUNT(*) AS n FROM cases WHERE closed_at IS NOT NULL').get() as {
		n: number;
	};
	db.close();
	return row.n;
})();
if (closed === 0)
	fail('no case got through its legal review (法制审核) by a second officer and closed');
const byType = Object.entries(
	acks.reduce<Record<string, number>>((n, a) => ({ ...n, [a.type]: (n[a.type] ?? 0) + 1 }), {})
)
	.map(([t, n]) => `${t} ${n}`)
	.join(', ');
console.log(
	`SUMMARY: ${KILLS} kills, ${acks.length} acknowledged transitions (${byType}) all present after every restart; ` +
		`${closed} cases closed after a second officer's legal review; ` +
		`${checks} checks (integrity_check ok, audit chain intact); ${cli.stdout.trim().split('\n').pop()}; ` +
		`${refusedStale} stale refusals, ${lostInFlight} requests cut off by a kill; ${((Date.now() - started) / 1000).toFixed(1)} s`
);
if (process.env.CRASH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
