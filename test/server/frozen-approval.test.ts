/**
 * Issue 16 item 7: a frozen definition changed consistently in both its files and its database
 * row (the row's triggers dropped) is refused: the loader compares the row with the content hash
 * in the audit record of its approval, which the hash chain protects. A case runs frozen to the
 * procedure the legal office approved (LAW.md: 行政执法三项制度, 国办发〔2018〕118号 —
 * 重大执法决定法制审核, none made before the legal office's review; 全过程记录, every step leaves
 * a record): a procedure changed behind that approval must not run, and the refusal is recorded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EmittedFiles, Manifest } from '../../src/lib/compiler/types';
import { sha256Hex } from '../../src/lib/domain/hash';
import * as frozenRepo from '../../src/lib/server/repositories/frozen-repository';
import {
	ensureFrozenFiles,
	loadFrozenDefinition
} from '../../src/lib/server/services/freeze-service';
import { applyEvent, submitApplication } from '../../src/lib/server/services/runner-service';
import { FACTS, PENALTY, runnableCounty } from '../factories/county';
import { thrown } from '../factories/errors';

/** Rewrites version 1 of `code` consistently: definition, manifest, and the frozen row. */
function tamperConsistently(db: import('better-sqlite3').Database, root: string, code: string) {
	const row = frozenRepo.getFrozen(db, code, 1)!;
	const files = JSON.parse(row.files) as EmittedFiles;
	const definition = files['definition.json']!.replace('"limitDays": 20', '"limitDays": 2');
	expect(definition).not.toBe(files['definition.json']);
	const contentHash = sha256Hex(definition);
	const manifest = JSON.parse(files['manifest.json']!) as Manifest;
	manifest.files['definition.json'] = contentHash;
	manifest.contentHash = contentHash;
	const manifestText = JSON.stringify(manifest, null, '\t') + '\n';
	const edited: EmittedFiles = {
		...files,
		'definition.json': definition,
		'manifest.json': manifestText
	};
	const dir = join(root, code, 'v1');
	for (const [name, text] of Object.entries(edited)) writeFileSync(join(dir, name), text);
	db.exec('DROP TRIGGER frozen_versions_no_update');
	db.prepare(
		'UPDATE frozen_versions SET content_hash = ?, manifest_hash = ?, files = ? WHERE id = ?'
	).run(contentHash, sha256Hex(manifestText), JSON.stringify(edited), row.id);
	return { contentHash, before: row.content_hash, dir };
}

const refusals = (db: import('better-sqlite3').Database) =>
	db
		.prepare(
			"SELECT object_id, payload FROM audit_log WHERE action = 'freeze.definition_refused' ORDER BY seq"
		)
		.all() as { object_id: string; payload: string }[];

describe('a frozen definition against its approval record', () => {
	it('runs when files, row and approval record agree', async () => {
		const { root, as } = await runnableCounty();
		expect(loadFrozenDefinition(as('legal'), root, PENALTY).version).toBe(1);
	});

	it('refuses, and records, a definition changed in both its files and the database', async () => {
		const { db, root, applicant, as } = await runnableCounty();
		const { caseNo } = submitApplication(applicant, root, {
			code: PENALTY,
			data: FACTS,
			applicant: { name: '张三' }
		});
		const { dir } = tamperConsistently(db, root, PENALTY);
		// The files agree with their manifest and the row: only the approval record tells.
		expect(readFileSync(join(dir, 'definition.json'), 'utf8')).toContain('"limitDays": 2');
		expect(refusals(db)).toEqual([]);

		// A new case on the item is refused…
		expect(
			thrown(() =>
				submitApplication(applicant, root, {
					code: PENALTY,
					data: FACTS,
					applicant: { name: '李四' }
				})
			).code
		).toBe('DEFINITION_TAMPERED');
		// …and so is the next event of a running case.
		expect(thrown(() => applyEvent(as('officer'), root, caseNo, { type: 'accept' })).code).toBe(
			'DEFINITION_TAMPERED'
		);
		const refused = refusals(db);
		expect(refused.length).toBeGreaterThanOrEqual(2);
		expect(refused.every((r) => r.object_id === PENALTY)).toBe(true);
		const payload = JSON.parse(refused[0]!.payload) as { version: number; problems: string[] };
		expect(payload.version).toBe(1);
		expect(payload.problems.join()).toMatch(/内容哈希与批准时审计记录（第 \d+ 条）中的不一致/);
		// The start-up check reports it too.
		const lines: string[] = [];
		expect(ensureFrozenFiles(as('legal'), root, (l) => lines.push(l)).tampered).toContain(
			`${PENALTY} v1`
		);
	});
});
