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
import { getDepartment, listDepartments } from '../repositories/org-repository';
import * as sv from '../repositories/supervision-repository';
import type { CaseStatus } from '../../engine/types';
import type { ServiceContext } from './context';
import type { ExceptionType, Severity } from './supervision-service';
import { evidenceLines } from '../../supervision/notices';
import { itemNameOf } from './recorded-case-service';
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
	const department = listDepartments(db, { includeDisabled: true }).find((d) => d.code === code);
	if (!department) return undefined;
	const rows = sv.departmentOpenCases(
		db,
		department.id,
		filter === 'open' ? null : filter,
		LIMIT + 1
	);
	const names = new Map<string, string>();
	const nameOf = (item: string) => {
		let name = names.get(item);
		if (name === undefined) names.set(item, (name = itemNameOf(db, item)));
		return name;
	};
	return {
		department: { code: department.code, name: department.name },
		more: rows.length > LIMIT,
		cases: rows.slice(0, LIMIT).map((r) => ({
			caseNo: r.case_no,
			itemCode: r.item_code,
			itemName: nameOf(r.item_code),
			applicant: r.applicant_name,
			status: r.status as CaseStatus,
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
	/** The evidence as key/value lines (the exceptions page's way). */
	evidence: { key: string; value: string }[];
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
	const department = row.department_id ? getDepartment(ctx.db, row.department_id)?.name : undefined;
	let definition: CaseSupervisionView['definition'] = null;
	let names: Record<string, string> = {};
	if (row.origin === 'engine') {
		const { definition: def } = definitionOf(ctx, root, row.item_code, row.item_version);
		definition = { name: def.item.name, steps: stepsOf(def) };
		names = Object.fromEntries(Object.entries(def.nodes).map(([id, n]) => [id, n.name]));
	}
	const warnings = sv.caseWarningRows(ctx.db, row.id).map((w) => ({
		scope: w.scope,
		node: w.node,
		stepName: w.node ? (names[w.node] ?? w.node) : null,
		level: w.level,
		due: w.due,
		limitDays: w.limit_days,
		usedDays: w.used_days,
		raisedAt: w.raised_at
	}));
	const exceptions = sv.caseExceptionRows(ctx.db, row.id).map((e) => ({
		id: e.id,
		type: e.type as ExceptionType,
		severity: e.severity as Severity,
		status: e.status,
		evidence: evidenceLines(e.evidence),
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
