/**
 * Record-level case access applied (issue 16, item 1): every reader of a case — the workbench
 * page and its actions, file downloads, the case API and its GB/T 39046 export — asks here, with
 * the rule of src/lib/domain/case-access.ts. A refusal is answered by the caller as 404 (as if
 * the case did not exist) and is written to the audit chain here.
 */
import { maySeeCase, type CaseViewer } from '../../domain/case-access';
import type { ApiCaller } from '../auth/api-token';
import * as access from '../repositories/case-access-repository';
import type { CaseRow } from '../repositories/case-repository';
import type { Db } from '../db/connection';
import { audit, inTransaction, type ServiceContext } from './context';

/** The viewer of an API caller or signed-in user; null for the anonymous (who sees no case). */
export function viewerOf(db: Db, caller: ApiCaller): CaseViewer | null {
	if (caller.kind === 'token') return { roles: [], departments: [caller.token.departmentCode] };
	if (caller.kind === 'user')
		return {
			roles: caller.user.roles,
			departments: access.userDepartmentCodes(db, caller.user.id)
		};
	return null;
}

/** Whether the viewer may see the case (no audit: for lists and links). */
export function maySee(db: Db, viewer: CaseViewer | null, caseId: number): boolean {
	return viewer !== null && maySeeCase(viewer, access.caseDepartments(db, caseId));
}

function denied(ctx: ServiceContext, objectType: string, objectId: string, where: string) {
	inTransaction(ctx, () =>
		audit(ctx, { action: 'case.access_denied', objectType, objectId, payload: { where } })
	);
}

/**
 * The case when the caller may see it; undefined when it does not exist or the caller may not see
 * it (audited as `case.access_denied`, with `where` the page or endpoint asked).
 */
export function visibleCase(
	ctx: ServiceContext,
	caller: ApiCaller,
	row: CaseRow | undefined,
	where: string
): CaseRow | undefined {
	if (!row) return undefined;
	if (maySee(ctx.db, viewerOf(ctx.db, caller), row.id)) return row;
	denied(ctx, 'case', row.case_no, where);
	return undefined;
}

/**
 * Whether the caller may open a stored file: only when a case holding it is one they may see. A
 * file no case holds is nobody's to open here. A refusal of a stored file is audited.
 */
export function mayOpenFile(
	ctx: ServiceContext,
	caller: ApiCaller,
	ref: string,
	where: string
): boolean {
	const viewer = viewerOf(ctx.db, caller);
	const holders = access.casesHoldingFile(ctx.db, ref);
	if (holders.some((id) => maySee(ctx.db, viewer, id))) return true;
	denied(ctx, 'file', ref, where);
	return false;
}
