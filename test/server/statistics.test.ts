import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readCatalogueSources } from '../../src/lib/server/catalogue/sources';
import { FakeClock } from '../../src/lib/server/clock';
import { openDatabase } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';
import { insertCase } from '../../src/lib/server/repositories/case-repository';
import { getEntryByCode } from '../../src/lib/server/repositories/catalogue-repository';
import { loadPublishedSources } from '../../src/lib/server/services/catalogue-service';
import { SYSTEM_ACTOR } from '../../src/lib/server/services/context';
import { seedDemoIfEmpty } from '../../src/lib/server/services/seed-service';
import { hallStatistics } from '../../src/lib/server/services/statistics-service';

/** 办件统计公示: counts, on-time rate and mean working days on a database of known cases. */
const base = inject('serverUrl');
const dir = mkdtempSync(join(tmpdir(), 'sunlit-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hall statistics', () => {
	it('counts received and closed cases, the on-time share and the mean working days', async () => {
		const db = openDatabase(join(dir, 's.db'));
		migrate(db);
		const clock = new FakeClock();
		await seedDemoIfEmpty(db, clock);
		loadPublishedSources({ db, clock, actor: SYSTEM_ACTOR, ip: null }, readCatalogueSources());
		const code = '990001-SCJG-CF-0001';
		const entry = getEntryByCode(db, code)!;
		let n = 0;
		const add = (c: {
			status: string;
			accepted_at: string | null;
			closed_at: string | null;
			promised_due: string | null;
		}) =>
			insertCase(db, {
				case_no: `990001202611020${String(++n).padStart(3, '0')}`,
				query_hash: 'x'.repeat(64),
				entry_id: entry.id,
				item_code: code,
				item_version: 1,
				content_hash: 'h',
				channel: 'window',
				applicant_name: '某店',
				applicant_id: '',
				state: '{}',
				version: 1,
				submitted_at: '2026-11-02T01:00:00.000Z',
				statutory_due: null,
				outcome: c.closed_at ? 'approve' : null,
				updated_at: '2026-11-24T03:00:00.000Z',
				...c
			});
		add({ status: 'submitted', accepted_at: null, closed_at: null, promised_due: null });
		// Accepted Monday 11-02, closed Friday 11-06: 4 working days, before the promised 11-20.
		add({
			status: 'closed',
			accepted_at: '2026-11-02T01:00:00.000Z',
			closed_at: '2026-11-06T02:00:00.000Z',
			promised_due: '2026-11-20'
		});
		// Closed Tuesday 11-24, after the promised 11-20: 16 working days.
		add({
			status: 'closed',
			accepted_at: '2026-11-02T01:00:00.000Z',
			closed_at: '2026-11-24T03:00:00.000Z',
			promised_due: '2026-11-20'
		});
		// 23:30 UTC on 11-20 is 07:30 on 11-21 in China: one day late.
		add({
			status: 'closed',
			accepted_at: '2026-11-02T01:00:00.000Z',
			closed_at: '2026-11-20T23:30:00.000Z',
			promised_due: '2026-11-20'
		});
		// 公众评议 of two closed cases (5 and 4: 4.5) and 投诉举报: one about the item, one about one
		// of its cases, one about the department itself (counted for the department only).
		const ids = db
			.prepare("SELECT id FROM cases WHERE status = 'closed' ORDER BY id LIMIT 2")
			.all() as { id: number }[];
		const rate = db.prepare(
			"INSERT INTO evaluations (case_id, level, comment, created_at) VALUES (?, ?, '', '2026-11-25T00:00:00.000Z')"
		);
		rate.run(ids[0]!.id, 5);
		rate.run(ids[1]!.id, 4);
		const scjgId = (
			db.prepare("SELECT id FROM departments WHERE code = 'SCJG'").get() as {
				id: number;
			}
		).id;
		const complain = db.prepare(
			`INSERT INTO complaints (complaint_no, query_hash, kind, subject, item_code, case_id, department_id,
				title, content, created_at, reply_due)
			 VALUES (?, 'h', 'complaint', ?, ?, ?, ?, '标题', '内容', '2026-11-25T00:00:00.000Z', '2026-12-16')`
		);
		complain.run('TS1', 'item', code, null, scjgId);
		complain.run('TS2', 'case', code, ids[0]!.id, scjgId);
		complain.run('TS3', 'department', null, null, scjgId);
		const scjg = hallStatistics(db).find((d) => d.code === 'SCJG')!;
		expect(scjg.published).toBeGreaterThan(1);
		expect(scjg.lastRevision).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		const item = scjg.items.find((i) => i.code === code)!;
		// (4 + 16 + 14) / 3 = 11.3 working days; 1 of 3 closed on time.
		expect(item).toMatchObject({ received: 4, closed: 3, onTime: 1, meanDays: 11.3 });
		expect(item.onTimeRate).toBeCloseTo(1 / 3);
		expect(item).toMatchObject({ evaluations: 2, satisfaction: 4.5, complaints: 2 });
		expect(scjg).toMatchObject({ received: 4, closed: 3, onTime: 1 });
		expect(scjg).toMatchObject({ evaluations: 2, satisfaction: 4.5, complaints: 3 });
		const other = scjg.items.find((i) => i.code !== code)!;
		expect(other).toMatchObject({ received: 0, closed: 0, onTimeRate: null, meanDays: null });
		expect(other).toMatchObject({ evaluations: 0, satisfaction: null, complaints: 0 });
		const zrzy = hallStatistics(db).find((d) => d.code !== 'SCJG')!;
		expect(zrzy).toMatchObject({ evaluations: 0, satisfaction: null, complaints: 0 });

		// Cases closed since supervision keeps closing figures are summed from them, not recounted:
		// one kept on time in 6 working days joins the three above (which have none kept).
		const kept = add({
			status: 'closed',
			accepted_at: '2026-11-02T01:00:00.000Z',
			closed_at: '2026-11-10T02:00:00.000Z',
			promised_due: '2026-11-20'
		});
		db.prepare('UPDATE cases SET working_days = 6, on_time = 1 WHERE id = ?').run(kept);
		const after = hallStatistics(db)
			.find((d) => d.code === 'SCJG')!
			.items.find((i) => i.code === code)!;
		// (4 + 16 + 14 + 6) / 4 = 10 working days; 2 of 4 on time.
		expect(after).toMatchObject({ received: 5, closed: 4, onTime: 2, meanDays: 10 });
		db.close();
	});

	it('is public in the hall', async () => {
		const res = await fetch(`${base}/statistics`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('办件统计公示');
		expect(html).toContain('县市场监督管理局');
		expect(html).toContain('按期办结率');
		expect(html).toContain('满意度');
		expect(html).toContain('投诉举报');
	});
});
