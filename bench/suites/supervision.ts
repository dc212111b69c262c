/**
 * supervision.*: the supervision overview and a month of 绩效评估 over a county with 1,000,000
 * cases and 10,000,000 audit records, and the time to generate that data.
 *
 * Setup (timed as `supervision.generate_1m_s`): a temporary SQLite file migrated with the real
 * migrations, the demo county (`seedDemoIfEmpty`) and its 34 published demo entries
 * (`loadPublishedSources`); then, with prepared statements in transactions of 50,000 rows and
 * `journal_mode = OFF, synchronous = OFF, foreign_keys = OFF` for the generation only:
 *
 * - 1,000,000 cases over five years to the fixed day 2026-11-24 (submitted on working hours in
 *   Beijing, in submission order), each with a state text of about 2 KB like a real closed case.
 *   Mix: cases submitted in the last 30 days are mostly open, older ones stay open 1.5 % of the
 *   time (about 3 % open in all; open ones yellow or red by age); of the rest 94 % 办结 (90 %
 *   准予), 4 % 不予受理, 2 % withdrawn. Closed cases get working days drawn around the item's
 *   promised days (6 % late), `on_time` (null for a tenth of the offline and pushed ones), 补正
 *   (12 % once, 3 % twice). Origin 80 % engine, 15 % offline, 5 % pushed.
 * - The open cases' warnings (`case_warnings`) and, for late and stuck cases, exceptions.
 * - Evaluations of 30 % of decided cases (mostly 4–5), and complaints about 0.5 % of cases.
 * - 10,000,000 audit records, ten per case (submitted, accepted, claims and completions,
 *   closing), linked in the real hash chain: SHA-256 over the previous hash and the record's
 *   canonical JSON. The canonical JSON is written by a template instead of `canonicalJson`
 *   (the same bytes: checked against `recordHash` on a sample and by `verifyAuditChain` over the
 *   last 20,000 records). Records follow case by case, so their times are not globally ordered.
 *
 * Then the database is put back to the product's pragmas (WAL, NORMAL, foreign keys), analysed
 * (`PRAGMA optimize` as the server would) and measured: medians over ROUNDS runs after a warm-up.
 * Peers in the same rounds: the bare index count of the same month (the floor of any query of the
 * period) and the same count without the index (a table scan).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCatalogueSources } from '../../src/lib/server/catalogue/sources';
import { FakeClock } from '../../src/lib/server/clock';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';
import {
	recordHash,
	verifyAuditChain,
	type AuditRow
} from '../../src/lib/server/repositories/audit-repository';
import { loadPublishedSources } from '../../src/lib/server/services/catalogue-service';
import { SYSTEM_ACTOR } from '../../src/lib/server/services/context';
import { performance, performanceTrend } from '../../src/lib/server/services/performance-service';
import { seedDemoIfEmpty } from '../../src/lib/server/services/seed-service';
import { supervisionOverview } from '../../src/lib/server/services/supervision-service';
import { addDays } from '../../src/lib/domain/working-days';
import { monthPeriod, monthsEnding, periodBounds } from '../../src/lib/supervision/performance';
import { median, mulberry32, timed, type Figure, type Suite } from '../lib';

const CASES = Number(process.env.BENCH_SUPERVISION_CASES ?? 1_000_000);
const AUDIT_PER_CASE = 10;
const ROUNDS = 15;
const BATCH = 50_000;
/** The day the generated county stands on, and the month measured (the last whole one). */
const TODAY = '2026-11-24';
const MONTH = '2026-10';
const YEARS = 5;

interface Item {
	entryId: number;
	code: string;
	departmentId: number;
	promisedDays: number;
	weight: number;
}

const DAY_MS = 86_400_000;

function items(db: Db, rng: () => number): Item[] {
	const rows = db
		.prepare(
			`SELECT e.id, e.code, e.department_id AS d, v.content FROM catalogue_entries e
			 JOIN catalogue_versions v ON v.entry_id = e.id AND v.version = e.published_version
			 ORDER BY e.code`
		)
		.all() as { id: number; code: string; d: number; content: string }[];
	return rows.map((r) => ({
		entryId: r.id,
		code: r.code,
		departmentId: r.d,
		promisedDays: Math.max(1, Number(JSON.parse(r.content).promisedDays) || 10),
		// Some items are busy, most are not.
		weight: 0.2 + rng() ** 3 * 10
	}));
}

/**
 * State texts of about 2 KB, shaped like a closed case's (timeline, tasks, answers): three
 * variants written once, the case number and status put in per case.
 */
const STATE_PARTS = [1, 2, 3].map((opinions) => {
	const steps = ['申请', '受理', '审查', '决定', '办结'];
	const text = JSON.stringify({
		caseNo: '@NO@',
		status: '@STATUS@',
		seq: steps.length,
		data: { party: '某食品店', address: '示例县人民路 1 号', facts: '申请事项说明'.repeat(12) },
		timeline: steps.map((step, seq) => ({
			seq,
			step,
			action: seq === 0 ? '其他' : '通过',
			at: `2026-01-0${seq + 1}T02:00:00.000Z`,
			by: { id: 7, name: 'officer' },
			opinion: '材料齐全，符合法定形式，同意。'.repeat(opinions)
		})),
		tasks: [],
		clock: { running: false, pauses: [] }
	});
	const [a, rest] = text.split('@NO@') as [string, string];
	const [b, c] = rest.split('@STATUS@') as [string, string];
	return [a, b, c] as const;
});

function stateText(caseNo: string, status: string, rng: () => number): string {
	const [a, b, c] = STATE_PARTS[Math.floor(rng() * STATE_PARTS.length)]!;
	return a + caseNo + b + status + c;
}

const J = JSON.stringify;

export const supervision: Suite = {
	name: 'supervision',
	async run({ log }) {
		const dir = mkdtempSync(join(tmpdir(), 'sunlit-bench-supervision-'));
		const file = join(dir, 'bench.db');
		try {
			const figures: Figure[] = [];
			const started = process.hrtime.bigint();
			const db = openDatabase(file);
			migrate(db);
			const clock = new FakeClock(new Date(`${TODAY}T02:00:00.000Z`));
			await seedDemoIfEmpty(db, clock);
			loadPublishedSources({ db, clock, actor: SYSTEM_ACTOR, ip: null }, readCatalogueSources());
			const seededAudit = (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number })
				.n;
			generate(db, log);
			const generateS = Number(process.hrtime.bigint() - started) / 1e9;
			figures.push({ name: 'supervision.generate_1m_s', value: generateS, unit: 's' });
			log(
				`generated in ${generateS.toFixed(1)} s; file ${(statSync(file).size / 1e9).toFixed(2)} GB`
			);
			checkData(db, seededAudit, log);
			figures.push(...(await measure(db, log)));
			db.close();
			return figures;
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
};

function generate(db: Db, log: (m: string) => void): void {
	db.pragma('journal_mode = OFF');
	db.pragma('synchronous = OFF');
	db.pragma('foreign_keys = OFF');
	db.pragma('cache_size = -3000000');
	db.pragma('temp_store = MEMORY');
	const rng = mulberry32(20261124);
	const catalogue = items(db, rng);
	const totalWeight = catalogue.reduce((s, i) => s + i.weight, 0);
	const pickItem = () => {
		let x = rng() * totalWeight;
		for (const it of catalogue) if ((x -= it.weight) <= 0) return it;
		return catalogue[catalogue.length - 1]!;
	};
	const officer = db.prepare("SELECT id FROM users WHERE username = 'officer'").get() as {
		id: number;
	};
	const today = Date.parse(`${TODAY}T16:00:00.000Z`);
	const first = today - YEARS * 365 * DAY_MS;
	const spanDays = Math.round((today - first) / DAY_MS);

	const insertCase = db.prepare(
		`INSERT INTO cases (id, case_no, query_hash, entry_id, item_code, item_version, content_hash, channel,
			applicant_name, applicant_id, status, state, version, submitted_at, accepted_at, statutory_due,
			promised_due, closed_at, outcome, updated_at, origin, department_id, warning_level,
			working_days, on_time, supplements)
		 VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertWarning = db.prepare(
		`INSERT INTO case_warnings (case_id, scope, task, node, department_id, level, due, limit_days,
			used_days, on_day, raised_at) VALUES (?, 'promised', '', NULL, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertException = db.prepare(
		`INSERT INTO supervision_exceptions (key, type, severity, case_id, department_id, evidence,
			status, raised_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertEvaluation = db.prepare(
		'INSERT INTO evaluations (case_id, level, comment, created_at) VALUES (?, ?, ?, ?)'
	);
	const insertComplaint = db.prepare(
		`INSERT INTO complaints (complaint_no, query_hash, kind, subject, item_code, case_id,
			department_id, title, content, created_at, reply_due, status)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertAudit = db.prepare(
		`INSERT INTO audit_log (seq, at, actor_id, actor_name, role, action, object_type, object_id,
			payload, ip, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, 'case', ?, ?, NULL, ?, ?)`
	);
	const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
		seq: number;
		hash: string;
	};
	let seq = head.seq;
	let prev = head.hash;
	const audit = (
		at: number,
		actorId: number | null,
		actorName: string,
		role: string | null,
		action: string,
		caseNo: string,
		payload: string
	) => {
		seq++;
		const atIso = new Date(at).toISOString();
		// The bytes of canonicalJson(body) for this record (keys in sorted order).
		const canonical = `{"action":${J(action)},"actor_id":${actorId ?? 'null'},"actor_name":${J(actorName)},"at":"${atIso}","ip":null,"object_id":${J(caseNo)},"object_type":"case","payload":${J(payload)},"prev_hash":"${prev}","role":${role === null ? 'null' : J(role)},"seq":${seq}}`;
		const hash = createHash('sha256')
			.update(prev + canonical, 'utf8')
			.digest('hex');
		insertAudit.run(seq, atIso, actorId, actorName, role, action, caseNo, payload, prev, hash);
		prev = hash;
	};

	const counters = new Map<string, number>();
	let open = 0;
	let complaints = 0;
	let exceptions = 0;
	const hex = () =>
		Math.floor(rng() * 0x100000000)
			.toString(16)
			.padStart(8, '0');
	const tx = db.transaction((fromCase: number, toCase: number) => {
		for (let i = fromCase; i < toCase; i++) {
			const id = i + 1;
			const item = pickItem();
			// Submission: spread evenly over the span, on a weekday between 08:30 and 17:30 Beijing.
			let dayMs = first + Math.floor((i / CASES) * spanDays) * DAY_MS;
			const weekday = new Date(dayMs).getUTCDay();
			if (weekday === 6) dayMs -= DAY_MS;
			else if (weekday === 0) dayMs -= 2 * DAY_MS;
			const submitted = dayMs + 30 * 60_000 + Math.floor(rng() * 9 * 3600_000);
			const day = new Date(submitted + 8 * 3600_000).toISOString().slice(0, 10);
			const n = (counters.get(day) ?? 0) + 1;
			counters.set(day, n);
			const caseNo = `990001${day.replaceAll('-', '')}${String(n).padStart(4, '0')}`;
			const ageDays = (today - submitted) / DAY_MS;
			const r = rng();
			const origin = r < 0.8 ? 'engine' : r < 0.95 ? 'offline' : 'pushed';
			const channel = origin === 'offline' ? 'offline' : rng() < 0.6 ? 'online' : 'window';
			const promised = item.promisedDays;
			const stuck = ageDays < 30 ? rng() < 0.85 : rng() < 0.015;
			let status: string;
			let accepted: number | null = submitted + Math.floor(rng() * 1.5 * DAY_MS);
			let closed: number | null = null;
			let outcome: string | null = null;
			let wd: number | null = null;
			let onTime: number | null = null;
			let supplements = 0;
			let warning = 'none';
			const promisedDue = addDays(day, Math.ceil((promised * 7) / 5));
			if (stuck) {
				open++;
				const s = rng();
				status =
					s < 0.2 ? 'submitted' : s < 0.85 ? 'in_progress' : s < 0.95 ? 'supplement' : 'suspended';
				if (status === 'submitted') accepted = null;
				if (status === 'supplement') supplements = 1;
				const used = (ageDays * 5) / 7 / promised;
				warning = used >= 1 ? 'red' : used >= 0.8 ? 'yellow' : 'none';
				if (ageDays < 30 && warning === 'none' && rng() < 0.08) warning = 'yellow';
			} else {
				const s = rng();
				status = s < 0.94 ? 'closed' : s < 0.98 ? 'refused' : 'withdrawn';
				if (status === 'closed') {
					outcome = rng() < 0.9 ? 'approve' : 'deny';
					const late = rng() < 0.06;
					wd = late
						? promised + 1 + Math.floor(rng() * Math.max(2, promised))
						: Math.max(0, Math.round(promised * (0.25 + 0.75 * rng())));
					const sup = rng();
					supplements = sup < 0.85 ? 0 : sup < 0.97 ? 1 : 2;
					onTime = origin !== 'engine' && rng() < 0.1 ? null : wd <= promised ? 1 : 0;
					closed = accepted! + Math.round((wd * 7) / 5) * DAY_MS + Math.floor(rng() * 4 * 3600_000);
				} else if (status === 'refused') {
					outcome = 'refused';
					accepted = null;
					closed = submitted + Math.floor(rng() * 2 * DAY_MS);
				} else {
					outcome = 'withdrawn';
					closed = submitted + Math.floor(rng() * 5 * DAY_MS);
				}
				// A case the generator closed after today is one still open today.
				if (closed > today) {
					closed = null;
					outcome = null;
					wd = null;
					onTime = null;
					status = 'in_progress';
					open++;
				}
			}
			const at = (t: number | null) => (t === null ? null : new Date(t).toISOString());
			insertCase.run(
				id,
				caseNo,
				hex() + hex() + hex() + hex() + hex() + hex() + hex() + hex(),
				item.entryId,
				item.code,
				'c'.repeat(64),
				channel,
				`申请人${id % 5000}`,
				status,
				stateText(caseNo, status, rng),
				6,
				at(submitted),
				at(accepted),
				null,
				promisedDue,
				at(closed),
				outcome,
				at(closed ?? accepted ?? submitted),
				origin,
				item.departmentId,
				warning,
				wd,
				onTime,
				supplements
			);
			if (warning !== 'none') {
				insertWarning.run(
					id,
					item.departmentId,
					warning,
					promisedDue,
					promised,
					Math.round((ageDays * 5) / 7),
					TODAY,
					at(today - DAY_MS)
				);
				if (warning === 'red') {
					exceptions++;
					insertException.run(
						`overdue:${caseNo}`,
						'overdue',
						'high',
						id,
						item.departmentId,
						J({ caseNo, due: promisedDue }),
						'open',
						at(today - DAY_MS),
						null
					);
				}
			}
			if (onTime === 0 && rng() < 0.3) {
				exceptions++;
				insertException.run(
					`overdue:${caseNo}`,
					'overdue',
					'medium',
					id,
					item.departmentId,
					J({ caseNo, due: promisedDue }),
					'closed',
					at(closed),
					at(closed! + 3 * DAY_MS)
				);
			}
			if (closed !== null && status !== 'withdrawn' && rng() < 0.3) {
				const e = rng();
				const level = e < 0.55 ? 5 : e < 0.85 ? 4 : e < 0.94 ? 3 : e < 0.98 ? 2 : 1;
				insertEvaluation.run(id, level, level < 3 ? '办理太慢' : '', at(closed + DAY_MS));
			}
			if (rng() < 0.005) {
				complaints++;
				const t = submitted + Math.floor(rng() * 20 * DAY_MS);
				insertComplaint.run(
					`TS${caseNo}`,
					'q'.repeat(64),
					rng() < 0.8 ? 'complaint' : 'report',
					'case',
					item.code,
					id,
					item.departmentId,
					'办理拖延',
					'反映办件办理拖延，请核查。',
					at(Math.min(t, today - DAY_MS)),
					addDays(day, 20),
					rng() < 0.9 ? 'replied' : 'open'
				);
			}
			// Ten audit records per case along its life.
			const end = closed ?? Math.min(today - 3600_000, submitted + 20 * DAY_MS);
			const step = Math.max(60_000, Math.floor((end - submitted) / AUDIT_PER_CASE));
			const dataset = (k: number) =>
				k === 0
					? '申请信息'
					: k === 1
						? '事项受理'
						: k === AUDIT_PER_CASE - 1
							? '事项办结'
							: '事项办理';
			for (let k = 0; k < AUDIT_PER_CASE; k++) {
				const action =
					k === 0
						? 'case.submitted'
						: k === 1
							? status === 'refused'
								? 'case.refused'
								: 'case.accepted'
							: k === AUDIT_PER_CASE - 1 && closed !== null
								? `case.${status === 'closed' ? 'closed' : status}`
								: k % 2 === 0
									? 'task.claimed'
									: 'task.completed';
				const payload = `{"dataset":${J(dataset(k))},"seq":${k},"task":"t${k}"}`;
				if (k === 0) audit(submitted, null, 'anonymous', null, action, caseNo, payload);
				else audit(submitted + k * step, officer.id, 'officer', 'officer', action, caseNo, payload);
			}
		}
	});
	// Secondary indexes are dropped for the bulk load and built again after it (a sort per index
	// instead of a random B-tree insert per row); the product's schema is exactly restored.
	const indexes = db
		.prepare(
			`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
			 AND tbl_name IN ('cases', 'audit_log', 'case_warnings', 'supervision_exceptions', 'complaints')`
		)
		.all() as { name: string; sql: string }[];
	for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
	const t0 = Date.now();
	for (let from = 0; from < CASES; from += BATCH) {
		tx(from, Math.min(CASES, from + BATCH));
		if ((from / BATCH) % 2 === 1 || from + BATCH >= CASES)
			log(
				`${Math.min(CASES, from + BATCH).toLocaleString('en')} cases, ${(seq - head.seq).toLocaleString('en')} audit records (${((Date.now() - t0) / 1000).toFixed(0)} s)`
			);
	}
	log(`open ${open}, complaints ${complaints}, exceptions ${exceptions}`);
	const t1 = Date.now();
	for (const i of indexes) db.exec(i.sql);
	log(`${indexes.length} indexes built again in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	db.pragma('cache_size = -2000');
	db.pragma('optimize');
}

/** The generated data is what it claims: counts, the chain, and the template's bytes. */
function checkData(db: Db, seededAudit: number, log: (m: string) => void): void {
	const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
	const cases = count('SELECT COUNT(*) AS n FROM cases');
	const audits = count('SELECT COUNT(*) AS n FROM audit_log');
	if (cases !== CASES) throw new Error(`expected ${CASES} cases, found ${cases}`);
	if (audits !== seededAudit + CASES * AUDIT_PER_CASE)
		throw new Error(`expected ${CASES * AUDIT_PER_CASE} generated audit records, found ${audits}`);
	for (const row of db
		.prepare('SELECT * FROM audit_log WHERE seq % 99991 = 0 OR seq = ?')
		.all(audits) as AuditRow[])
		if (recordHash(row) !== row.hash) throw new Error(`audit record ${row.seq}: hash differs`);
	const tail = db.prepare('SELECT seq, hash FROM audit_log WHERE seq = ?').get(audits - 20_000) as {
		seq: number;
		hash: string;
	};
	const v = verifyAuditChain(db, tail);
	if (!v.ok || v.checked !== 20_000) throw new Error(`audit chain: ${J(v.firstBreak)}`);
	const open = count('SELECT COUNT(*) AS n FROM cases WHERE closed_at IS NULL');
	log(
		`checked: ${cases} cases (${((open / cases) * 100).toFixed(1)} % open), ${audits} audit records, chain tail verified`
	);
}

async function measure(db: Db, log: (m: string) => void): Promise<Figure[]> {
	const { from, to } = monthPeriod(MONTH);
	const { start, end } = periodBounds(from, to);
	const ids = (db.prepare('SELECT id FROM departments').all() as { id: number }[])
		.map((r) => r.id)
		.join(',');
	const runs: Record<string, () => unknown> = {
		monthly: () => performance(db, { from, to, by: 'department' }),
		monthly_item: () => performance(db, { from, to, by: 'item' }),
		trend_12m: () => performanceTrend(db, monthsEnding(MONTH, 12)),
		overview: () => supervisionOverview(db),
		// The floor: counting the month's closed cases from the index alone.
		raw_count: () =>
			db
				.prepare(
					`SELECT COUNT(*) FROM cases WHERE department_id IN (${ids})
					 AND closed_at IS NOT NULL AND closed_at >= ? AND closed_at < ?`
				)
				.pluck()
				.get(start, end),
		// What the same count costs without an index on the period (a full table scan).
		scan_count: () =>
			db
				.prepare('SELECT COUNT(*) FROM cases NOT INDEXED WHERE closed_at >= ? AND closed_at < ?')
				.pluck()
				.get(start, end)
	};
	const report = performance(db, { from, to, by: 'department' });
	log(
		`${MONTH}: received ${report.totals.received}, closed ${report.totals.closed}, refused ${report.totals.refused}, ` +
			`on time ${((report.totals.onTimeRate ?? 0) * 100).toFixed(1)} %, median ${report.totals.medianDays} d, ` +
			`satisfaction ${report.totals.satisfaction} (${report.totals.evaluations}), complaints ${report.totals.complaints}`
	);
	const bare = runs.raw_count!() as number;
	if (bare !== report.totals.closed + report.totals.refused + report.totals.withdrawn)
		throw new Error(`the index count ${bare} differs from the report's decided cases`);
	const samples: Record<string, number[]> = Object.fromEntries(
		Object.keys(runs).map((k) => [k, []])
	);
	const names = Object.keys(runs);
	for (let round = -1; round < ROUNDS; round++) {
		// Alternate the order so no query always runs on what another left in the cache.
		const order = round % 2 ? names : [...names].reverse();
		for (const name of order) {
			const { ms } = timed(runs[name]!);
			if (round >= 0) samples[name]!.push(ms);
		}
	}
	const m = (k: string) => median(samples[k]!);
	log(
		`overview ${m('overview').toFixed(2)} ms; ` +
			`goal < 150 ms: monthly ${m('monthly') < 150 ? 'met' : 'NOT met'}, overview ${m('overview') < 150 ? 'met' : 'NOT met'}`
	);
	return [
		{ name: 'supervision.monthly_ms', value: m('monthly'), unit: 'ms' },
		{ name: 'supervision.monthly_item_ms', value: m('monthly_item'), unit: 'ms' },
		{ name: 'supervision.trend_12m_ms', value: m('trend_12m'), unit: 'ms' },
		{
			name: 'supervision.overview_ms',
			value: m('overview'),
			unit: 'ms'
		},
		{ name: 'supervision.raw_month_count_ms', value: m('raw_count'), unit: 'ms' },
		{ name: 'supervision.scan_month_count_ms', value: m('scan_count'), unit: 'ms' },
		{ name: 'supervision.monthly_ratio_to_raw', value: m('monthly') / m('raw_count'), unit: 'x' }
	];
}
