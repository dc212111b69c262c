/**
 * What the supervision console drills down to: the cases behind a figure of the overview, and one
 * case with its warnings, exceptions, timeline (every recorded event), audit records and the frozen
 * definition it ran on.
 */
import type { RuntimeDefinition } from '../../compiler/types';
import { AppError } from '../../domain/errors';
import type { Db } from '../db/connection';
import { listAudit, type AuditRow } from '../repositories/audit-repository';
import * as cases from '../repositories/case-repository';
import type { CaseStatus } from '../../engine/types';
import type { ServiceContext } from './context';
import type { ExceptionType, Severity } from './supervision-service';
import { definitionOf } from './runner-service';

export const DRILL_FILTERS = ['open', 'yellow', 'red'] as const;
export type DrillFilter = (typeof DRILL_FILTERS)[number];

export interface DrillCase {
	caseNo: string;
	itemCode: string;
	itemName: string;
	applicant: string;
	status: CaseStatus;
	origin: cases.CaseOrigin;
	warningLevel: 'none' | 'yellow' | 'red';
	submittedAt: string;
	promisedDue: string | null;
}

const LIMIT = 500;

/**
 * Open cases of a department (at most 500, the most urgent first): all, or those whose worst
 * warning is yellow or red. Undefined when there is no such department.
 */
export function departmentCases(
	db: Db,
	code: string,
	filter: DrillFilter
): { department: { code: string; name: string }; cases: DrillCase[]; more: boolean } | undefined {
	const department = db
		.prepare('SELECT id, code, name FROM departments WHERE code = ?')
		.get(code) as { id: number; code: string; name: string } | undefined;
	if (!department) return undefined;
	const level = filter === 'open' ? '' : 'AND c.warning_level = @level';
	const rows = db
		.prepare(
			`SELECT c.case_no, c.item_code, c.applicant_name, c.status, c.origin, c.warning_level,
				c.submitted_at, c.promised_due, v.content AS content
			 FROM cases c
			 LEFT JOIN catalogue_versions v ON v.id = (
				SELECT id FROM catalogue_versions WHERE entry_id = c.entry_id ORDER BY version DESC LIMIT 1)
			 WHERE c.department_id = @department AND c.closed_at IS NULL ${level}
			 ORDER BY CASE c.warning_level WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END,
				c.promised_due IS NULL, c.promised_due, c.id
			 LIMIT @limit`
		)
		.all({ department: department.id, level: filter, limit: LIMIT + 1 }) as {
		case_no: string;
		item_code: string;
		applicant_name: string;
		status: CaseStatus;
		origin: cases.CaseOrigin;
		warning_level: 'none' | 'yellow' | 'red';
		submitted_at: string;
		promised_due: string | null;
		content: string | null;
	}[];
	return {
		department: { code: department.code, name: department.name },
		more: rows.length > LIMIT,
		cases: rows.slice(0, LIMIT).map((r) => ({
			caseNo: r.case_no,
			itemCode: r.item_code,
			itemName: r.content ? (JSON.parse(r.content) as { name: string }).name : r.item_code,
			applicant: r.applicant_name,
			status: r.status,
			origin: r.origin,
			warningLevel: r.warning_level,
			submittedAt: r.submitted_at,
			promisedDue: r.promised_due
		}))
	};
}

export interface CaseWarningView {
	scope: 'promised' | 'statutory' | 'step';
	node: string | null;
	stepName: string | null;
	level: 'yellow' | 'red';
	due: string;
	limitDays: number;
	usedDays: number;
	raisedAt: string;
}

export interface CaseExceptionView {
	id: number;
	type: ExceptionType;
	severity: Severity;
	status: 'open' | 'notified' | 'closed';
	evidence: Record<string, unknown>;
	raisedAt: string;
}

export interface DefinitionStep {
	id: string;
	kind: string;
	name: string;
	post: string | null;
	limitDays: number | null;
	control: string | null;
}

export interface CaseSupervisionView {
	caseNo: string;
	itemCode: string;
	itemVersion: number;
	contentHash: string;
	origin: cases.CaseOrigin;
	status: CaseStatus;
	applicant: string;
	department: string | null;
	warningLevel: 'none' | 'yellow' | 'red';
	submittedAt: string;
	acceptedAt: string | null;
	promisedDue: string | null;
	statutoryDue: string | null;
	closedAt: string | null;
	workingDays: number | null;
	onTime: number | null;
	supplements: number;
	warnings: CaseWarningView[];
	exceptions: CaseExceptionView[];
	events: { seq: number; type: string; actor: string; at: string; detail: string }[];
	audit: AuditRow[];
	/** The frozen definition (engine-run cases); null for recorded ones. */
	definition: { name: string; steps: DefinitionStep[] } | null;
}

function stepsOf(def: RuntimeDefinition): DefinitionStep[] {
	return Object.entries(def.nodes).map(([id, n]) => ({
		id,
		kind: n.kind,
		name: n.name,
		post:
			'post' in n && n.post
				? 'department' in n && n.department
					? `${n.department.name} ${n.post.name}`
					: n.post.name
				: null,
		limitDays: n.kind === 'task' ? n.limitDays : n.kind === 'supplement' ? n.limitDays : null,
		control:
			n.kind === 'task' && n.control
				? `${n.control.description}${n.control.secondPerson ? '（须另一人办理）' : ''}`
				: null
	}));
}

/** One case as supervision sees it; CASE_NOT_FOUND when there is none. */
export function caseSupervision(
	ctx: ServiceContext,
	root: string,
	caseNo: string
): CaseSupervisionView {
	const row = cases.getCaseByNo(ctx.db, caseNo);
	if (!row) throw new AppError('CASE_NOT_FOUND', 'caseNo');
	const department = row.department_id
		? (
				ctx.db.prepare('SELECT name FROM departments WHERE id = ?').get(row.department_id) as
					{ name: string } | undefined
			)?.name
		: undefined;
	let definition: CaseSupervisionView['definition'] = null;
	let names: Record<string, string> = {};
	if (row.origin === 'engine') {
		const { definition: def } = definitionOf(ctx, root, row.item_code, row.item_version);
		definition = { name: def.item.name, steps: stepsOf(def) };
		names = Object.fromEntries(Object.entries(def.nodes).map(([id, n]) => [id, n.name]));
	}
	const warnings = (
		ctx.db
			.prepare(
				`SELECT scope, node, level, due, limit_days, used_days, raised_at FROM case_warnings
				 WHERE case_id = ? ORDER BY level DESC, due`
			)
			.all(row.id) as {
			scope: CaseWarningView['scope'];
			node: string | null;
			level: 'yellow' | 'red';
			due: string;
			limit_days: number;
			used_days: number;
			raised_at: string;
		}[]
	).map((w) => ({
		scope: w.scope,
		node: w.node,
		stepName: w.node ? (names[w.node] ?? w.node) : null,
		level: w.level,
		due: w.due,
		limitDays: w.limit_days,
		usedDays: w.used_days,
		raisedAt: w.raised_at
	}));
	const exceptions = (
		ctx.db
			.prepare(
				`SELECT id, type, severity, status, evidence, raised_at FROM supervision_exceptions
				 WHERE case_id = ? ORDER BY id`
			)
			.all(row.id) as {
			id: number;
			type: ExceptionType;
			severity: Severity;
			status: 'open' | 'notified' | 'closed';
			evidence: string;
			raised_at: string;
		}[]
	).map((e) => ({
		id: e.id,
		type: e.type,
		severity: e.severity,
		status: e.status,
		evidence: JSON.parse(e.evidence) as Record<string, unknown>,
		raisedAt: e.raised_at
	}));
	return {
		caseNo: row.case_no,
		itemCode: row.item_code,
		itemVersion: row.item_version,
		contentHash: row.content_hash,
		origin: row.origin,
		status: row.status as CaseStatus,
		applicant: row.applicant_name,
		department: department ?? null,
		warningLevel: row.warning_level,
		submittedAt: row.submitted_at,
		acceptedAt: row.accepted_at,
		promisedDue: row.promised_due,
		statutoryDue: row.statutory_due,
		closedAt: row.closed_at,
		workingDays: row.working_days,
		onTime: row.on_time,
		supplements: row.supplements,
		warnings,
		exceptions,
		events: cases.listEvents(ctx.db, row.id).map((e) => ({
			seq: e.seq,
			type: e.type,
			actor: e.actor,
			at: e.at,
			detail: e.event
		})),
		audit: listAudit(ctx.db, { objectType: 'case', objectId: row.case_no, limit: 500 }).reverse(),
		definition
	};
}
