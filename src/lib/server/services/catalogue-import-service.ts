/**
 * Bulk import of catalogue entries from a spreadsheet (批量导入), in two steps: `planImport`
 * says what each row would do — 新增 (no item code), 修改 (an existing code: a new draft version
 * for review, listing every element that changes, old → new) or 无改动 — and which rows are
 * refused, with row, column and reason; `importEntries` carries the plan out in one transaction,
 * or nothing at all while any row is refused. Duplicate names, within the file or against the
 * catalogue, are warnings: they do not stop the import.
 */
import { canonicalJson } from '../../domain/canonical-json';
import { AppError } from '../../domain/errors';
import { sha256Hex } from '../../domain/hash';
import { normalizeContent } from '../../domain/catalogue/normalize';
import type { CatalogueContent } from '../../domain/catalogue/types';
import { translate, type MessageKey, type Params } from '../../i18n';
import {
	CODE_COLUMN,
	columnHeader,
	MAX_IMPORT_ROWS,
	sheetCells,
	type ParsedRow,
	type RowProblem
} from '../catalogue/spreadsheet';
import * as repo from '../repositories/catalogue-repository';
import * as org from '../repositories/org-repository';
import { createEntry, editorDepartment, saveDraft, startRevision } from './catalogue-service';
import { audit, inTransaction, type ServiceContext } from './context';

const zh = (key: MessageKey, params?: Params) => translate('zh', key, params);

/** Import refused: `rows` are the rows with problems (each naming its row and column). Nothing was created. */
export class ImportHasErrorsError extends AppError {
	constructor(readonly rows: ParsedRow[]) {
		super('IMPORT_HAS_ERRORS', undefined, {
			rows: rows.length,
			problems: rows.reduce((n, r) => n + r.problems.length, 0)
		});
	}
}

/** One element an update changes, as the sheet's cell text before and after. */
export interface ElementChange {
	column: string;
	from: string;
	to: string;
}

/** A note on a row that does not stop the import (a duplicate name). */
export interface RowWarning {
	row: number;
	column: string;
	columnLetter: string;
	message: string;
}

/** What one row of the file would do. */
export type PlannedRow =
	| { row: number; action: 'create'; name: string }
	| {
			row: number;
			action: 'update';
			name: string;
			code: string;
			entryId: number;
			/** The version the new draft starts from (the published one). */
			fromVersion: number;
			changes: ElementChange[];
	  }
	| { row: number; action: 'same'; name: string; code: string; entryId: number };

export interface ImportPlan {
	/** Every row that could be read and is not refused, in file order. */
	rows: PlannedRow[];
	/** The rows refused, with their problems; while there is one, nothing is imported. */
	refused: ParsedRow[];
	warnings: RowWarning[];
	/**
	 * A digest of what the import would do (rows, their contents and the versions they start
	 * from): confirming with it refuses the import if the catalogue changed since the preview.
	 */
	fingerprint: string;
}

/** Names as compared for duplicates: no spaces, half-width brackets as full-width. */
const nameKey = (name: string) =>
	name.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

const problem = (
	column: string,
	columnLetter: string,
	key: MessageKey,
	params?: Params
): RowProblem => ({ column, columnLetter, message: zh(key, params) });

/** The elements `next` changes in `base`, by the sheet's cell text. */
function changesOf(base: CatalogueContent, next: CatalogueContent): ElementChange[] {
	const after = sheetCells(next);
	return sheetCells(base).flatMap((b, i) =>
		b.text === after[i]!.text ? [] : [{ column: b.column, from: b.text, to: after[i]!.text }]
	);
}

/**
 * `base` with the elements whose cell text differs taken from `next`: an element left as it was
 * exported keeps its stored value exactly (the sheet replaces a “|” inside a list part).
 */
function merged(base: CatalogueContent, next: CatalogueContent): CatalogueContent {
	const after = sheetCells(next);
	const out = { ...base } as Record<string, unknown>;
	sheetCells(base).forEach((b, i) => {
		if (b.text !== after[i]!.text) out[b.key] = next[b.key];
	});
	return out as unknown as CatalogueContent;
}

interface Planned {
	plan: ImportPlan;
	/** The content each create or update row writes, by spreadsheet row. */
	contents: Map<number, CatalogueContent>;
}

function plan(ctx: ServiceContext, rows: readonly ParsedRow[], departmentId: number): Planned {
	const planned: PlannedRow[] = [];
	const refused: ParsedRow[] = [];
	const contents = new Map<number, CatalogueContent>();
	const codeRows = new Map<string, number>();

	for (const r of rows) {
		const problems: RowProblem[] = [];
		let outcome: PlannedRow | undefined;
		const content = r.content;
		if (r.code) {
			const code = r.code.value;
			const codeProblem = (key: MessageKey, params?: Params) =>
				problems.push(problem(CODE_COLUMN, r.code!.columnLetter, key, { code, ...params }));
			const e = repo.getEntryByCode(ctx.db, code);
			const seenAt = codeRows.get(code);
			if (seenAt !== undefined) codeProblem('import.problem.codeTwice', { row: seenAt });
			else if (!e || e.department_id !== departmentId) codeProblem('import.problem.codeUnknown');
			else if (e.retired_at) codeProblem('import.problem.codeRetired');
			else if (content && content.category !== e.category)
				problems.push(
					problem(columnHeader('category'), r.letters.category, 'import.problem.categoryLocked', {
						code,
						category: zh(`category.${e.category}`),
						value: zh(`category.${content.category}`)
					})
				);
			else if (content) {
				const open = repo.getOpenVersion(ctx.db, e.id);
				const published =
					e.published_version === null
						? undefined
						: repo.getVersion(ctx.db, e.id, e.published_version);
				// An unchanged row is 无改动 even while a version is in progress: that is what was exported.
				const current = open ?? published;
				const base = current && normalizeContent(JSON.parse(current.content), e.category);
				const changes = base ? changesOf(base, content) : [];
				if (base && changes.length === 0)
					outcome = { row: r.row, action: 'same', name: content.name, code, entryId: e.id };
				else if (open)
					codeProblem('import.problem.codeOpen', {
						version: open.version,
						status: zh(`status.${open.status}`)
					});
				else if (published && base) {
					outcome = {
						row: r.row,
						action: 'update',
						name: content.name,
						code,
						entryId: e.id,
						fromVersion: published.version,
						changes
					};
					contents.set(r.row, merged(base, content));
				} else codeProblem('import.problem.codeUnknown');
			}
			if (seenAt === undefined) codeRows.set(code, r.row);
		} else if (content) {
			outcome = { row: r.row, action: 'create', name: content.name };
			contents.set(r.row, content);
		}
		if (problems.length || r.problems.length || !content || !outcome)
			refused.push({ ...r, problems: [...problems, ...r.problems] });
		else planned.push(outcome);
	}

	const warnings = nameWarnings(ctx, rows);
	const fingerprint = sha256Hex(
		canonicalJson({
			rows: planned,
			contents: [...contents].map(([row, c]) => [row, sha256Hex(canonicalJson(c))]),
			refused: refused.map((r) => [r.row, r.problems])
		})
	);
	return { plan: { rows: planned, refused, warnings, fingerprint }, contents };
}

/** Rows whose name another row of the file or another entry of the catalogue already has. */
function nameWarnings(ctx: ServiceContext, rows: readonly ParsedRow[]): RowWarning[] {
	const named = rows.filter((r) => r.content && r.content.name.trim());
	const byName = new Map<string, number[]>();
	for (const r of named) {
		const k = nameKey(r.content!.name);
		byName.set(k, [...(byName.get(k) ?? []), r.row]);
	}
	const catalogue = new Map<string, repo.StudioRow[]>();
	for (const e of repo.listCurrentEntries(ctx.db)) {
		if (!e.name) continue;
		const k = nameKey(e.name);
		catalogue.set(k, [...(catalogue.get(k) ?? []), e]);
	}
	const ownDepartment = editorDepartment(ctx);
	const warnings: RowWarning[] = [];
	for (const r of named) {
		const k = nameKey(r.content!.name);
		const warn = (key: MessageKey, params: Params) =>
			warnings.push({
				row: r.row,
				column: columnHeader('name'),
				columnLetter: r.letters.name,
				message: zh(key, params)
			});
		const others = byName.get(k)!.filter((n) => n !== r.row);
		if (others.length) warn('import.warning.nameInFile', { rows: others.join('、') });
		for (const e of catalogue.get(k) ?? []) {
			if (e.code === r.code?.value) continue;
			warn(
				e.department_id === ownDepartment
					? 'import.warning.nameInDepartment'
					: 'import.warning.nameInCatalogue',
				{ name: e.name, code: e.code, department: e.department_name }
			);
		}
	}
	return warnings;
}

function checkSize(rows: readonly ParsedRow[]) {
	if (rows.length === 0) throw new AppError('IMPORT_EMPTY');
	if (rows.length > MAX_IMPORT_ROWS)
		throw new AppError('IMPORT_TOO_MANY_ROWS', undefined, {
			max: MAX_IMPORT_ROWS,
			count: rows.length
		});
}

/** What importing the rows would do, without changing anything (the preview). */
export function planImport(ctx: ServiceContext, rows: readonly ParsedRow[]): ImportPlan {
	const departmentId = editorDepartment(ctx);
	checkSize(rows);
	return plan(ctx, rows, departmentId).plan;
}

/**
 * Carries out the import in one transaction, or nothing: any refused row refuses the whole
 * import with `ImportHasErrorsError`. Rows without a code become new draft entries of the
 * editor's department; rows with a code of a published entry whose elements differ become a new
 * draft version of it (a revision, for the legal office to review), with only those elements
 * changed; unchanged rows are left alone. With `fingerprint` (from the preview), refuses with
 * IMPORT_PLAN_CHANGED when the plan is no longer the one previewed. At most `MAX_IMPORT_ROWS`
 * rows. Audited as one `catalogue.import` record besides each entry's own records.
 */
export function importEntries(
	ctx: ServiceContext,
	rows: readonly ParsedRow[],
	source: { filename?: string; fingerprint?: string } = {}
): {
	created: { row: number; code: string; entryId: number }[];
	revised: { row: number; code: string; entryId: number; version: number }[];
	unchanged: number;
} {
	const departmentId = editorDepartment(ctx);
	checkSize(rows);
	return inTransaction(ctx, () => {
		const { plan: p, contents } = plan(ctx, rows, departmentId);
		if (p.refused.length) throw new ImportHasErrorsError(p.refused);
		if (source.fingerprint !== undefined && source.fingerprint !== p.fingerprint)
			throw new AppError('IMPORT_PLAN_CHANGED');
		if (!p.rows.some((r) => r.action !== 'same')) throw new AppError('IMPORT_NO_CHANGES');
		const created: { row: number; code: string; entryId: number }[] = [];
		const revised: { row: number; code: string; entryId: number; version: number }[] = [];
		for (const r of p.rows) {
			if (r.action === 'create')
				created.push({ row: r.row, ...createEntry(ctx, contents.get(r.row)) });
			else if (r.action === 'update') {
				const version = startRevision(ctx, r.entryId);
				saveDraft(ctx, r.entryId, contents.get(r.row));
				revised.push({ row: r.row, code: r.code, entryId: r.entryId, version });
			}
		}
		const unchanged = p.rows.filter((r) => r.action === 'same').length;
		audit(ctx, {
			action: 'catalogue.import',
			objectType: 'catalogue',
			objectId: org.getDepartment(ctx.db, departmentId)?.code ?? null,
			payload: {
				count: created.length,
				codes: created.map((c) => c.code),
				...(revised.length ? { revised: revised.map((r) => r.code) } : {}),
				...(unchanged ? { unchanged } : {}),
				...(source.filename ? { file: source.filename } : {})
			}
		});
		return { created, revised, unchanged };
	});
}
