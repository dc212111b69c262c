import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/lib/server/db/migrate';
import { migrations } from '../../src/lib/server/db/migrations/index';
import {
	caseDepartments,
	casesHoldingFile
} from '../../src/lib/server/repositories/case-access-repository';
import { tempDb } from '../factories/db';

/**
 * Migration 11 (record-level case access): cases made before it keep who took part and which
 * files they hold — from their open work and their state — so no officer or supervisor loses a
 * case or a file they could open, and no other gains one.
 */
describe('migration 11', () => {
	it('fills the departments and files of existing cases from their open work and state', () => {
		const { db } = tempDb({ migrated: false });
		migrate(db, migrations.slice(0, 10));
		// A case row that needs no catalogue entry for this test: foreign keys off while it is made.
		db.pragma('foreign_keys = OFF');
		const at = '2026-12-01T02:00:00.000Z';
		const ref = `sha256-${'b'.repeat(64)}`;
		const attachment = `sha256-${'c'.repeat(64)}`;
		const state = {
			data: { proof: { ref, name: '证明.pdf' }, rows: [{ scan: { ref: attachment, name: 'x' } }] },
			tasks: [
				{ id: 't1', post: { department: 'ZRZY', post: 'SL' }, status: 'done', attachments: [] },
				{ id: 't2', post: { department: 'XZSP', post: 'SC' }, status: 'done', attachments: [] }
			]
		};
		const insert = db.prepare(
			`INSERT INTO cases (id, case_no, query_hash, entry_id, item_code, item_version, content_hash, channel,
				applicant_name, status, state, version, submitted_at, updated_at)
			 VALUES (?, ?, 'h', 99, '990001-ZRZY-XK-0002', 1, 'c', 'online', '李四', 'in_progress', ?, 3, ?, ?)`
		);
		insert.run(5, '990001202612010001', JSON.stringify(state), at, at);
		insert.run(6, '990001202612010002', JSON.stringify({ data: {}, tasks: [] }), at, at);
		db.prepare(
			`INSERT INTO case_tasks (case_id, task_id, node, name, department, post, status, claimed_by, opened_at, due)
			 VALUES (6, 'accept', 'n1', '受理', 'ZFB', 'SL', 'open', NULL, ?, NULL)`
		).run(at);

		expect(migrate(db)).toEqual({ from: 10, to: migrations.length });
		const parts = (caseId: number) =>
			(
				db
					.prepare('SELECT department FROM case_departments WHERE case_id = ? ORDER BY 1')
					.all(caseId) as { department: string }[]
			).map((r) => r.department);
		expect(parts(5)).toEqual(['XZSP', 'ZRZY']);
		expect(parts(6)).toEqual(['ZFB']);
		expect(casesHoldingFile(db, ref)).toEqual([5]);
		expect(casesHoldingFile(db, attachment)).toEqual([5]);
		// Accepted since: the 受理 department still takes part once its open work is gone.
		db.prepare('DELETE FROM case_tasks WHERE case_id = 6').run();
		expect(caseDepartments(db, 6)).toContain('ZFB');
	});
});
