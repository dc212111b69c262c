import type { Db } from '../db/connection';

export type DesignKind = 'flow' | 'form';

export interface DesignRevisionRow {
	id: number;
	entry_id: number;
	kind: DesignKind;
	revision: number;
	document: string;
	hash: string;
	saved_at: string;
	saved_by: number | null;
	saved_by_name?: string | null;
}

/** The newest revision of an entry's flow or form, with the saver's display name. */
export function latestRevision(
	db: Db,
	entryId: number,
	kind: DesignKind
): DesignRevisionRow | undefined {
	return db
		.prepare(
			`SELECT r.*, u.display_name AS saved_by_name FROM design_revisions r LEFT JOIN users u ON u.id = r.saved_by
			 WHERE r.entry_id = ? AND r.kind = ? ORDER BY r.revision DESC LIMIT 1`
		)
		.get(entryId, kind) as DesignRevisionRow | undefined;
}

export function getRevision(
	db: Db,
	entryId: number,
	kind: DesignKind,
	revision: number
): DesignRevisionRow | undefined {
	return db
		.prepare('SELECT * FROM design_revisions WHERE entry_id = ? AND kind = ? AND revision = ?')
		.get(entryId, kind, revision) as DesignRevisionRow | undefined;
}

export function insertRevision(db: Db, r: Omit<DesignRevisionRow, 'id' | 'saved_by_name'>): number {
	return Number(
		db
			.prepare(
				`INSERT INTO design_revisions (entry_id, kind, revision, document, hash, saved_at, saved_by)
				 VALUES (@entry_id, @kind, @revision, @document, @hash, @saved_at, @saved_by)`
			)
			.run(r).lastInsertRowid
	);
}

/** Pins the flow and form revisions a catalogue version is approved with. */
export function pinRevisions(
	db: Db,
	versionId: number,
	flow: number | null,
	form: number | null
): void {
	db.prepare('UPDATE catalogue_versions SET flow_revision = ?, form_revision = ? WHERE id = ?').run(
		flow,
		form,
		versionId
	);
}
