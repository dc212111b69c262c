/**
 * Who worked on a submission (separation of duties, 职责分离): the users who created, edited or
 * submitted a catalogue version and who saved the flowchart and form revisions of its bundle.
 */
import { cachedStatement, type Db } from '../db/connection';
import type { DesignKind } from './design-repository';

/**
 * The users who edited a catalogue version: every `catalogue.edit` audit record of the entry's
 * version (the audit chain keeps each save, not only the last editor).
 */
export function versionEditors(db: Db, entryCode: string, version: number): number[] {
	return (
		cachedStatement(
			db,
			`SELECT DISTINCT actor_id AS id FROM audit_log
			 WHERE action = 'catalogue.edit' AND object_type = 'catalogue_entry' AND object_id = @code
				AND json_extract(payload, '$.version') = @version AND actor_id IS NOT NULL`
		).all({ code: entryCode, version }) as { id: number }[]
	).map((r) => r.id);
}

/**
 * The users who saved the design revisions of a kind after revision `after` up to `upTo`
 * (inclusive; null: up to the latest): the revisions a bundle brings since the published one.
 */
export function designAuthors(
	db: Db,
	entryId: number,
	kind: DesignKind,
	after: number,
	upTo: number | null
): number[] {
	return (
		cachedStatement(
			db,
			`SELECT DISTINCT saved_by AS id FROM design_revisions
			 WHERE entry_id = @entryId AND kind = @kind AND revision > @after
				AND (@upTo IS NULL OR revision <= @upTo) AND saved_by IS NOT NULL`
		).all({ entryId, kind, after, upTo }) as { id: number }[]
	).map((r) => r.id);
}
