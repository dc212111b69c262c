/**
 * runner.*: how many audited transitions per second the case runner commits, against the raw
 * SQLite limit and a BPMN engine peer, on one 5-node flow (受理 → 审查 → 是否准予 → 决定 → 准予).
 *
 * - Runner: the real service path. A temporary SQLite file (WAL) is migrated and seeded with the
 *   demo county; the flow and form are saved as designs, submitted, and approved by the legal
 *   office, which compiles and freezes them (`approveItemVersion`). Cases are opened with
 *   `submitApplication` and moved with `applyEvent` (accept, claim, complete with outcome 同意,
 *   claim, complete): each event is one transaction with the engine step, the case row, its open
 *   tasks, the case_events row, the hash-chained audit record(s) and the notification outbox;
 *   the delivery pass the events schedule is run at the end of each timed loop, inside its time.
 * - Raw limit: per commit one UPDATE of a state row (the JSON of a closed case, about 2 KB) and one
 *   INSERT of a record chained by SHA-256 over the previous hash and its payload; no engine.
 * - Peer: bpmn-engine running the same five nodes as BPMN (start → userTask → exclusiveGateway →
 *   userTask → end), signalling both user tasks and writing `engine.getState()` to a SQLite table
 *   after every step (start, each signal).
 *
 * Every database is a temporary file opened with the product's pragmas (`openDatabase`: WAL,
 * busy timeout, foreign keys) and, as in the server, WAL checkpoints on a worker thread
 * (`startWalCheckpointer`), the runner's and the raw limit's alike; `synchronous` is set to NORMAL
 * or FULL per measurement. Rounds
 * alternate the order of what they time; figures are medians over the rounds.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from 'bpmn-engine';
import { BpmnModdle } from 'bpmn-moddle';
import { normalizeContent } from '../../src/lib/domain/catalogue/normalize';
import { emptyFlow, newEdge, newNode, type FlowDocument } from '../../src/lib/domain/flow/types';
import { emptyForm, type FormDocument } from '../../src/lib/domain/form/types';
import type { CaseState } from '../../src/lib/engine/types';
import { FakeClock } from '../../src/lib/server/clock';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';
import {
	startWalCheckpointer,
	type WalCheckpointer
} from '../../src/lib/server/db/wal-checkpointer';
import { verifyAuditChain } from '../../src/lib/server/repositories/audit-repository';
import { getUserRowByUsername, rolesOf } from '../../src/lib/server/repositories/user-repository';
import {
	approveItemVersion,
	createEntry,
	submit
} from '../../src/lib/server/services/catalogue-service';
import type { ServiceContext } from '../../src/lib/server/services/context';
import { saveDesign } from '../../src/lib/server/services/design-service';
import { loadFrozenDefinition } from '../../src/lib/server/services/freeze-service';
import {
	applyEvent,
	deliverPending,
	submitApplication,
	type RunnerEvent
} from '../../src/lib/server/services/runner-service';
import { seedDemoIfEmpty } from '../../src/lib/server/services/seed-service';
import { median, percentile, type Figure, type Suite } from '../lib';

/** Rounds timed (after one warm-up round that is not). */
const ROUNDS = 7;
/** Cases per round and mode for the transition figures (5 transitions each). */
const CASES = 120;
/** Whole cases per round for the instance figures, runner and peer. */
const RUNNER_INSTANCES = 100;
const PEER_INSTANCES = 30;
/** Transitions of one case after submission: accept, claim, complete, claim, complete. */
const STEPS = 5;

type Sync = 'NORMAL' | 'FULL';

// ── the flow, frozen the normal way ──────────────────────────────────────────

function flowDocument(code: string): FlowDocument {
	const f = emptyFlow(code, '五个环节');
	const at = (node: ReturnType<typeof newNode>, post: string, days: number | null = null) => ({
		...node,
		department: 'SCJG',
		post,
		timeLimitDays: days
	});
	const decide = newEdge('e3', 'n3', 'n4');
	const back = newEdge('e4', 'n3', 'n2');
	f.semantics.nodes.push(
		at(newNode('n1', 'start', '受理'), 'SL'),
		at(newNode('n2', 'task', '审查'), 'SH', 3),
		newNode('n3', 'decision', '是否准予'),
		at(newNode('n4', 'task', '决定'), 'SH', 2),
		newNode('n5', 'end', '准予许可')
	);
	f.semantics.edges.push(
		newEdge('e1', 'n1', 'n2'),
		newEdge('e2', 'n2', 'n3'),
		{ ...decide, outcome: '同意' },
		{ ...back, outcome: '退回' },
		newEdge('e5', 'n4', 'n5')
	);
	return f;
}

function formDocument(code: string): FormDocument {
	const f = emptyForm(code, '申请书');
	f.fields.push(
		{ id: 'name', kind: 'text', label: '申请人名称', help: '', required: true },
		{ id: 'address', kind: 'text', label: '经营场所', help: '', required: true }
	);
	return f;
}

const APPLICATION = { name: '示例县某某食品店', address: '示例县城关镇人民路 1 号' };

interface RunnerFixture {
	db: Db;
	checkpointer: WalCheckpointer;
	root: string;
	clock: FakeClock;
	code: string;
	officer: ServiceContext;
	applicant: ServiceContext;
}

async function runnerFixture(dir: string): Promise<RunnerFixture> {
	const db = openDatabase(join(dir, 'runner.db'));
	migrate(db);
	const clock = new FakeClock();
	await seedDemoIfEmpty(db, clock);
	const as = (username: string): ServiceContext => {
		const u = getUserRowByUsername(db, username)!;
		return {
			db,
			clock,
			actor: { id: u.id, name: username, roles: rolesOf(db, u.id) },
			ip: '10.0.0.1'
		};
	};
	const editor = as('editor');
	const source = JSON.parse(readFileSync('flows/catalogue/990001-SCJG-XK-0001.json', 'utf8'));
	const content = normalizeContent({ ...source.content, statutoryDays: 20, promisedDays: 10 });
	const { entryId, code } = createEntry(editor, content);
	saveDesign(editor, entryId, 'flow', 0, flowDocument(code));
	saveDesign(editor, entryId, 'form', 0, formDocument(code));
	submit(editor, entryId);
	const root = join(dir, 'generated');
	await approveItemVersion(as('legal'), entryId, root);
	const nodes = Object.keys(loadFrozenDefinition(editor, root, code).definition.nodes).length;
	if (nodes !== 5) throw new Error(`the frozen flow has ${nodes} nodes, not 5`);
	const applicant: ServiceContext = {
		db,
		clock,
		actor: { id: null, name: 'applicant', roles: [] },
		ip: '10.0.0.2'
	};
	// As the server does (app.ts): WAL checkpoints on their own thread, not inside a commit.
	const checkpointer = startWalCheckpointer(db);
	return { db, checkpointer, root, clock, code, officer: as('officer'), applicant };
}

const setSync = (db: Db, mode: Sync) => db.pragma(`synchronous = ${mode}`);

const countPending = (db: Db) =>
	(
		db.prepare('SELECT COUNT(*) AS n FROM notifications WHERE delivered_at IS NULL').get() as {
			n: number;
		}
	).n;

function submitCase(f: RunnerFixture): string {
	return submitApplication(f.applicant, f.root, {
		code: f.code,
		data: APPLICATION,
		applicant: { name: APPLICATION.name }
	}).caseNo;
}

const openTask = (s: CaseState) =>
	s.tasks.find((t) => t.status === 'open' || t.status === 'claimed')?.id ?? '';

/** The case's next event (step 0…4), given its state after the previous one. */
function nextEvent(step: number, state: CaseState | null): RunnerEvent {
	switch (step) {
		case 0:
			return { type: 'accept', opinion: '材料齐全，予以受理' };
		case 1:
		case 3:
			return { type: 'claim', task: openTask(state!) };
		case 2:
			return { type: 'complete', task: openTask(state!), outcome: '同意', opinion: '审查通过' };
		default:
			return { type: 'complete', task: openTask(state!), opinion: '准予许可' };
	}
}

/**
 * The delivery pass the events scheduled (it would run once this synchronous loop yields): run
 * here, inside the timed window, so delivering the notifications is still counted.
 */
const deliver = (f: RunnerFixture) => deliverPending(f.db, f.clock.now());

/**
 * Submits `count` cases (untimed, their receipts delivered), then applies all their events, step
 * by step across the cases (every case accepted, then every first task claimed, …), each
 * `applyEvent` timed, and the delivery of their notifications.
 */
function runnerTransitions(f: RunnerFixture, count: number, mode: Sync) {
	setSync(f.db, 'NORMAL');
	const caseNos = Array.from({ length: count }, () => submitCase(f));
	deliver(f);
	const states: (CaseState | null)[] = caseNos.map(() => null);
	setSync(f.db, mode);
	const latencies: number[] = [];
	const start = process.hrtime.bigint();
	for (let step = 0; step < STEPS; step++)
		for (let i = 0; i < count; i++) {
			const t0 = process.hrtime.bigint();
			states[i] = applyEvent(f.officer, f.root, caseNos[i]!, nextEvent(step, states[i]!)).state;
			latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
		}
	const delivered = deliver(f);
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	setSync(f.db, 'NORMAL');
	for (const s of states)
		if (s?.status !== 'closed' || s.closure?.outcome !== 'approve')
			throw new Error(`a case ended ${s?.status}/${s?.closure?.outcome}, not closed/approve`);
	return {
		perSecond: (count * STEPS) / seconds,
		latencies,
		delivered,
		sample: JSON.stringify(states[0])
	};
}

/** Whole cases one after the other: submit, then its five events; then their notifications delivered. */
function runnerInstances(f: RunnerFixture, count: number): number {
	setSync(f.db, 'NORMAL');
	const start = process.hrtime.bigint();
	for (let i = 0; i < count; i++) {
		const caseNo = submitCase(f);
		let state: CaseState | null = null;
		for (let step = 0; step < STEPS; step++)
			state = applyEvent(f.officer, f.root, caseNo, nextEvent(step, state)).state;
		if (state?.status !== 'closed') throw new Error(`case ${caseNo} ended ${state?.status}`);
	}
	deliver(f);
	return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

// ── the raw limit ────────────────────────────────────────────────────────────

interface RawFixture {
	db: Db;
	checkpointer: WalCheckpointer;
	rows: number;
	prev: string;
	seq: number;
}

function rawFixture(dir: string, rows: number): RawFixture {
	const db = openDatabase(join(dir, 'raw.db'));
	db.exec(`CREATE TABLE raw_state (id INTEGER PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL);
		CREATE TABLE raw_chain (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`);
	const ins = db.prepare('INSERT INTO raw_state (id, state, version) VALUES (?, ?, 0)');
	db.transaction(() => {
		for (let id = 1; id <= rows; id++) ins.run(id, '{}');
	})();
	// The same checkpointing as the runner's database, so the two differ only in what they commit.
	return { db, checkpointer: startWalCheckpointer(db), rows, prev: '0'.repeat(64), seq: 0 };
}

/** `count` commits, each one UPDATE of a state row plus one chained INSERT, each timed. */
function rawTransitions(r: RawFixture, count: number, mode: Sync, state: string) {
	setSync(r.db, mode);
	const update = r.db.prepare('UPDATE raw_state SET state = ?, version = version + 1 WHERE id = ?');
	const insert = r.db.prepare(
		'INSERT INTO raw_chain (seq, payload, prev_hash, hash) VALUES (?, ?, ?, ?)'
	);
	const commit = r.db.transaction((id: number) => {
		update.run(state, id);
		const seq = ++r.seq;
		const payload = `{"action":"task.completed","objectId":"${id}","seq":${seq}}`;
		const hash = createHash('sha256')
			.update(r.prev + payload)
			.digest('hex');
		insert.run(seq, payload, r.prev, hash);
		r.prev = hash;
	});
	const latencies: number[] = [];
	const start = process.hrtime.bigint();
	for (let i = 0; i < count; i++) {
		const t0 = process.hrtime.bigint();
		commit.immediate((i % r.rows) + 1);
		latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
	}
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	setSync(r.db, 'NORMAL');
	return { perSecond: count / seconds, latencies };
}

// ── the peer: bpmn-engine ────────────────────────────────────────────────────

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="bench" targetNamespace="http://sunlit.example/bench">
  <process id="licence" isExecutable="true">
    <startEvent id="n1" name="受理" />
    <sequenceFlow id="e1" sourceRef="n1" targetRef="n2" />
    <userTask id="n2" name="审查" />
    <sequenceFlow id="e2" sourceRef="n2" targetRef="n3" />
    <exclusiveGateway id="n3" name="是否准予" />
    <sequenceFlow id="e3" name="同意" sourceRef="n3" targetRef="n4">
      <conditionExpression xsi:type="tFormalExpression">\${environment.output.approved}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="e4" name="退回" sourceRef="n3" targetRef="n2">
      <conditionExpression xsi:type="tFormalExpression">\${environment.output.sentBack}</conditionExpression>
    </sequenceFlow>
    <userTask id="n4" name="决定" />
    <sequenceFlow id="e5" sourceRef="n4" targetRef="n5" />
    <endEvent id="n5" name="准予许可" />
  </process>
</definitions>`;

/** What the peer's listener hands back at a user task: enough to set the outcome and signal. */
interface WaitingTask {
	id: string;
	environment: { output: Record<string, unknown> };
	signal(message?: unknown): void;
}

interface PeerFixture {
	db: Db;
	moddleContext: unknown;
	next: number;
}

async function peerFixture(dir: string): Promise<PeerFixture> {
	const db = openDatabase(join(dir, 'peer.db'));
	db.exec(
		'CREATE TABLE bpmn_instances (id INTEGER PRIMARY KEY, state TEXT NOT NULL, updated_at TEXT NOT NULL)'
	);
	// Parsed once: each instance starts from the parsed model, not from the XML.
	const moddleContext = await new BpmnModdle().fromXML(BPMN);
	return { db, moddleContext, next: 1 };
}

/** Whole instances one after the other, the engine's state saved after every step. */
async function peerInstances(p: PeerFixture, count: number): Promise<number> {
	setSync(p.db, 'NORMAL');
	const save = p.db.prepare(
		`INSERT INTO bpmn_instances (id, state, updated_at) VALUES (?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`
	);
	const persist = async (id: number, engine: Engine) => {
		const state = JSON.stringify(await engine.getState());
		p.db.transaction(() => save.run(id, state, new Date().toISOString())).immediate();
	};
	const start = process.hrtime.bigint();
	for (let i = 0; i < count; i++) {
		const id = p.next++;
		const engine = new Engine({ name: `case-${id}`, moddleContext: p.moddleContext });
		const listener = new EventEmitter();
		let waiting: WaitingTask | null = null;
		listener.on('wait', (api: WaitingTask) => (waiting = api));
		let ended = false;
		engine.once('end', () => (ended = true));
		await engine.execute({ listener });
		await persist(id, engine);
		for (const [node, output] of [
			['n2', { approved: true, sentBack: false }],
			['n4', {}]
		] as const) {
			const task = waiting as WaitingTask | null;
			if (task?.id !== node) throw new Error(`peer waits at ${task?.id}, not ${node}`);
			waiting = null;
			Object.assign(task.environment.output, output);
			task.signal({ opinion: '已办理' });
			await persist(id, engine);
		}
		if (!ended || engine.state !== 'idle') throw new Error(`peer instance ${id} did not end`);
	}
	return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

// ── the suite ────────────────────────────────────────────────────────────────

export const runner: Suite = {
	name: 'runner',
	async run({ log }) {
		const dir = mkdtempSync(join(tmpdir(), 'sunlit-bench-runner-'));
		try {
			const f = await runnerFixture(dir);
			const raw = rawFixture(dir, CASES);
			const peer = await peerFixture(dir);
			log(
				`${ROUNDS} rounds after a warm-up: ${CASES} cases × ${STEPS} transitions per mode, ` +
					`${RUNNER_INSTANCES} whole cases, ${PEER_INSTANCES} peer instances`
			);
			const r = { NORMAL: [] as number[], FULL: [] as number[] };
			const lim = { NORMAL: [] as number[], FULL: [] as number[] };
			const p99 = { NORMAL: [] as number[], FULL: [] as number[] };
			const p50Full: number[] = [];
			const rawP99Full: number[] = [];
			const instances: number[] = [];
			const peers: number[] = [];
			let state = '';
			const notified: number[] = [];
			for (let round = 0; round <= ROUNDS; round++) {
				const measured = round > 0;
				// A new day per round: case numbers stay 4-digit and time never runs backwards.
				f.clock.advance(86_400_000);
				const modes: Sync[] = round % 2 ? ['NORMAL', 'FULL'] : ['FULL', 'NORMAL'];
				for (const mode of modes) {
					// The raw limit writes a state row as long as a closed case's (taken in the
					// warm-up, where the runner goes first); odd rounds time the raw limit first.
					const rawRun = () => rawTransitions(raw, CASES * STEPS, mode, state);
					const rawFirst = round % 2 === 1 ? rawRun() : undefined;
					const t = runnerTransitions(f, CASES, mode);
					if (countPending(f.db) > 0) throw new Error('notifications left undelivered');
					notified.push(t.delivered / (CASES * STEPS));
					state ||= t.sample;
					const limit = rawFirst ?? rawRun();
					if (!measured) continue;
					r[mode].push(t.perSecond);
					lim[mode].push(limit.perSecond);
					if (mode === 'FULL') rawP99Full.push(percentile(limit.latencies, 99));
					p99[mode].push(percentile(t.latencies, 99));
					if (mode === 'FULL') p50Full.push(percentile(t.latencies, 50));
				}
				const order = round % 2 ? [false, true] : [true, false];
				for (const peerFirst of order) {
					if (peerFirst) {
						const v = await peerInstances(peer, PEER_INSTANCES);
						if (measured) peers.push(v);
					} else {
						const v = runnerInstances(f, RUNNER_INSTANCES);
						if (measured) instances.push(v);
					}
				}
				if (measured)
					log(
						`round ${round}: runner ${r.NORMAL.at(-1)!.toFixed(0)} / ${r.FULL.at(-1)!.toFixed(0)} per s ` +
							`(raw ${lim.NORMAL.at(-1)!.toFixed(0)} / ${lim.FULL.at(-1)!.toFixed(0)}), ` +
							`FULL p99 ${p99.FULL.at(-1)!.toFixed(2)} ms, ` +
							`${instances.at(-1)!.toFixed(0)} cases/s vs peer ${peers.at(-1)!.toFixed(1)}`
					);
			}
			const chain = verifyAuditChain(f.db);
			if (!chain.ok) throw new Error(`audit chain broken at ${chain.firstBreak?.seq}`);
			log(
				`audit chain verified: ${chain.checked} records; state row ${state.length} bytes; ` +
					`${median(notified).toFixed(2)} notifications per transition, delivered after the ` +
					'batch by one delivery pass (claimed in transactions of up to 100)'
			);
			const runnerN = median(r.NORMAL);
			const runnerF = median(r.FULL);
			const rawN = median(lim.NORMAL);
			const rawF = median(lim.FULL);
			const inst = median(instances);
			const peerInst = median(peers);
			const p99Full = median(p99.FULL);
			// Ratios pair the measurements of one round (taken minutes apart on a busy machine, the
			// rounds' load differs more than two neighbouring measurements'): median of the rounds'.
			const ratio = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]!));
			const toRawN = ratio(r.NORMAL, lim.NORMAL);
			const toRawF = ratio(r.FULL, lim.FULL);
			const toPeer = ratio(instances, peers);
			const figures: Figure[] = [
				{ name: 'runner.transitions_per_s_normal', value: runnerN, unit: '/s' },
				{ name: 'runner.transitions_per_s_full', value: runnerF, unit: '/s' },
				{ name: 'runner.commit_p50_ms_full', value: median(p50Full), unit: 'ms' },
				{ name: 'runner.commit_p99_ms_full', value: p99Full, unit: 'ms' },
				{ name: 'runner.commit_p99_ms_normal', value: median(p99.NORMAL), unit: 'ms' },
				{ name: 'raw.transitions_per_s_normal', value: rawN, unit: '/s' },
				{ name: 'raw.transitions_per_s_full', value: rawF, unit: '/s' },
				{ name: 'raw.commit_p99_ms_full', value: median(rawP99Full), unit: 'ms' },
				{ name: 'runner.instances_per_s_normal', value: inst, unit: '/s' },
				{ name: 'peer.bpmn_engine.instances_per_s', value: peerInst, unit: '/s' },
				{ name: 'runner.ratio_to_raw_normal', value: toRawN, unit: '×' },
				{ name: 'runner.ratio_to_raw_full', value: toRawF, unit: '×' },
				{ name: 'runner.ratio_to_peer', value: toPeer, unit: '×' }
			];
			const goal = (ok: boolean) => (ok ? 'met' : 'NOT met');
			log(
				`goals: ≥ 50 % of raw: NORMAL ${toRawN.toFixed(2)} ${goal(toRawN >= 0.5)}, ` +
					`FULL ${toRawF.toFixed(2)} ${goal(toRawF >= 0.5)}; ` +
					`FULL p99 < 1 ms: ${p99Full.toFixed(2)} ms ${goal(p99Full < 1)} ` +
					`(raw limit ${median(rawP99Full).toFixed(2)} ms); ` +
					`≥ 50× bpmn-engine: ${toPeer.toFixed(1)}× ${goal(toPeer >= 50)}`
			);
			await Promise.all([f.checkpointer.stop(), raw.checkpointer.stop()]);
			f.db.close();
			raw.db.close();
			peer.db.close();
			return figures;
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
};
