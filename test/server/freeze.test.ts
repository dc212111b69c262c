import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/lib/compiler/types';
import { emptyFlow, newEdge, newNode, type FlowDocument } from '../../src/lib/domain/flow/types';
import { emptyForm, type FormDocument } from '../../src/lib/domain/form/types';
import { readCatalogueSources, readDesignSources } from '../../src/lib/server/catalogue/sources';
import { DefinitionTamperedError } from '../../src/lib/server/freeze/files';
import * as frozenRepo from '../../src/lib/server/repositories/frozen-repository';
import { listCheckpoints } from '../../src/lib/server/repositories/audit-repository';
import {
	approve,
	approveItemVersion,
	createEntry,
	loadPublishedSources,
	saveDraft,
	startRevision,
	submit
} from '../../src/lib/server/services/catalogue-service';
import { loadDesignSources, saveDesign } from '../../src/lib/server/services/design-service';
import {
	BundleHasErrorsError,
	ensureFrozenFiles,
	freezePublishedSources,
	frozenVersionsOf,
	loadFrozenDefinition,
	reviewBundle,
	writeFrozenFiles
} from '../../src/lib/server/services/freeze-service';
import { validContent } from '../factories/catalogue';
import { seededDb, tempDir } from '../factories/db';
import { thrown } from '../factories/errors';

/** A valid flow for the editor's department (SCJG): 受理 → 审核 (days) → 办结. */
function validFlow(code: string, days = 3, name = '审核'): FlowDocument {
	const f = emptyFlow(code, '食品经营许可流程');
	f.semantics.nodes.push(
		{ ...newNode('n1', 'start', '受理'), department: 'SCJG', post: 'SL' },
		{ ...newNode('n2', 'task', name), department: 'SCJG', post: 'SH', timeLimitDays: days },
		newNode('n3', 'end', '办结')
	);
	f.semantics.edges.push(newEdge('e1', 'n1', 'n2'), newEdge('e2', 'n2', 'n3'));
	return f;
}

function form(code: string): FormDocument {
	const f = emptyForm(code, '食品经营许可申请书');
	f.fields.push(
		{ id: 'name', kind: 'text', label: '申请人', help: '', required: true },
		{
			id: 'license',
			kind: 'file',
			label: '营业执照',
			help: '',
			required: true,
			material: '营业执照复印件'
		}
	);
	return f;
}

async function setup() {
	const s = await seededDb();
	const editor = s.ctx(s.actorOf('editor'));
	const legal = s.ctx(s.actorOf('legal'));
	const root = tempDir();
	const { entryId, code } = createEntry(editor, validContent());
	return { ...s, editor, legal, root, entryId, code };
}

const auditOf = (db: import('better-sqlite3').Database, action: string) =>
	db.prepare('SELECT seq, payload FROM audit_log WHERE action = ? ORDER BY seq').all(action) as {
		seq: number;
		payload: string;
	}[];

describe('approving and freezing a power item version', () => {
	it('refuses a bundle with errors and changes nothing', async () => {
		const { db, editor, legal, root, entryId, code } = await setup();
		const bad = validFlow(code);
		bad.semantics.nodes[1]!.post = 'NOPE';
		saveDesign(editor, entryId, 'flow', 0, bad);
		submit(editor, entryId);
		expect(reviewBundle(db, entryId)?.diagnostics?.map((d) => d.code)).toContain('POST_UNKNOWN');
		expect(
			reviewBundle(db, entryId, 'en')?.diagnostics?.find((d) => d.code === 'POST_UNKNOWN')?.message
		).toContain('is not a post of');
		const err = await approveItemVersion(legal, entryId, root).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(BundleHasErrorsError);
		expect((err as BundleHasErrorsError).diagnostics.map((d) => d.code)).toContain('POST_UNKNOWN');
		expect(
			(
				db.prepare('SELECT status FROM catalogue_versions WHERE entry_id = ?').get(entryId) as {
					status: string;
				}
			).status
		).toBe('submitted');
		expect(frozenVersionsOf(db, code)).toEqual([]);
		// Nor can the synchronous approval skip the compiler.
		expect(thrown(() => approve(legal, entryId)).code).toBe('FREEZE_REQUIRED');
	});

	it('freezes the bundle as submitted: hash in the approval record, record in the manifest, files on disk', async () => {
		const { db, editor, legal, root, entryId, code, clock } = await setup();
		saveDesign(editor, entryId, 'flow', 0, validFlow(code));
		saveDesign(editor, entryId, 'form', 0, form(code));
		submit(editor, entryId);
		// Saved after submission: not part of the bundle under review.
		saveDesign(editor, entryId, 'flow', 1, validFlow(code, 5, '提交后修改'));
		clock.advance(60_000);
		const result = await approveItemVersion(legal, entryId, root);
		expect(result.version).toBe(1);

		const row = frozenRepo.getFrozen(db, code, 1)!;
		expect(row.flow_revision).toBe(1);
		expect(row.form_revision).toBe(1);
		const approval = auditOf(db, 'catalogue.approve').at(-1)!;
		expect(JSON.parse(approval.payload)).toMatchObject({ contentHash: row.content_hash });
		expect(row.audit_seq).toBe(approval.seq);

		const dir = join(root, code, 'v1');
		const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
		expect(manifest.approval).toEqual({ by: 'legal', at: row.approved_at, record: approval.seq });
		expect(manifest.contentHash).toBe(row.content_hash);
		// The freeze published the audit chain's head, approval record included.
		const checkpoint = listCheckpoints(db)[0]!;
		expect(checkpoint.reason).toBe('freeze');
		expect(checkpoint.seq).toBeGreaterThanOrEqual(approval.seq);

		const loaded = loadFrozenDefinition(legal, root, code);
		expect(loaded.version).toBe(1);
		const task = loaded.definition.nodes.n2!;
		expect(task.kind === 'task' && [task.name, task.limitDays, task.post.name]).toEqual([
			'审核',
			3,
			'审核岗'
		]);
		expect(loaded.definition.form.uploads).toEqual({ license: '营业执照复印件' });
	});

	it('a new approved version becomes current; the old one stays loadable for running cases', async () => {
		const { db, editor, legal, root, entryId, code } = await setup();
		saveDesign(editor, entryId, 'flow', 0, validFlow(code));
		submit(editor, entryId);
		const first = await approveItemVersion(legal, entryId, root);
		startRevision(editor, entryId);
		saveDraft(editor, entryId, validContent({ promisedDays: 8 }));
		saveDesign(editor, entryId, 'flow', 1, validFlow(code, 6));
		submit(editor, entryId);
		const second = await approveItemVersion(legal, entryId, root);
		expect(second.version).toBe(2);
		expect(second.contentHash).not.toBe(first.contentHash);
		expect(frozenVersionsOf(db, code).map((f) => f.version)).toEqual([2, 1]);
		expect(loadFrozenDefinition(legal, root, code).contentHash).toBe(second.contentHash);
		expect(loadFrozenDefinition(legal, root, code, 1).contentHash).toBe(first.contentHash);
	});

	it('frozen rows and files are immutable; a refused change is reported', async () => {
		const { db, editor, legal, root, entryId, code } = await setup();
		saveDesign(editor, entryId, 'flow', 0, validFlow(code));
		submit(editor, entryId);
		await approveItemVersion(legal, entryId, root);
		expect(() => db.prepare("UPDATE frozen_versions SET content_hash = 'x'").run()).toThrow(
			/FROZEN_VERSION_IMMUTABLE/
		);
		expect(() => db.prepare('DELETE FROM frozen_versions').run()).toThrow(
			/FROZEN_VERSION_IMMUTABLE/
		);
		const row = frozenRepo.getFrozen(db, code, 1)!;
		const other = { ...row, files: JSON.stringify({ 'definition.json': '{}' }) };
		expect(thrown(() => writeFrozenFiles(root, other)).code).toBe('FROZEN_IMMUTABLE');
	});

	it('refuses and logs a definition edited on disk by one byte', async () => {
		const { db, editor, legal, root, entryId, code } = await setup();
		saveDesign(editor, entryId, 'flow', 0, validFlow(code));
		submit(editor, entryId);
		await approveItemVersion(legal, entryId, root);
		const path = join(root, code, 'v1', 'definition.json');
		const text = readFileSync(path, 'utf8');
		writeFileSync(path, text.replace('"limitDays": 3', '"limitDays": 9'));
		expect(() => loadFrozenDefinition(legal, root, code)).toThrow(DefinitionTamperedError);
		const refused = auditOf(db, 'freeze.definition_refused');
		expect(refused).toHaveLength(1);
		expect(JSON.parse(refused[0]!.payload).problems.join()).toContain('definition.json');
		// The start-up check reports it and leaves the evidence as found.
		const lines: string[] = [];
		expect(ensureFrozenFiles(legal, root, (l) => lines.push(l)).tampered).toEqual([`${code} v1`]);
		expect(lines.join()).toContain('已被改动');
		expect(readFileSync(path, 'utf8')).not.toBe(text);
		// A missing folder is written again from the database.
		writeFileSync(path, text);
		expect(() => loadFrozenDefinition(legal, root, code)).not.toThrow();
	});
});

describe('the demo items', () => {
	it('are frozen on first start to exactly the definitions in the repository', async () => {
		const { ctx, db } = await seededDb();
		const root = tempDir();
		loadPublishedSources(ctx(), readCatalogueSources());
		loadDesignSources(ctx(), readDesignSources());
		expect(await freezePublishedSources(ctx(), root)).toBe(3);
		expect(await freezePublishedSources(ctx(), root)).toBe(0);
		for (const code of ['990001-SCJG-CF-0001', '990001-ZFB-QT-0001', '990001-ZRZY-XK-0002']) {
			const ours = readFileSync(join(root, code, 'v1', 'definition.json'), 'utf8');
			const repo = readFileSync(join('generated', code, 'v1', 'definition.json'), 'utf8');
			expect(ours, code).toBe(repo);
			expect(frozenVersionsOf(db, code)).toHaveLength(1);
		}
		expect(existsSync(join(root, '990001-SCJG-XK-0001'))).toBe(false);
	});
});
