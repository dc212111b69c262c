import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppError } from '../../src/lib/domain/errors';
import { readCatalogueSources } from '../../src/lib/server/catalogue/sources';
import { FakeClock } from '../../src/lib/server/clock';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';
import { loadPublishedSources } from '../../src/lib/server/services/catalogue-service';
import { SYSTEM_ACTOR } from '../../src/lib/server/services/context';
import { periodsSql } from '../../src/lib/server/repositories/performance-repository';
import { performance, performanceTrend } from '../../src/lib/server/services/performance-service';
import { seedDemoIfEmpty } from '../../src/lib/server/services/seed-service';
import { monthPeriod, monthsEnding } from '../../src/lib/supervision/performance';
import { signIn } from '../factories/http';

/** 绩效评估 on a database of known cases, and its Excel download on the running server. */
const base = inject('serverUrl');
const serverDb = inject('serverDb');
const dir = mkdtempSync(join(tmpdir(), 'sunlit-perf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const A = '990001-SCJG-CF-0001';
const B = '990001-SCJG-XK-0001';
const Z = '990001-ZRZY-XK-0001';

interface Fixture {
	item: string;
	status?: string;
	submitted: string;
	closed?: string | null;
	wd?: number | null;
	onTime?: number | null;
	supplements?: number;
	level?: number;
}

/** Plain rows as the runner leaves them; `department_id` is left to the insert trigger. */
function fixtures(db: Db, prefix: string, rows: Fixture[]): void {
	const entry = db.prepare('SELECT id FROM catalogue_entries WHERE code = ?');
	const insert = db.prepare(
		`INSERT INTO cases (case_no, query_hash, entry_id, item_code, item_version, content_hash, channel,
			applicant_name, status, state, version, submitted_at, accepted_at, closed_at, outcome, updated_at,
			working_days, on_time, supplements)
		 VALUES (?, 'x', ?, ?, 1, 'h', 'window', '某店', ?, '{}', 1, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const evaluate = db.prepare(
		`INSERT INTO evaluations (case_id, level, created_at) VALUES (?, ?, ?)`
	);
	rows.forEach((r, i) => {
		const { id } = entry.get(r.item) as { id: number };
		const status = r.status ?? (r.closed ? 'closed' : 'in_progress');
		const caseId = insert.run(
			`${prefix}${String(i).padStart(4, '0')}`,
			id,
			r.item,
			status,
			r.submitted,
			r.submitted,
			r.closed ?? null,
			r.closed ? 'approve' : null,
			r.closed ?? r.submitted,
			r.wd ?? null,
			r.onTime ?? null,
			r.supplements ?? 0
		).lastInsertRowid;
		if (r.level) evaluate.run(caseId, r.level, r.closed);
	});
}

function complaint(db: Db, no: string, dept: string, item: string | null, at: string) {
	db.prepare(
		`INSERT INTO complaints (complaint_no, query_hash, kind, subject, item_code, department_id, title,
			content, created_at, reply_due)
		 VALUES (?, 'x', 'complaint', ?, ?, (SELECT id FROM departments WHERE code = ?), '标题', '内容', ?, '2099-01-01')`
	).run(no, item ? 'item' : 'department', item, dept, at);
}

/** November 2026 in Beijing: 2026-10-31T16:00Z ≤ t < 2026-11-30T16:00Z. */
const NOV: Fixture[] = [
	// Received in November, still open.
	{ item: A, submitted: '2026-11-03T02:00:00.000Z' },
	// Submitted 00:00 on 11-01 in Beijing (16:00 UTC the day before): counts.
	{ item: A, submitted: '2026-10-31T16:00:00.000Z' },
	// 23:59:59 on 10-31 in Beijing: does not count as received in November.
	{ item: A, submitted: '2026-10-31T15:59:59.999Z' },
	// Closed in November: 2, 4, 9, 5 working days; on time, on time, late, no promised date.
	{
		item: A,
		submitted: '2026-11-02T01:00:00.000Z',
		closed: '2026-11-04T02:00:00.000Z',
		wd: 2,
		onTime: 1,
		level: 5
	},
	{
		item: A,
		submitted: '2026-10-20T01:00:00.000Z',
		closed: '2026-11-10T02:00:00.000Z',
		wd: 4,
		onTime: 1,
		supplements: 2,
		level: 3
	},
	{
		item: B,
		submitted: '2026-10-12T01:00:00.000Z',
		closed: '2026-11-30T15:59:59.000Z',
		wd: 9,
		onTime: 0
	},
	{
		item: B,
		submitted: '2026-11-05T01:00:00.000Z',
		closed: '2026-11-12T02:00:00.000Z',
		wd: 5,
		onTime: null
	},
	// Closed 00:00 on 12-01 in Beijing: December, not November.
	{
		item: B,
		submitted: '2026-11-05T01:00:00.000Z',
		closed: '2026-11-30T16:00:00.000Z',
		wd: 20,
		onTime: 0,
		level: 1
	},
	// 不予受理 and withdrawn in November.
	{
		item: A,
		status: 'refused',
		submitted: '2026-11-06T01:00:00.000Z',
		closed: '2026-11-06T05:00:00.000Z',
		level: 2
	},
	{
		item: B,
		status: 'withdrawn',
		submitted: '2026-11-07T01:00:00.000Z',
		closed: '2026-11-08T05:00:00.000Z'
	},
	// Another month entirely, with an evaluation: must not count.
	{
		item: A,
		submitted: '2026-09-01T01:00:00.000Z',
		closed: '2026-09-10T02:00:00.000Z',
		wd: 7,
		onTime: 1,
		level: 1
	},
	// Another department.
	{
		item: Z,
		submitted: '2026-11-09T01:00:00.000Z',
		closed: '2026-11-20T02:00:00.000Z',
		wd: 8,
		onTime: 1,
		level: 4
	}
];

let db: Db;
beforeAll(async () => {
	db = openDatabase(join(dir, 'p.db'));
	migrate(db);
	const clock = new FakeClock();
	await seedDemoIfEmpty(db, clock);
	loadPublishedSources({ db, clock, actor: SYSTEM_ACTOR, ip: null }, readCatalogueSources());
	fixtures(db, '9900012026', NOV);
	complaint(db, 'TS1', 'SCJG', A, '2026-11-15T01:00:00.000Z');
	complaint(db, 'TS2', 'SCJG', null, '2026-10-31T16:00:00.000Z');
	complaint(db, 'TS3', 'SCJG', A, '2026-10-31T15:00:00.000Z');
	complaint(db, 'TS4', 'ZRZY', Z, '2026-11-30T16:00:00.000Z');
});
afterAll(() => db.close());

describe('performance()', () => {
	it('counts a department’s month by the Beijing-day bounds', () => {
		const r = performance(db, { from: '2026-11-01', to: '2026-11-30', by: 'department' });
		const scjg = r.rows.find((x) => x.code === 'SCJG')!;
		expect(scjg.name).toBe('县市场监督管理局');
		expect(scjg).toMatchObject({
			// 7 submitted in November (the 10-31 15:59:59.999Z one is October).
			received: 7,
			closed: 4,
			refused: 1,
			withdrawn: 1,
			onTime: 2,
			timed: 3,
			supplemented: 1,
			// (2 + 4 + 9 + 5) / 4 = 5; the middle of 2, 4, 5, 9 is 4.5.
			meanDays: 5,
			medianDays: 4.5,
			// Levels 5, 3 and 2 (the refused case); not the September case, nor the December one.
			evaluations: 3,
			satisfaction: 3.33,
			complaints: 2
		});
		expect(scjg.onTimeRate).toBeCloseTo(2 / 3);
		expect(scjg.supplementRate).toBeCloseTo(1 / 4);
		expect(scjg.refusalRate).toBeCloseTo(1 / 5);
		expect(scjg.satisfiedRate).toBeCloseTo(1 / 3);
		const zrzy = r.rows.find((x) => x.code === 'ZRZY')!;
		expect(zrzy).toMatchObject({ received: 1, closed: 1, medianDays: 8, complaints: 0 });
		// Departments answering for no item and with no cases are left out.
		expect(r.rows.some((x) => x.code === 'JCJ')).toBe(false);
		expect(r.totals).toMatchObject({ received: 8, closed: 5, refused: 1, complaints: 2 });
		// 2, 4, 5, 8, 9.
		expect(r.totals.medianDays).toBe(5);
		expect(r.totals.meanDays).toBe(5.6);
	});

	it('splits by item, optionally within one department', () => {
		const r = performance(db, {
			from: '2026-11-01',
			to: '2026-11-30',
			by: 'item',
			department: 'SCJG'
		});
		expect(r.department).toEqual({ code: 'SCJG', name: '县市场监督管理局' });
		expect(r.rows.map((x) => x.code)).toEqual([A, B]);
		const a = r.rows[0]!;
		expect(a.name).not.toBe(A);
		expect(a).toMatchObject({ received: 4, closed: 2, refused: 1, medianDays: 3, complaints: 1 });
		expect(r.rows[1]).toMatchObject({ received: 3, closed: 2, withdrawn: 1, complaints: 0 });
		// The complaint about the department itself is in the totals, not in an item.
		expect(r.totals).toMatchObject({ received: 7, closed: 4, complaints: 2 });
	});

	it('takes any period of days, and one day is one Beijing day', () => {
		const day = performance(db, { from: '2026-11-01', to: '2026-11-01', by: 'department' });
		expect(day.totals.received).toBe(1);
		const dec = performance(db, { from: '2026-12-01', to: '2026-12-31', by: 'department' });
		expect(dec.totals).toMatchObject({ received: 0, closed: 1, medianDays: 20, evaluations: 1 });
		const empty = performance(db, { from: '2030-01-01', to: '2030-01-31', by: 'item' });
		expect(empty.rows).toEqual([]);
		expect(empty.totals).toMatchObject({ received: 0, onTimeRate: null, medianDays: null });
	});

	it('gives a monthly trend and refuses an unknown department', () => {
		const trend = performanceTrend(db, ['2026-09', '2026-10', '2026-11'], 'SCJG');
		expect(trend.map((p) => [p.month, p.received, p.closed])).toEqual([
			['2026-09', 1, 1],
			['2026-10', 3, 0],
			['2026-11', 7, 4]
		]);
		expect(() =>
			performance(db, { from: '2026-11-01', to: '2026-11-30', by: 'item', department: 'NOPE' })
		).toThrow(AppError);
	});

	it('gives each month of the trend the totals of that month’s report', () => {
		// Fourteen months of 2028–2029 (no other fixture is there), May and June 2028 left empty.
		const months = monthsEnding('2029-02', 14);
		const empty = new Set(['2028-05', '2028-06']);
		let seed = 20280101;
		const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
		/** The first (or last) instant of a China date: Beijing midnight is 16:00 UTC the day before. */
		const edge = (date: string, which: 'first' | 'last') => {
			const d = new Date(`${date}T00:00:00.000Z`);
			if (which === 'last') return `${date}T15:59:59.999Z`;
			d.setUTCDate(d.getUTCDate() - 1);
			return `${d.toISOString().slice(0, 10)}T16:00:00.000Z`;
		};
		/** A time in the month, on its edges in Beijing, or written as a department may push it. */
		const timeIn = (month: string): string => {
			const { from, to } = monthPeriod(month);
			const day = `${month}-${String(1 + Math.floor(rnd() * Number(to.slice(8)))).padStart(2, '0')}`;
			return pick([
				`${day}T0${Math.floor(rnd() * 10)}:1${Math.floor(rnd() * 10)}:00.000Z`,
				edge(from, 'first'),
				edge(to, 'last'),
				// Offset and short forms are stored as pushed and compared as text, like the rest.
				`${day}T23:30+08:00`,
				`${day}T16:00:00Z`
			]);
		};
		const busy = months.filter((m) => !empty.has(m));
		const rows: Fixture[] = [];
		for (let i = 0; i < 160; i++) {
			const submittedIn = pick(busy);
			const later = busy.filter((m) => m >= submittedIn);
			const fate = pick(['open', 'closed', 'closed', 'closed', 'refused', 'withdrawn']);
			const closed = fate === 'open' ? null : timeIn(pick(later));
			const submitted = timeIn(submittedIn);
			rows.push({
				item: pick([A, A, B, Z]),
				status: fate === 'open' ? undefined : fate,
				submitted: closed && submitted > closed ? closed : submitted,
				closed,
				wd: fate === 'closed' && rnd() < 0.9 ? Math.floor(rnd() * 25) : null,
				onTime: fate === 'closed' ? pick([0, 1, 1, null]) : null,
				supplements: pick([0, 0, 0, 1, 2]),
				level: closed && rnd() < 0.4 ? 1 + Math.floor(rnd() * 5) : undefined
			});
		}
		fixtures(db, '9900012028', rows);
		for (let i = 0; i < 30; i++)
			complaint(
				db,
				`TT${i}`,
				pick(['SCJG', 'ZRZY', 'NOPE']),
				pick([A, Z, null]),
				timeIn(pick(busy))
			);

		const monthByMonth = (department?: string) =>
			months.map((month) => ({
				month,
				...performance(db, { ...monthPeriod(month), by: 'department', department }).totals
			}));
		for (const department of [undefined, 'SCJG', 'ZRZY']) {
			const trend = performanceTrend(db, months, department);
			expect(trend).toEqual(monthByMonth(department));
			// Not trivially equal: the busy months have figures, the empty ones none.
			expect(trend.filter((p) => p.received > 0).length).toBeGreaterThan(6);
			expect(trend.filter((p) => p.closed > 0 && p.medianDays !== null).length).toBeGreaterThan(6);
			for (const p of trend.filter((p) => empty.has(p.month)))
				expect(p).toMatchObject({ received: 0, closed: 0, medianDays: null, complaints: 0 });
		}
		const all = performanceTrend(db, months);
		expect(all.reduce((s, p) => s + p.complaints, 0)).toBeGreaterThan(
			performanceTrend(db, months, 'SCJG').reduce((s, p) => s + p.complaints, 0)
		);
		expect(all.reduce((s, p) => s + p.evaluations, 0)).toBeGreaterThan(0);
		expect(performanceTrend(db, [])).toEqual([]);
		expect(() => performanceTrend(db, months, 'NOPE')).toThrow(AppError);
	});

	it('reads the period through the supervision indexes', () => {
		const plan = (sql: string) =>
			(db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('a', 'b') as { detail: string }[])
				.map((r) => r.detail)
				.join('\n');
		expect(
			plan(
				'SELECT department_id, COUNT(*) FROM cases WHERE department_id IN (1,2) AND submitted_at >= ? AND submitted_at < ? GROUP BY department_id'
			)
		).toMatch(/COVERING INDEX cases_department_submitted/);
		expect(
			plan(
				'SELECT COUNT(*) FROM cases WHERE department_id IN (1,2) AND closed_at IS NOT NULL AND closed_at >= ? AND closed_at < ?'
			)
		).toMatch(/INDEX cases_department_closed/);
	});

	it('reads the trend’s months each through its own index range, in one query', () => {
		const months = JSON.stringify([
			['2026-08-31T16:00:00.000Z', '2026-09-30T16:00:00.000Z'],
			['2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z']
		]);
		const plan = (sql: string) =>
			(db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(months) as { detail: string }[])
				.map((r) => r.detail)
				.join('\n');
		// The months are the outer loop; each is a range of the period index, per department.
		expect(plan(periodsSql.received([1, 2]))).toMatch(
			/json_each[^]*SEARCH c USING COVERING INDEX cases_department_submitted \(department_id=\? AND submitted_at>\? AND submitted_at<\?\)/
		);
		expect(plan(periodsSql.decided([1, 2]))).toMatch(
			/json_each[^]*SEARCH c USING INDEX cases_department_closed \(department_id=\? AND closed_at>\? AND closed_at<\?\)/
		);
		expect(plan(periodsSql.complaints([1, 2]))).toMatch(
			/json_each[^]*SEARCH c USING (?:COVERING )?INDEX complaints_department \(department_id=\? AND created_at>\? AND created_at<\?\)/
		);
		expect(plan(periodsSql.complaintsWithoutDepartment)).toMatch(
			/json_each[^]*SEARCH c USING (?:COVERING )?INDEX complaints_department \(department_id=\? AND created_at>\? AND created_at<\?\)/
		);
	});
});

describe('GET /supervision/performance.xlsx', () => {
	it('answers the same figures as a workbook, to supervisors only', async () => {
		const sdb = openDatabase(serverDb);
		// A month of its own on the shared server database.
		fixtures(sdb, '9900012031', [
			{
				item: A,
				submitted: '2031-03-02T01:00:00.000Z',
				closed: '2031-03-05T02:00:00.000Z',
				wd: 3,
				onTime: 1,
				level: 4
			},
			{
				item: A,
				submitted: '2031-03-03T01:00:00.000Z',
				closed: '2031-03-12T02:00:00.000Z',
				wd: 7,
				onTime: 0
			},
			{ item: Z, submitted: '2031-03-04T01:00:00.000Z' }
		]);
		const expected = performance(sdb, { from: '2031-03-01', to: '2031-03-31', by: 'department' });
		sdb.close();

		const anonymous = await fetch(`${base}/supervision/performance.xlsx?month=2031-03`, {
			redirect: 'manual'
		});
		expect(anonymous.status).not.toBe(200);
		const cookie = await signIn(base, 'supervisor', 'demo-supervisor-2026');
		const res = await fetch(
			`${base}/supervision/performance.xlsx?from=2031-03-01&to=2031-03-31&by=department`,
			{ headers: { cookie } }
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('spreadsheetml');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		const ws = wb.worksheets[0]!;
		expect(String(ws.getCell('A1').value)).toContain('2031-03-01');
		expect(String(ws.getCell('A1').value)).toContain('2031-03-31');
		// Row 3 holds the headers; then one row per department; then 合计.
		const headers = (ws.getRow(3).values as unknown[]).slice(1).map(String);
		expect(headers.slice(0, 4)).toEqual(['部门', '收件数', '办结数', '不予受理数']);
		const col = (h: string) => headers.indexOf(h) + 1;
		const scjgRow = [...Array(ws.rowCount).keys()]
			.map((i) => ws.getRow(i + 1))
			.find((r) => r.getCell(1).value === '县市场监督管理局')!;
		expect(scjgRow.getCell(col('收件数')).value).toBe(2);
		expect(scjgRow.getCell(col('办结数')).value).toBe(2);
		expect(scjgRow.getCell(col('平均办理工作日')).value).toBe(5);
		expect(scjgRow.getCell(col('中位办理工作日')).value).toBe(5);
		expect(scjgRow.getCell(col('按期办结率')).value).toBeCloseTo(0.5);
		expect(scjgRow.getCell(col('满意度')).value).toBe(4);
		const total = [...Array(ws.rowCount).keys()]
			.map((i) => ws.getRow(i + 1))
			.find((r) => r.getCell(1).value === '合计')!;
		expect(total.getCell(col('收件数')).value).toBe(expected.totals.received);
		expect(total.getCell(col('收件数')).value).toBe(3);

		const bad = await fetch(`${base}/supervision/performance.xlsx?from=2031-02-30&to=2031-03-01`, {
			headers: { cookie }
		});
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('开始日期');
	});
});
