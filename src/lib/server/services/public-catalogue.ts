import { normalizeContent } from '../../domain/catalogue/normalize';
import { AppError } from '../../domain/errors';
import { CATEGORIES, type CatalogueContent, type Category } from '../../domain/catalogue/types';
import { highlight, parseQuery, snippet, type Segment } from '../../domain/search-text';
import type { Db } from '../db/connection';
import * as repo from '../repositories/catalogue-repository';
import { listDepartments } from '../repositories/org-repository';
import { searchDocument } from './catalogue-service';

/** What the public sees of an entry: the published version of every disclosed element. */
export interface PublicEntry {
	code: string;
	name: string;
	category: Category;
	department: { code: string; name: string };
	version: number;
	publishedAt: string;
	content: CatalogueContent;
}

export interface PublicHit {
	code: string;
	name: string;
	category: Category;
	department: { code: string; name: string };
	version: number;
	publishedAt: string;
	/** The name split for highlighting, and a highlighted excerpt from where else the query matched. */
	nameSegments: Segment[];
	matched: { field: 'basis' | 'materials' | 'other'; segments: Segment[] } | null;
}

export interface CatalogueQuery {
	q?: string | null;
	department?: string | null;
	category?: string | null;
	page?: number;
	pageSize?: number;
}

export const PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** The longest search the catalogue takes (the API refuses longer; the hall's box keeps to it). */
export const MAX_QUERY_LENGTH = 100;

/**
 * What the API refuses in a catalogue query (the hall's page shows nothing instead): a search
 * longer than MAX_QUERY_LENGTH, a department code that is not one of the county's, a category that
 * is not one. An AppError naming the parameter, or null when the query can be run as asked.
 */
export function catalogueQueryProblem(db: Db, query: CatalogueQuery): AppError | null {
	const shown = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);
	if ((query.q ?? '').trim().length > MAX_QUERY_LENGTH)
		return new AppError('CATALOGUE_Q_TOO_LONG', 'q', { max: MAX_QUERY_LENGTH });
	if (query.department && !listDepartments(db).some((d) => d.code === query.department))
		return new AppError('CATALOGUE_DEPARTMENT_UNKNOWN', 'department', {
			value: shown(query.department)
		});
	if (query.category && !CATEGORIES.some((c) => c === query.category))
		return new AppError('CATALOGUE_CATEGORY_UNKNOWN', 'category', { value: shown(query.category) });
	return null;
}

function toPublic(row: repo.PublishedRow): PublicEntry {
	return {
		code: row.code,
		name: JSON.parse(row.content).name as string,
		category: row.category,
		department: { code: row.department_code, name: row.department_name },
		version: row.version,
		publishedAt: row.published_at,
		content: normalizeContent(JSON.parse(row.content), row.category)
	};
}

/** One published entry by its item code, or undefined (never published, unknown or retired). */
export function publishedEntry(db: Db, code: string): PublicEntry | undefined {
	const row = repo.getPublishedByCode(db, code);
	return row ? toPublic(row) : undefined;
}

/** Searches and browses the published catalogue: filters by department code and category, pages of 20. */
export function queryCatalogue(db: Db, query: CatalogueQuery) {
	const q = (query.q ?? '').trim().slice(0, MAX_QUERY_LENGTH);
	const parsed = parseQuery(q);
	const department = query.department
		? listDepartments(db).find((d) => d.code === query.department)
		: undefined;
	const category = CATEGORIES.find((c) => c === query.category) ?? null;
	const pageSize = Math.min(Math.max(1, Math.floor(query.pageSize ?? PAGE_SIZE)), MAX_PAGE_SIZE);
	const page = Math.max(1, Math.floor(query.page ?? 1) || 1);
	const unknownDepartment = !!query.department && !department;
	const { rows, total } = unknownDepartment
		? { rows: [], total: 0 }
		: repo.searchPublished(db, {
				match: parsed.match,
				departmentId: department?.id ?? null,
				category,
				limit: pageSize,
				offset: (page - 1) * pageSize
			});
	const entries = rows.map(toPublic);
	const hits: PublicHit[] = entries.map((entry) => {
		let matched: PublicHit['matched'] = null;
		if (parsed.terms.length && !snippet(entry.name, parsed.terms)) {
			const doc = searchDocument(entry.content);
			for (const field of ['basis', 'materials', 'other'] as const) {
				const segments = snippet(doc[field], parsed.terms);
				if (segments) {
					matched = { field, segments };
					break;
				}
			}
		}
		return {
			code: entry.code,
			name: entry.name,
			category: entry.category,
			department: entry.department,
			version: entry.version,
			publishedAt: entry.publishedAt,
			nameSegments: highlight(entry.name, parsed.terms),
			matched
		};
	});
	return {
		q,
		terms: parsed.terms,
		department: department?.code ?? null,
		category,
		page,
		pageSize,
		total,
		pages: Math.max(1, Math.ceil(total / pageSize)),
		hits,
		/** The page's entries in full (what the API returns), in the order of `hits`. */
		entries
	};
}

/** Every published entry, in catalogue order (department, category, code), for downloads. */
export function allPublished(db: Db): PublicEntry[] {
	const out: PublicEntry[] = [];
	for (let offset = 0; ; offset += 500) {
		const { rows } = repo.searchPublished(db, { limit: 500, offset });
		out.push(...rows.map(toPublic));
		if (rows.length < 500) return out;
	}
}

/** Facets for browsing: published counts per department and category. */
export function catalogueFacets(db: Db) {
	return repo.publishedCounts(db);
}
