import { cachedStatement, type Db } from '../db/connection';

export interface FrozenRow {
	id: number;
	entry_id: number;
	code: string;
	version: number;
	catalogue_version_id: number;
	flow_revision: number;
	form_revision: number | null;
	source_hash: string;
	content_hash: string;
	manifest_hash: string;
	/** JSON object: file name → contents. */
	files: string;
	compiler_version: string;
	approved_at: string;
	approved_by: number | null;
	approved_by_name: string;
	audit_seq: number;
}

export function insertFrozen(db: Db, r: Omit<FrozenRow, 'id'>): number {
	return Number(
		db
			.prepare(
				`INSERT INTO frozen_versions (entry_id, code, version, catalogue_version_id, flow_revision, form_revision,
					source_hash, content_hash, manifest_hash, files, compiler_version, approved_at, approved_by, approved_by_name, audit_seq)
				 VALUES (@entry_id, @code, @version, @catalogue_version_id, @flow_revision, @form_revision,
					@source_hash, @content_hash, @manifest_hash, @files, @compiler_version, @approved_at, @approved_by, @approved_by_name, @audit_seq)`
			)
			.run(r).lastInsertRowid
	);
}

/** The version new cases of the item start on: the latest frozen one. */
export function currentFrozen(db: Db, entryId: number): FrozenRow | undefined {
	return cachedStatement(
		db,
		'SELECT * FROM frozen_versions WHERE entry_id = ? ORDER BY version DESC LIMIT 1'
	).get(entryId) as FrozenRow | undefined;
}

export function getFrozen(db: Db, code: string, version: number): FrozenRow | undefined {
	return cachedStatement(db, 'SELECT * FROM frozen_versions WHERE code = ? AND version = ?').get(
		code,
		version
	) as FrozenRow | undefined;
}

/** Just the approved content hash of a frozen version (without its files). */
export function frozenContentHash(db: Db, code: string, version: number): string | undefined {
	return (
		cachedStatement(
			db,
			'SELECT content_hash FROM frozen_versions WHERE code = ? AND version = ?'
		).get(code, version) as { content_hash: string } | undefined
	)?.content_hash;
}

export function listFrozen(db: Db, entryId: number): FrozenRow[] {
	return db
		.prepare('SELECT * FROM frozen_versions WHERE entry_id = ? ORDER BY version DESC')
		.all(entryId) as FrozenRow[];
}

export function allFrozen(db: Db): FrozenRow[] {
	return db.prepare('SELECT * FROM frozen_versions ORDER BY code, version').all() as FrozenRow[];
}
