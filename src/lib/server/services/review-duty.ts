/**
 * Separation of duties (职责分离, issue 16 item 2): whoever drew up a submission does not approve
 * it, even when they hold both the editor and the legal role. Drawing up is creating or editing
 * the catalogue version, submitting it, or saving a flowchart or form revision its bundle brings
 * (those after the published version's, up to the ones pinned at submission). A refusal is
 * written to the audit chain on its own (the approval's transaction never starts).
 */
import { AppError } from '../../domain/errors';
import type { Db } from '../db/connection';
import * as repo from '../repositories/catalogue-repository';
import { designAuthors, versionEditors } from '../repositories/review-duty-repository';
import { audit, inTransaction, type ServiceContext } from './context';

/** What a user did on a submission: edited the content, submitted it, or designed its bundle. */
export type OwnPart = 'edited' | 'submitted' | 'designed';

export function ownParts(
	db: Db,
	e: repo.EntryRow,
	v: repo.VersionRow,
	userId: number | null
): OwnPart[] {
	if (userId === null) return [];
	const parts: OwnPart[] = [];
	if (
		v.created_by === userId ||
		v.updated_by === userId ||
		versionEditors(db, e.code, v.version).includes(userId)
	)
		parts.push('edited');
	if (v.submitted_by === userId) parts.push('submitted');
	if (v.kind === 'declare') {
		const published =
			e.published_version !== null ? repo.getVersion(db, e.id, e.published_version) : undefined;
		const pinned = v.flow_revision !== null || v.form_revision !== null;
		const designed = (['flow', 'form'] as const).some((kind) => {
			const upTo = kind === 'flow' ? v.flow_revision : v.form_revision;
			if (pinned && upTo === null) return false;
			const after = (kind === 'flow' ? published?.flow_revision : published?.form_revision) ?? 0;
			return designAuthors(db, e.id, kind, after, upTo).includes(userId);
		});
		if (designed) parts.push('designed');
	}
	return parts;
}

/**
 * Refuses (SEPARATION_OF_DUTIES) and audits `catalogue.approve_refused` when the acting user drew
 * up the open submission of the entry; does nothing otherwise.
 */
export function refuseOwnApproval(ctx: ServiceContext, e: repo.EntryRow): void {
	const v = repo.getOpenVersion(ctx.db, e.id);
	if (!v) return;
	const parts = ownParts(ctx.db, e, v, ctx.actor.id);
	if (parts.length === 0) return;
	inTransaction(ctx, () =>
		audit(ctx, {
			action: 'catalogue.approve_refused',
			objectType: 'catalogue_entry',
			objectId: e.code,
			payload: { version: v.version, kind: v.kind, reason: 'SEPARATION_OF_DUTIES', parts }
		})
	);
	throw new AppError('SEPARATION_OF_DUTIES');
}
