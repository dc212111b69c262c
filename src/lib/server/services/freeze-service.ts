/**
 * Freezing (固化) approved power item versions: the bundle of a catalogue version (its content and
 * the flowchart and form revisions pinned to it), compiled by src/lib/compiler, recorded in
 * `frozen_versions` inside the approval's transaction and written under the data folder after the
 * commit. The case runner loads definitions only through `loadFrozenDefinition`, which refuses
 * files that do not match their manifest or the hash recorded at approval, and logs the refusal.
 */
import { dirname, join } from 'node:path';
import { checkBundle, compileBundle, withApproval } from '../../compiler/index';
import type {
	BundleSource,
	Diagnostic,
	EmittedFiles,
	Manifest,
	OrgModel,
	RuntimeDefinition
} from '../../compiler/types';
import { COMPILER_VERSION } from '../../compiler/types';
import { normalizeContent } from '../../domain/catalogue/normalize';
import { AppError } from '../../domain/errors';
import { sha256Hex } from '../../domain/hash';
import type { FlowDocument } from '../../domain/flow/types';
import type { FormDocument } from '../../domain/form/types';
import type { Db } from '../db/connection';
import type { Locale } from '../../i18n/index';
import {
	DefinitionTamperedError,
	loadVerifiedDefinition,
	readVersionFiles,
	sameFiles,
	versionDir,
	writeVersionFiles
} from '../freeze/files';
import { auditRecordAt, recordHash } from '../repositories/audit-repository';
import * as catalogue from '../repositories/catalogue-repository';
import * as designs from '../repositories/design-repository';
import * as frozen from '../repositories/frozen-repository';
import * as org from '../repositories/org-repository';
import { recordCheckpoint } from './checkpoint-service';
import { audit, inTransaction, SYSTEM_ACTOR, type ServiceContext } from './context';

/** Where a database's frozen versions are written: `SUNLIT_FROZEN_DIR`, else `generated/` beside the database file. */
export function frozenRoot(dbPath: string, env: NodeJS.ProcessEnv = process.env): string {
	return env.SUNLIT_FROZEN_DIR || join(dirname(dbPath), 'generated');
}

/** Approval refused: the bundle has errors (each with its code and what to fix). Nothing changed. */
export class BundleHasErrorsError extends AppError {
	constructor(readonly diagnostics: Diagnostic[]) {
		super('BUNDLE_HAS_ERRORS', undefined, {
			count: diagnostics.filter((d) => d.severity === 'error').length
		});
	}
}

/** The organisation model as the compiler needs it: departments and their posts in use. */
export function orgModel(db: Db): OrgModel {
	const posts = org.listPosts(db);
	return {
		departments: org.listDepartments(db).map((d) => ({
			code: d.code,
			name: d.name,
			posts: posts
				.filter((p) => p.department_id === d.id)
				.map((p) => ({ code: p.code, name: p.name }))
		}))
	};
}

export interface Bundle {
	source: BundleSource;
	flowRevision: number | null;
	formRevision: number | null;
}

/**
 * The bundle of a catalogue version: its content with the flowchart and form revisions pinned to
 * it (at submission), or the latest ones where none is pinned yet.
 */
export function bundleOf(db: Db, entry: catalogue.EntryRow, v: catalogue.VersionRow): Bundle {
	const revision = (kind: designs.DesignKind, pinned: number | null) =>
		pinned !== null
			? designs.getRevision(db, entry.id, kind, pinned)
			: designs.latestRevision(db, entry.id, kind);
	const flow = revision('flow', v.flow_revision);
	const form = revision('form', v.form_revision);
	return {
		source: {
			item: {
				code: entry.code,
				version: v.version,
				department: org.getDepartment(db, entry.department_id)?.code ?? '',
				content: normalizeContent(JSON.parse(v.content), entry.category)
			},
			flow: flow ? (JSON.parse(flow.document) as FlowDocument) : null,
			form: form ? (JSON.parse(form.document) as FormDocument) : null,
			org: orgModel(db)
		},
		flowRevision: flow?.revision ?? null,
		formRevision: form?.revision ?? null
	};
}

/** What the legal reviewer sees of a submitted bundle, beside the version frozen now. */
export interface BundleReview {
	flow: FlowDocument | null;
	form: FormDocument | null;
	flowRevision: number | null;
	formRevision: number | null;
	/** The validate stage's findings; null when there is no flowchart (nothing to freeze). */
	diagnostics: Diagnostic[] | null;
	/** The version in force, with the flow and form it was frozen from; null before the first. */
	frozen: {
		version: number;
		contentHash: string;
		approvedAt: string;
		flow: FlowDocument | null;
		form: FormDocument | null;
	} | null;
}

/** The open declaration's bundle for review (undefined when there is none). */
export function reviewBundle(
	db: Db,
	entryId: number,
	locale: Locale = 'zh'
): BundleReview | undefined {
	const entry = catalogue.getEntry(db, entryId);
	const v = entry ? catalogue.getOpenVersion(db, entryId) : undefined;
	if (!entry || !v || v.kind !== 'declare') return undefined;
	const b = bundleOf(db, entry, v);
	const current = frozen.currentFrozen(db, entryId);
	const doc = <T>(kind: designs.DesignKind, revision: number | null): T | null => {
		const r = revision === null ? undefined : designs.getRevision(db, entryId, kind, revision);
		return r ? (JSON.parse(r.document) as T) : null;
	};
	return {
		flow: b.source.flow,
		form: b.source.form,
		flowRevision: b.flowRevision,
		formRevision: b.formRevision,
		diagnostics: b.flowRevision === null ? null : checkBundle(b.source, locale),
		frozen: current
			? {
					version: current.version,
					contentHash: current.content_hash,
					approvedAt: current.approved_at,
					flow: doc<FlowDocument>('flow', current.flow_revision),
					form: doc<FormDocument>('form', current.form_revision)
				}
			: null
	};
}

/** A compiled bundle waiting for its approval to be recorded. */
export interface PreparedFreeze {
	versionId: number;
	flowRevision: number;
	formRevision: number | null;
	files: EmittedFiles;
	contentHash: string;
	sourceHash: string;
}

/**
 * Compiles the open version's bundle (outside any transaction: the emit stage is asynchronous).
 * Null when there is nothing to freeze (a retirement, or no flowchart); BundleHasErrorsError when
 * the bundle has errors.
 */
export async function prepareFreeze(db: Db, entryId: number): Promise<PreparedFreeze | null> {
	const entry = catalogue.getEntry(db, entryId);
	const v = entry ? catalogue.getOpenVersion(db, entryId) : undefined;
	if (!entry || !v || v.kind !== 'declare') return null;
	const b = bundleOf(db, entry, v);
	if (b.flowRevision === null) return null;
	const result = await compileBundle(b.source, null);
	if (!result.ok) throw new BundleHasErrorsError(result.diagnostics);
	return {
		versionId: v.id,
		flowRevision: b.flowRevision,
		formRevision: b.formRevision,
		files: result.files,
		contentHash: result.contentHash,
		sourceHash: result.sourceHash
	};
}

/**
 * Records a prepared freeze inside the approval's transaction: checks it was compiled from what
 * the version bundles now, attaches the approval (the audit record `auditSeq`) to the manifest and
 * inserts the frozen row. Returns the row to write to disk after the commit.
 */
export function recordFreeze(
	ctx: ServiceContext,
	entry: catalogue.EntryRow,
	v: catalogue.VersionRow,
	prepared: PreparedFreeze,
	approval: { at: string; auditSeq: number }
): Omit<frozen.FrozenRow, 'id'> {
	const now = bundleOf(ctx.db, entry, v);
	if (
		prepared.versionId !== v.id ||
		now.flowRevision !== prepared.flowRevision ||
		now.formRevision !== prepared.formRevision
	)
		throw new AppError('FREEZE_STALE');
	if (frozen.getFrozen(ctx.db, entry.code, v.version))
		throw new AppError('FROZEN_VERSION_EXISTS', undefined, { version: v.version });
	const files = withApproval(prepared.files, {
		by: ctx.actor.name,
		at: approval.at,
		record: approval.auditSeq
	});
	const row: Omit<frozen.FrozenRow, 'id'> = {
		entry_id: entry.id,
		code: entry.code,
		version: v.version,
		catalogue_version_id: v.id,
		flow_revision: prepared.flowRevision,
		form_revision: prepared.formRevision,
		source_hash: prepared.sourceHash,
		content_hash: prepared.contentHash,
		manifest_hash: sha256Hex(files['manifest.json']!),
		files: JSON.stringify(files),
		compiler_version: COMPILER_VERSION,
		approved_at: approval.at,
		approved_by: ctx.actor.id,
		approved_by_name: ctx.actor.name,
		audit_seq: approval.auditSeq
	};
	frozen.insertFrozen(ctx.db, row);
	return row;
}

/** Writes a frozen row's files under `root` (never over different bytes). */
export function writeFrozenFiles(
	root: string,
	row: Pick<frozen.FrozenRow, 'code' | 'version' | 'files'>
) {
	return writeVersionFiles(
		versionDir(root, row.code, row.version),
		JSON.parse(row.files) as EmittedFiles
	);
}

/**
 * At start-up: every frozen version's folder exists and holds exactly the recorded files. Missing
 * folders are written from the database; a folder whose files differ is left as found (evidence),
 * refused by the loader, and reported here and in the audit log.
 */
export function ensureFrozenFiles(
	ctx: ServiceContext,
	root: string,
	log: (line: string) => void = () => {}
): { written: number; tampered: string[] } {
	let written = 0;
	const tampered: string[] = [];
	for (const row of frozen.allFrozen(ctx.db)) {
		const dir = versionDir(root, row.code, row.version);
		const onDisk = readVersionFiles(dir);
		if (!onDisk) {
			writeFrozenFiles(root, row);
			written++;
		} else if (!sameFiles(onDisk, JSON.parse(row.files) as EmittedFiles)) {
			tampered.push(`${row.code} v${row.version}`);
			refusalAudit(ctx, row.code, row.version, ['文件与批准时记录的不一致']);
			continue;
		}
		const approval = approvalProblem(ctx.db, row);
		if (approval) {
			tampered.push(`${row.code} v${row.version}`);
			refusalAudit(ctx, row.code, row.version, [approval]);
		}
	}
	if (written) log(`[sunlit] 已写出 ${written} 个固化版本的文件到 ${root}`);
	if (tampered.length)
		log(
			`[sunlit] 警告：固化版本 ${tampered.join('、')} 的文件已被改动，办件运行器将拒绝加载它们。`
		);
	return { written, tampered };
}

/**
 * Records that a tampered definition was refused, in a transaction of its own. The loader does it
 * itself; a caller whose own transaction the refusal rolled back (and the record with it) calls it
 * again once that transaction is over.
 */
export function recordDefinitionRefusal(ctx: ServiceContext, err: DefinitionTamperedError) {
	refusalAudit(ctx, err.item, err.version, err.problems);
}

function refusalAudit(ctx: ServiceContext, code: string, version: number, problems: string[]) {
	inTransaction(ctx, () =>
		audit(ctx, {
			action: 'freeze.definition_refused',
			objectType: 'catalogue_entry',
			objectId: code,
			payload: { version, problems }
		})
	);
}

export interface LoadedDefinition {
	definition: RuntimeDefinition;
	manifest: Manifest;
	files: EmittedFiles;
	contentHash: string;
	version: number;
}

/**
 * The runtime definition a case runs on: `version`, or the current one. Refused with
 * DEFINITION_TAMPERED (and an audit record) when the files on disk do not match their manifest,
 * the manifest is not the one recorded, or the content hash is not the approved one.
 */
export function loadFrozenDefinition(
	ctx: ServiceContext,
	root: string,
	code: string,
	version?: number
): LoadedDefinition {
	const entry = catalogue.getEntryByCode(ctx.db, code);
	const row = !entry
		? undefined
		: version === undefined
			? frozen.currentFrozen(ctx.db, entry.id)
			: frozen.getFrozen(ctx.db, code, version);
	if (!row) throw new AppError('FROZEN_VERSION_NOT_FOUND', undefined, { code });
	try {
		const approval = approvalProblem(ctx.db, row);
		if (approval) throw new DefinitionTamperedError([approval], code, row.version);
		const loaded = loadVerifiedDefinition(root, code, row.version, row.content_hash);
		if (sha256Hex(loaded.files['manifest.json']!) !== row.manifest_hash)
			throw new DefinitionTamperedError(['清单与批准时记录的不一致'], code, row.version);
		return {
			definition: loaded.definition,
			manifest: loaded.manifest,
			files: loaded.files,
			contentHash: row.content_hash,
			version: row.version
		};
	} catch (err) {
		if (err instanceof DefinitionTamperedError) refusalAudit(ctx, code, row.version, err.problems);
		throw err;
	}
}

/** The actions whose audit record approves a frozen version (the legal office's, the demo's). */
const APPROVAL_ACTIONS = new Set(['catalogue.approve', 'freeze.sources']);

/**
 * What is wrong with a frozen row against the audit record of its approval (null: they agree).
 * The files are checked against the row; the row could be changed by someone with the database
 * file in hand (its triggers dropped), together with the files. The approval record, which the
 * hash chain protects, says which content hash was approved: the row must still have it.
 */
function approvalProblem(db: Db, row: frozen.FrozenRow): string | null {
	const seq = row.audit_seq;
	const rec = auditRecordAt(db, seq);
	if (!rec) return `批准时的审计记录（第 ${seq} 条）不存在`;
	if (recordHash(rec) !== rec.hash) return `批准时的审计记录（第 ${seq} 条）已被改动`;
	let payload: { version?: unknown; contentHash?: unknown };
	try {
		payload = JSON.parse(rec.payload) as typeof payload;
	} catch {
		return `批准时的审计记录（第 ${seq} 条）无法读取`;
	}
	if (
		!APPROVAL_ACTIONS.has(rec.action) ||
		rec.object_id !== row.code ||
		payload.version !== row.version
	)
		return `第 ${seq} 条审计记录不是该事项第 ${row.version} 版的批准记录`;
	if (payload.contentHash !== row.content_hash)
		return `内容哈希与批准时审计记录（第 ${seq} 条）中的不一致`;
	return null;
}

/** A verified file of a frozen version, for download (same checks as the runner's). */
export function frozenFile(
	ctx: ServiceContext,
	root: string,
	code: string,
	version: number,
	name: string
): string | undefined {
	return loadFrozenDefinition(ctx, root, code, version).files[name];
}

/**
 * Freezes the demo items (published versions with a pinned flowchart and nothing frozen yet) on
 * first start, as the system, each under its own audit record. An item whose bundle has errors
 * stops the start-up with the diagnostics: the repository's `npm run freeze -- --check` keeps that
 * from happening.
 */
export async function freezePublishedSources(ctx: ServiceContext, root: string): Promise<number> {
	const candidates = catalogue
		.listPublishedEntryIds(ctx.db)
		.filter((id) => !frozen.currentFrozen(ctx.db, id));
	let count = 0;
	for (const id of candidates) {
		const entry = catalogue.getEntry(ctx.db, id)!;
		const v = catalogue.getVersion(ctx.db, entry.id, entry.published_version!)!;
		if (v.flow_revision === null) continue;
		const b = bundleOf(ctx.db, entry, v);
		const result = await compileBundle(b.source, null);
		if (!result.ok)
			throw new Error(
				`示例事项 ${entry.code} 无法固化：${result.diagnostics.map((d) => d.message).join('；')}`
			);
		const prepared: PreparedFreeze = {
			versionId: v.id,
			flowRevision: b.flowRevision!,
			formRevision: b.formRevision,
			files: result.files,
			contentHash: result.contentHash,
			sourceHash: result.sourceHash
		};
		const sys = { ...ctx, actor: SYSTEM_ACTOR };
		const row = inTransaction(sys, () => {
			const rec = audit(sys, {
				action: 'freeze.sources',
				objectType: 'catalogue_entry',
				objectId: entry.code,
				payload: {
					version: v.version,
					contentHash: result.contentHash,
					sourceHash: result.sourceHash
				}
			});
			return recordFreeze(sys, entry, v, prepared, {
				at: v.published_at ?? rec.at,
				auditSeq: rec.seq
			});
		});
		writeFrozenFiles(root, row);
		count++;
	}
	if (count) recordCheckpoint(ctx.db, ctx.clock, 'freeze');
	return count;
}

export interface FrozenSummary {
	version: number;
	approvedAt: string;
	contentHash: string;
	compilerVersion: string;
}

/** The frozen versions of an item, newest (the one in force for new cases) first. */
export function frozenVersionsOf(db: Db, code: string): FrozenSummary[] {
	const entry = catalogue.getEntryByCode(db, code);
	if (!entry) return [];
	return frozen.listFrozen(db, entry.id).map((r) => ({
		version: r.version,
		approvedAt: r.approved_at,
		contentHash: r.content_hash,
		compilerVersion: r.compiler_version
	}));
}
