import { canonicalJson } from '../../domain/canonical-json';
import { chinaDate } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import { sha256Hex } from '../../domain/hash';
import {
	nextStatus,
	REDECLARE_DAYS,
	REVIEW_DAYS,
	type ReviewAction
} from '../../domain/catalogue/review';
import { normalizeContent } from '../../domain/catalogue/normalize';
import {
	CATEGORY_CODES,
	type CatalogueContent,
	type FieldIssue
} from '../../domain/catalogue/types';
import { validateContent } from '../../domain/catalogue/validate';
import { isValidIsoDate } from '../../domain/working-days';
import { charsText, indexText } from '../../domain/search-text';
import type { Db } from '../db/connection';
import * as repo from '../repositories/catalogue-repository';
import * as org from '../repositories/org-repository';
import { getUser } from '../repositories/user-repository';
import { addWorkingDaysFrom } from './calendar-service';
import { pinLatestDesigns } from './design-service';
import { recordCheckpoint } from './checkpoint-service';
import {
	bundleOf,
	prepareFreeze,
	recordFreeze,
	writeFrozenFiles,
	type PreparedFreeze
} from './freeze-service';
import type { FrozenRow } from '../repositories/frozen-repository';
import { audit, inTransaction, type ServiceContext } from './context';
import { ownParts, refuseOwnApproval } from './review-duty';

/** Submission refused: the content has problems, each naming its field. Nothing is lost: the draft is saved. */
export class ContentInvalidError extends AppError {
	constructor(readonly issues: FieldIssue[]) {
		super('CONTENT_INVALID', issues[0]?.field, { count: issues.length });
	}
}

const MAX_COMMENT = 1000;
const MAX_REASON = 1000;

function now(ctx: ServiceContext) {
	const at = ctx.clock.now();
	return { iso: at.toISOString(), day: chinaDate(at) };
}

function stored(content: CatalogueContent) {
	const json = canonicalJson(content);
	return { content: json, content_hash: sha256Hex(json) };
}

function requireEntry(ctx: ServiceContext, entryId: number): repo.EntryRow {
	const e = repo.getEntry(ctx.db, entryId);
	if (!e) throw new AppError('ENTRY_NOT_FOUND', 'id');
	return e;
}

/** The acting editor's department; editors work on their own department's entries only. */
export function editorDepartment(ctx: ServiceContext): number {
	if (!ctx.actor.roles.includes('editor') || ctx.actor.id === null)
		throw new AppError('NOT_AN_EDITOR');
	const u = getUser(ctx.db, ctx.actor.id);
	if (!u?.departmentId) throw new AppError('EDITOR_WITHOUT_DEPARTMENT');
	return u.departmentId;
}

function requireOwnEntry(ctx: ServiceContext, entryId: number): repo.EntryRow {
	const e = requireEntry(ctx, entryId);
	if (e.department_id !== editorDepartment(ctx)) throw new AppError('ENTRY_OTHER_DEPARTMENT');
	return e;
}

function requireReviewer(ctx: ServiceContext): void {
	if (!ctx.actor.roles.includes('legal')) throw new AppError('NOT_A_REVIEWER');
}

function step(v: repo.VersionRow, action: ReviewAction) {
	const to = nextStatus(v.status, action);
	if (!to) throw new AppError('REVIEW_TRANSITION_ILLEGAL', undefined, { from: v.status, action });
	return to;
}

function requireOpen(ctx: ServiceContext, entryId: number): repo.VersionRow {
	const v = repo.getOpenVersion(ctx.db, entryId);
	if (!v) throw new AppError('NO_OPEN_VERSION');
	return v;
}

// ── editors ──────────────────────────────────────────────────────────────────

/** A new entry in the editor's department: the item code is fixed now and kept by every version. */
export function createEntry(
	ctx: ServiceContext,
	input: unknown
): { entryId: number; code: string } {
	const departmentId = editorDepartment(ctx);
	const content = normalizeContent(input);
	if (!content.name.trim()) throw new AppError('FIELD_REQUIRED', 'name');
	const t = now(ctx);
	return inTransaction(ctx, () => {
		const dept = org.getDepartment(ctx.db, departmentId);
		const region = org.getRegion(ctx.db);
		if (!dept || !region) throw new AppError('DEPARTMENT_NOT_FOUND', 'departmentId');
		const seq = repo.nextSeq(ctx.db, departmentId, content.category);
		const code = `${region.code}-${dept.code}-${CATEGORY_CODES[content.category]}-${String(seq).padStart(4, '0')}`;
		const entryId = repo.insertEntry(ctx.db, {
			code,
			department_id: departmentId,
			category: content.category,
			seq,
			created_at: t.iso,
			created_by: ctx.actor.id
		});
		repo.insertVersion(ctx.db, {
			entry_id: entryId,
			version: 1,
			kind: 'declare',
			status: 'draft',
			...stored(content),
			retire_reason: null,
			created_at: t.iso,
			created_by: ctx.actor.id,
			updated_at: t.iso,
			updated_by: ctx.actor.id
		});
		audit(ctx, {
			action: 'catalogue.create',
			objectType: 'catalogue_entry',
			objectId: code,
			payload: { version: 1, name: content.name }
		});
		return { entryId, code };
	});
}

/** Saves the editor's work on the open draft (or returned) version, valid or not. */
export function saveDraft(
	ctx: ServiceContext,
	entryId: number,
	input: unknown
): { issues: FieldIssue[]; hash: string } {
	const e = requireOwnEntry(ctx, entryId);
	const content = normalizeContent(input, e.category);
	if (content.category !== e.category) throw new AppError('CATEGORY_LOCKED', 'category');
	const t = now(ctx);
	const s = stored(content);
	inTransaction(ctx, () => {
		const v = requireOpen(ctx, entryId);
		step(v, 'edit');
		if (v.content_hash === s.content_hash) return;
		repo.updateVersionContent(ctx.db, v.id, s.content, s.content_hash, t.iso, ctx.actor.id);
		audit(ctx, {
			action: 'catalogue.edit',
			objectType: 'catalogue_entry',
			objectId: e.code,
			payload: { version: v.version, hash: s.content_hash }
		});
	});
	return { issues: validateContent(content), hash: s.content_hash };
}

/** Sends the open version to the legal office, due for an answer in 10 working days. */
export function submit(
	ctx: ServiceContext,
	entryId: number
): { reviewDue: string; missingYears: number[] } {
	const e = requireOwnEntry(ctx, entryId);
	const t = now(ctx);
	return inTransaction(ctx, () => {
		const v = requireOpen(ctx, entryId);
		const to = step(v, 'submit');
		if (v.kind === 'declare') {
			const issues = validateContent(normalizeContent(JSON.parse(v.content), e.category));
			if (issues.length) throw new ContentInvalidError(issues);
		}
		const due = addWorkingDaysFrom(ctx.db, t.day, REVIEW_DAYS);
		repo.setVersionStatus(ctx.db, v.id, to, {
			submitted_at: t.iso,
			submitted_by: ctx.actor.id,
			review_due: due.date
		});
		// The bundle under review: the flowchart and form as they stand at submission.
		const designs = v.kind === 'declare' ? pinLatestDesigns(ctx, entryId, v.id) : null;
		audit(ctx, {
			action: 'catalogue.submit',
			objectType: 'catalogue_entry',
			objectId: e.code,
			payload: {
				version: v.version,
				kind: v.kind,
				reviewDue: due.date,
				hash: v.content_hash,
				...(designs ? { flowRevision: designs.flow, formRevision: designs.form } : {}),
				...(due.missingYears.length ? { calendarMissing: due.missingYears } : {})
			}
		});
		return { reviewDue: due.date, missingYears: due.missingYears };
	});
}

/** Takes a submission back before the legal office has answered. */
export function withdraw(ctx: ServiceContext, entryId: number): void {
	const e = requireOwnEntry(ctx, entryId);
	inTransaction(ctx, () => {
		const v = requireOpen(ctx, entryId);
		const to = step(v, 'withdraw');
		if (v.kind === 'retire') {
			// A retirement request has no draft to go back to: withdrawing abandons it (kept in history).
			repo.setVersionStatus(ctx.db, v.id, 'superseded', {
				decided_at: now(ctx).iso,
				decided_by: ctx.actor.id
			});
		} else
			repo.setVersionStatus(ctx.db, v.id, to, {
				submitted_at: null,
				submitted_by: null,
				review_due: null
			});
		audit(ctx, {
			action: 'catalogue.withdraw',
			objectType: 'catalogue_entry',
			objectId: e.code,
			payload: { version: v.version, kind: v.kind }
		});
	});
}

/**
 * A new version of a published entry starting from the published content (call inside the
 * transaction): a revision draft, or a retirement request carrying its reason.
 */
function openVersionFromPublished(
	ctx: ServiceContext,
	e: repo.EntryRow,
	kind: 'declare' | 'retire',
	retireReason: string | null,
	at: string
): { id: number; version: number; from: number } {
	if (repo.getOpenVersion(ctx.db, e.id)) throw new AppError('VERSION_ALREADY_OPEN');
	const published = repo.getVersion(ctx.db, e.id, e.published_version!)!;
	const version = repo.latestVersion(ctx.db, e.id)!.version + 1;
	const id = repo.insertVersion(ctx.db, {
		entry_id: e.id,
		version,
		kind,
		status: 'draft',
		content: published.content,
		content_hash: published.content_hash,
		retire_reason: retireReason,
		created_at: at,
		created_by: ctx.actor.id,
		updated_at: at,
		updated_by: ctx.actor.id
	});
	return { id, version, from: published.version };
}

/** Starts a revision of a published entry; the public keeps the published version meanwhile. */
export function startRevision(ctx: ServiceContext, entryId: number): number {
	const e = requireOwnEntry(ctx, entryId);
	if (e.published_version === null) throw new AppError('NOT_PUBLISHED');
	if (e.retired_at) throw new AppError('ENTRY_RETIRED');
	const t = now(ctx);
	return inTransaction(ctx, () => {
		const { version, from } = openVersionFromPublished(ctx, e, 'declare', null, t.iso);
		audit(ctx, {
			action: 'catalogue.revise',
			objectType: 'catalogue_entry',
			objectId: e.code,
			payload: { version, from }
		});
		return version;
	});
}

/** Asks the legal office to retire (废止) a published entry, with the reason; submitted at once. */
export function requestRetirement(
	ctx: ServiceContext,
	entryId: number,
	reason: string
): { reviewDue: string } {
	const e = requireOwnEntry(ctx, entryId);
	const why = reason.trim();
	if (!why) throw new AppError('FIELD_REQUIRED', 'reason');
	if (why.length > MAX_REASON) throw new AppError('FIELD_TOO_LONG', 'reason', { max: MAX_REASON });
	if (e.published_version === null) throw new AppError('NOT_PUBLISHED');
	if (e.retired_at) throw new AppError('ENTRY_RETIRED');
	const t = now(ctx);
	return inTransaction(ctx, () => {
		const { id, version } = openVersionFromPublished(ctx, e, 'retire', why, t.iso);
		const due = addWorkingDaysFrom(ctx.db, t.day, REVIEW_DAYS);
		repo.setVersionStatus(ctx.db, id, 'submitted', {
			submitted_at: t.iso,
			submitted_by: ctx.actor.id,
			review_due: due.date
		});
		audit(ctx, {
			action: 'catalogue.retire.request',
			objectType: 'catalogue_entry',
			objectId: e.code,
			payload: { version, reason: why, reviewDue: due.date }
		});
		return { reviewDue: due.date };
	});
}

/** A new entry in the same department and category, starting from this one's latest content. */
export function duplicateEntry(
	ctx: ServiceContext,
	entryId: number
): { entryId: number; code: string } {
	const e = requireOwnEntry(ctx, entryId);
	const latest = repo.latestVersion(ctx.db, entryId)!;
	const content = normalizeContent(JSON.parse(latest.content), e.category);
	const copy = createEntry(ctx, { ...content, name: `${content.name}（副本）` });
	inTransaction(ctx, () =>
		audit(ctx, {
			action: 'catalogue.duplicate',
			objectType: 'catalogue_entry',
			objectId: copy.code,
			payload: { from: e.code, version: latest.version }
		})
	);
	return copy;
}

/** Records that the legal basis changed: the department must re-declare within 20 working days. */
export function recordBasisChange(
	ctx: ServiceContext,
	entryId: number,
	input: { on: string; cause: string }
): { date: string; missingYears: number[] } {
	const e = requireOwnEntry(ctx, entryId);
	if (!isValidIsoDate(input.on)) throw new AppError('DATE_INVALID', 'on');
	const cause = input.cause.trim();
	if (!cause) throw new AppError('FIELD_REQUIRED', 'cause');
	if (cause.length > MAX_REASON) throw new AppError('FIELD_TOO_LONG', 'cause', { max: MAX_REASON });
	if (input.on > now(ctx).day) throw new AppError('DATE_IN_FUTURE', 'on');
	return inTransaction(ctx, () => {
		const due = addWorkingDaysFrom(ctx.db, input.on, REDECLARE_DAYS);
		repo.setBasisChange(ctx.db, entryId, input.on, cause, due.date);
		audit(ctx, {
			action: 'catalogue.basis_change',
			objectType: 'catalogue_entry',
			objectId: e.code,
			payload: {
				on: input.on,
				cause,
				due: due.date,
				...(due.missingYears.length ? { calendarMissing: due.missingYears } : {})
			}
		});
		return due;
	});
}

// ── the legal office ─────────────────────────────────────────────────────────

/** Returns a submission for changes, with comments attached to fields (at least one). */
export function returnForChanges(
	ctx: ServiceContext,
	entryId: number,
	comments: readonly { field: string; body: string }[]
): void {
	requireReviewer(ctx);
	const e = requireEntry(ctx, entryId);
	const kept = comments
		.map((c) => ({ field: c.field.trim() || 'general', body: c.body.trim() }))
		.filter((c) => c.body);
	if (kept.length === 0) throw new AppError('RETURN_COMMENT_REQUIRED', 'comments');
	const long = kept.find((c) => c.body.length > MAX_COMMENT);
	if (long) throw new AppError('FIELD_TOO_LONG', 'comments', { max: MAX_COMMENT });
	const t = now(ctx);
	inTransaction(ctx, () => {
		const v = requireOpen(ctx, entryId);
		const to = step(v, 'return');
		const round = repo.lastCommentRound(ctx.db, v.id) + 1;
		for (const c of kept)
			repo.insertComment(ctx.db, {
				version_id: v.id,
				round,
				field: c.field,
				body: c.body,
				created_at: t.iso,
				created_by: ctx.actor.id
			});
		if (v.kind === 'retire') {
			// A refused retirement leaves the entry published as it was.
			repo.setVersionStatus(ctx.db, v.id, 'superseded', {
				decided_at: t.iso,
				decided_by: ctx.actor.id
			});
		} else repo.setVersionStatus(ctx.db, v.id, to, { decided_at: t.iso, decided_by: ctx.actor.id });
		audit(ctx, {
			action: 'catalogue.return',
			objectType: 'catalogue_entry',
			objectId: e.code,
			payload: { version: v.version, kind: v.kind, round, comments: kept }
		});
	});
}

/**
 * Approves a submission: a declaration is published at once (the previous one superseded), a
 * retirement retires the entry. A declaration whose bundle has a flowchart is frozen in the same
 * transaction: `prepared` is its compiled bundle (`prepareFreeze`; `approveItemVersion` does
 * both), refused with FREEZE_REQUIRED when missing and FREEZE_STALE when compiled from other
 * revisions. The approval's audit record carries the definition's content hash; the manifest
 * names that record. Returns the frozen row to write to disk after the commit, if any. Whoever
 * drew up the submission may not approve it (SEPARATION_OF_DUTIES, review-duty.ts).
 */
export function approve(
	ctx: ServiceContext,
	entryId: number,
	prepared: PreparedFreeze | null = null
): Omit<FrozenRow, 'id'> | null {
	requireReviewer(ctx);
	const e = requireEntry(ctx, entryId);
	refuseOwnApproval(ctx, e);
	const t = now(ctx);
	return inTransaction(ctx, () => {
		const v = requireOpen(ctx, entryId);
		step(v, 'approve');
		// Checked again in the transaction, should the submission have changed meanwhile.
		if (ownParts(ctx.db, e, v, ctx.actor.id).length) throw new AppError('SEPARATION_OF_DUTIES');
		const bundled = v.kind === 'declare' ? bundleOf(ctx.db, e, v) : null;
		if (bundled?.flowRevision != null && !prepared) throw new AppError('FREEZE_REQUIRED');
		repo.setVersionStatus(ctx.db, v.id, 'approved', {
			decided_at: t.iso,
			decided_by: ctx.actor.id
		});
		const record = audit(ctx, {
			action: 'catalogue.approve',
			objectType: 'catalogue_entry',
			objectId: e.code,
			payload: {
				version: v.version,
				kind: v.kind,
				hash: v.content_hash,
				...(prepared && bundled
					? {
							contentHash: prepared.contentHash,
							sourceHash: prepared.sourceHash,
							flowRevision: prepared.flowRevision,
							formRevision: prepared.formRevision
						}
					: {})
			}
		});
		const previous =
			e.published_version !== null
				? repo.getVersion(ctx.db, entryId, e.published_version)
				: undefined;
		if (v.kind === 'retire') {
			repo.setVersionStatus(ctx.db, v.id, 'retired');
			if (previous) repo.setVersionStatus(ctx.db, previous.id, 'retired');
			repo.setEntryRetired(ctx.db, entryId, t.iso, v.retire_reason ?? '');
			repo.setBasisChange(ctx.db, entryId, null, null, null);
			repo.removeFromIndex(ctx.db, entryId);
			audit(ctx, {
				action: 'catalogue.retire',
				objectType: 'catalogue_entry',
				objectId: e.code,
				payload: { version: v.version, reason: v.retire_reason }
			});
			return null;
		}
		// Versions submitted before bundles were pinned at submission get the current designs.
		const designs =
			v.flow_revision === null && v.form_revision === null
				? pinLatestDesigns(ctx, entryId, v.id)
				: { flow: v.flow_revision, form: v.form_revision };
		const frozenRow =
			prepared && bundled?.flowRevision != null
				? recordFreeze(ctx, e, repo.getVersion(ctx.db, entryId, v.version)!, prepared, {
						at: t.iso,
						auditSeq: record.seq
					})
				: null;
		if (previous) repo.setVersionStatus(ctx.db, previous.id, 'superseded');
		publishVersion(ctx.db, e, v, t.iso);
		repo.setBasisChange(ctx.db, entryId, null, null, null);
		audit(ctx, {
			action: 'catalogue.publish',
			objectType: 'catalogue_entry',
			objectId: e.code,
			payload: {
				version: v.version,
				previous: previous?.version ?? null,
				hash: v.content_hash,
				flowRevision: designs.flow,
				formRevision: designs.form,
				...(frozenRow ? { frozen: frozenRow.version, contentHash: frozenRow.content_hash } : {})
			}
		});
		return frozenRow;
	});
}

/**
 * The legal office's approval of a power item version: compiles the bundle (refused with
 * BUNDLE_HAS_ERRORS and its diagnostics when it has errors: nothing changes), approves and freezes
 * in one transaction, then writes the frozen files under `frozenRoot`.
 */
export async function approveItemVersion(
	ctx: ServiceContext,
	entryId: number,
	frozenRoot: string
): Promise<{ contentHash: string | null; version: number | null }> {
	requireReviewer(ctx);
	// Whoever drew up the submission does not approve it (before compiling anything).
	refuseOwnApproval(ctx, requireEntry(ctx, entryId));
	const prepared = await prepareFreeze(ctx.db, entryId);
	const row = approve(ctx, entryId, prepared);
	if (row) {
		writeFrozenFiles(frozenRoot, row);
		// Every freeze publishes the audit chain's head (the approval record included).
		recordCheckpoint(ctx.db, ctx.clock, 'freeze');
	}
	return { contentHash: row?.content_hash ?? null, version: row?.version ?? null };
}

function publishVersion(db: Db, e: repo.EntryRow, v: repo.VersionRow, at: string): void {
	repo.setVersionStatus(db, v.id, 'published', { published_at: at });
	repo.setEntryPublished(db, e.id, v.version, at);
	const content = normalizeContent(JSON.parse(v.content), e.category);
	const plain = searchDocument(content);
	repo.indexEntry(db, e.id, plain, {
		name: indexText(plain.name),
		basis: indexText(plain.basis),
		materials: indexText(plain.materials),
		other: indexText(plain.other),
		chars: charsText(`${plain.name} ${plain.basis} ${plain.materials} ${plain.other}`)
	});
}

/** The text of an entry the public search covers. */
export function searchDocument(c: CatalogueContent): repo.SearchDocument {
	return {
		name: c.name,
		basis: c.bases.map((b) => `${b.law} ${b.article} ${b.excerpt}`).join('\n'),
		materials: c.materials.map((m) => `${m.name} ${m.notes}`).join('\n'),
		other: [c.conditions, c.division, c.post, c.feeStandard].filter(Boolean).join('\n')
	};
}

// ── the demo county ──────────────────────────────────────────────────────────

export interface CatalogueSourceFile {
	code: string;
	department: string;
	publishedAt: string;
	content: unknown;
}

/**
 * Loads published entries from source files into an empty catalogue (first start). Every file must
 * be valid; otherwise nothing is loaded and the error names the file.
 */
export function loadPublishedSources(
	ctx: ServiceContext,
	files: readonly { name: string; source: CatalogueSourceFile }[]
): number {
	const count = (
		ctx.db.prepare('SELECT COUNT(*) AS n FROM catalogue_entries').get() as { n: number }
	).n;
	if (count > 0 || files.length === 0) return 0;
	return inTransaction(ctx, () => {
		const region = org.getRegion(ctx.db);
		if (!region) throw new AppError('REGION_MISSING');
		const departments = new Map(org.listDepartments(ctx.db).map((d) => [d.code, d]));
		for (const { name, source } of files) {
			const dept = departments.get(source.department);
			const content = normalizeContent(source.content);
			const issues = validateContent(content);
			const m = /^(\d+)-([A-Z0-9]+)-([A-Z]{2})-(\d{4})$/.exec(source.code);
			if (
				!dept ||
				!m ||
				m[1] !== region.code ||
				m[2] !== dept.code ||
				m[3] !== CATEGORY_CODES[content.category] ||
				issues.length
			)
				throw new Error(
					`目录源文件 ${name} 无效：${issues.map((i) => `${i.field} ${i.code}`).join('，') || '编码或部门不符'}`
				);
			const at = `${source.publishedAt}T09:00:00.000Z`;
			const entryId = repo.insertEntry(ctx.db, {
				code: source.code,
				department_id: dept.id,
				category: content.category,
				seq: Number(m[4]),
				created_at: at,
				created_by: null
			});
			const s = stored(content);
			const id = repo.insertVersion(ctx.db, {
				entry_id: entryId,
				version: 1,
				kind: 'declare',
				status: 'draft',
				...s,
				retire_reason: null,
				created_at: at,
				created_by: null,
				updated_at: at,
				updated_by: null
			});
			repo.setVersionStatus(ctx.db, id, 'submitted', { submitted_at: at });
			repo.setVersionStatus(ctx.db, id, 'approved', { decided_at: at });
			publishVersion(
				ctx.db,
				repo.getEntry(ctx.db, entryId)!,
				repo.getVersion(ctx.db, entryId, 1)!,
				at
			);
		}
		audit(ctx, {
			action: 'catalogue.import.sources',
			objectType: 'catalogue',
			objectId: null,
			payload: { files: files.map((f) => f.name), count: files.length }
		});
		return files.length;
	});
}
