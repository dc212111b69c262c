import { canonicalJson } from '../../domain/canonical-json';
import { AppError } from '../../domain/errors';
import { sha256Hex } from '../../domain/hash';
import * as catalogue from '../repositories/catalogue-repository';
import * as repo from '../repositories/design-repository';
import { getUser } from '../repositories/user-repository';
import { audit, inTransaction, type ServiceContext } from './context';

const FORMATS: Record<repo.DesignKind, string> = { flow: 'sunlit.flow', form: 'sunlit.form' };
const MAX_DOCUMENT_BYTES = 2_000_000;

/** A save refused because someone saved a newer revision meanwhile; the caller keeps its work. */
export class DesignStaleError extends AppError {
	constructor(
		readonly current: number,
		savedBy: string,
		savedAt: string
	) {
		super('DESIGN_STALE', undefined, { current, savedBy, savedAt });
	}
}

/** Editors of the entry's department and the legal office may design an item's flow and form. */
function requireDesigner(ctx: ServiceContext, entry: catalogue.EntryRow): void {
	if (ctx.actor.roles.includes('legal')) return;
	if (ctx.actor.roles.includes('editor') && ctx.actor.id !== null) {
		const u = getUser(ctx.db, ctx.actor.id);
		if (u?.departmentId === entry.department_id) return;
		throw new AppError('ENTRY_OTHER_DEPARTMENT');
	}
	throw new AppError('NOT_A_DESIGNER');
}

function checkDocument(
	kind: repo.DesignKind,
	entry: catalogue.EntryRow,
	document: unknown
): string {
	const d = document as { format?: unknown; version?: unknown; item?: unknown } | null;
	if (!d || typeof d !== 'object' || d.format !== FORMATS[kind] || d.version !== 1)
		throw new AppError('DESIGN_FORMAT_INVALID', undefined, { format: FORMATS[kind] });
	if (d.item !== entry.code)
		throw new AppError('DESIGN_ITEM_MISMATCH', undefined, {
			item: String(d.item),
			code: entry.code
		});
	const json = canonicalJson(document);
	if (json.length > MAX_DOCUMENT_BYTES) throw new AppError('DESIGN_TOO_LARGE');
	return json;
}

export interface SavedDesign {
	revision: number;
	hash: string;
	savedAt: string;
}

/**
 * Saves a new revision of an entry's flow or form, based on `baseRevision` (0 for the first).
 * If someone saved after that revision the save is refused with DESIGN_STALE, naming who and
 * when; nothing is overwritten. Saving an identical document is not a new revision.
 */
export function saveDesign(
	ctx: ServiceContext,
	entryId: number,
	kind: repo.DesignKind,
	baseRevision: number,
	document: unknown
): SavedDesign {
	const entry = catalogue.getEntry(ctx.db, entryId);
	if (!entry) throw new AppError('ENTRY_NOT_FOUND', 'id');
	requireDesigner(ctx, entry);
	const json = checkDocument(kind, entry, document);
	const hash = sha256Hex(json);
	const at = ctx.clock.now().toISOString();
	return inTransaction(ctx, () => {
		const latest = repo.latestRevision(ctx.db, entryId, kind);
		const current = latest?.revision ?? 0;
		if (current !== baseRevision)
			throw new DesignStaleError(current, latest?.saved_by_name ?? '', latest?.saved_at ?? '');
		if (latest && latest.hash === hash)
			return { revision: current, hash, savedAt: latest.saved_at };
		const revision = current + 1;
		repo.insertRevision(ctx.db, {
			entry_id: entryId,
			kind,
			revision,
			document: json,
			hash,
			saved_at: at,
			saved_by: ctx.actor.id
		});
		audit(ctx, {
			action: `design.${kind}.save`,
			objectType: 'catalogue_entry',
			objectId: entry.code,
			payload: { revision, hash }
		});
		return { revision, hash, savedAt: at };
	});
}

export interface LoadedDesign<T> {
	revision: number;
	document: T | null;
	savedAt: string | null;
	savedBy: string | null;
}

/** The newest revision of an entry's flow or form (revision 0 and no document when none yet). */
export function loadDesign<T>(
	ctx: ServiceContext,
	entryId: number,
	kind: repo.DesignKind
): LoadedDesign<T> {
	const r = repo.latestRevision(ctx.db, entryId, kind);
	if (!r) return { revision: 0, document: null, savedAt: null, savedBy: null };
	return {
		revision: r.revision,
		document: JSON.parse(r.document) as T,
		savedAt: r.saved_at,
		savedBy: r.saved_by_name ?? null
	};
}

/** The flow or form pinned to an entry's published version (what the public sees), if any. */
export function publishedDesign<T>(
	ctx: Pick<ServiceContext, 'db'>,
	code: string,
	kind: repo.DesignKind
): { revision: number; document: T } | null {
	const entry = catalogue.getEntryByCode(ctx.db, code);
	if (!entry || entry.published_version === null || entry.retired_at) return null;
	const v = catalogue.getVersion(ctx.db, entry.id, entry.published_version);
	const pinned = kind === 'flow' ? v?.flow_revision : v?.form_revision;
	if (!pinned) return null;
	const r = repo.getRevision(ctx.db, entry.id, kind, pinned);
	return r ? { revision: r.revision, document: JSON.parse(r.document) as T } : null;
}

/** Pins the latest flow and form revisions to a catalogue version (call inside the approval). */
export function pinLatestDesigns(
	ctx: ServiceContext,
	entryId: number,
	versionId: number
): { flow: number | null; form: number | null } {
	const flow = repo.latestRevision(ctx.db, entryId, 'flow')?.revision ?? null;
	const form = repo.latestRevision(ctx.db, entryId, 'form')?.revision ?? null;
	repo.pinRevisions(ctx.db, versionId, flow, form);
	return { flow, form };
}

/**
 * Loads the demo items' flowcharts and forms as their first revision and pins them to the
 * published version, on a catalogue just loaded from source files. Items that already have a
 * design are left alone; an unknown item code is an error naming the file.
 */
export function loadDesignSources(
	ctx: ServiceContext,
	files: readonly { name: string; kind: repo.DesignKind; document: { item: string } }[]
): number {
	return inTransaction(ctx, () => {
		let loaded = 0;
		for (const f of files) {
			const entry = catalogue.getEntryByCode(ctx.db, f.document.item);
			if (!entry) throw new Error(`设计源文件 ${f.name} 指向不存在的事项 ${f.document.item}`);
			if (repo.latestRevision(ctx.db, entry.id, f.kind)) continue;
			const json = checkDocument(f.kind, entry, f.document);
			repo.insertRevision(ctx.db, {
				entry_id: entry.id,
				kind: f.kind,
				revision: 1,
				document: json,
				hash: sha256Hex(json),
				saved_at: ctx.clock.now().toISOString(),
				saved_by: null
			});
			if (entry.published_version !== null) {
				const v = catalogue.getVersion(ctx.db, entry.id, entry.published_version)!;
				pinLatestDesigns(ctx, entry.id, v.id);
			}
			loaded++;
		}
		if (loaded)
			audit(ctx, {
				action: 'design.import.sources',
				objectType: 'catalogue',
				objectId: null,
				payload: { files: files.map((f) => f.name) }
			});
		return loaded;
	});
}
