/**
 * Cases run outside the built-in engine, kept in the same `cases` table so the hall, tracking and
 * supervision read one table: 线下办件登记 (`offline`, an officer records a case handled on paper)
 * and 实时报送 (`pushed`, a department's own system sends its cases' key process data). Both are
 * checked the same way — the GB/T 39046 record schema (ajv, 2020-12), times in order, the item in
 * the department's published catalogue — and stored the same way: each dataset becomes an
 * immutable `case_events` row and a hash-chained audit record named by its dataset, all in one
 * transaction. They get a case number and a query code like any other case.
 */
import { chinaDate } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import {
	CASE_RECORD_SCHEMA,
	CHANNEL_OF_SOURCE,
	engineCaseRecords,
	foldRecorded,
	laterEvents,
	OUTCOME_OF_RESULT,
	receivedEvent,
	reconcile,
	recordedCaseRecords,
	recordedTimeline,
	recordProblems,
	type CaseHeader,
	type CaseRecordPayload,
	type Gbt39046Case,
	type RecordedEvent,
	type RecordedProjection,
	type RecordProblem
} from '../../domain/gbt39046/index';
import type { CaseState } from '../../engine/types';
import { createValidator } from '../../forms/ajv';
import type { Db } from '../db/connection';
import * as cases from '../repositories/case-repository';
import * as catalogue from '../repositories/catalogue-repository';
import * as org from '../repositories/org-repository';
import { audit, inTransaction, type ServiceContext } from './context';
import { reportRecordedEvents } from './feed-service';
import { definitionOf, newQueryCode, queryHash, type TrackingView } from './runner-service';
import { recordedEventTimes, superviseRecorded } from './supervision-service';

/** A record that does not pass the checks; every problem named by its field path. Nothing stored. */
export class RecordInvalidError extends AppError {
	constructor(readonly problems: RecordProblem[]) {
		super('RECORD_INVALID', problems[0]?.field, { count: problems.length });
	}
}

/** A re-push that would change what is recorded (recorded events are never rewritten). */
export class RecordConflictError extends AppError {
	constructor(readonly problem: RecordProblem) {
		super('PUSH_CONFLICT', problem.field);
	}
}

export interface RecordingDepartment {
	id: number;
	code: string;
	name: string;
}

const TIME_FIELDS = /(时间)$/;

/** Schema problems as record problems: a malformed time is DATE_TIME, an empty text REQUIRED. */
function schemaProblems(payload: unknown): RecordProblem[] {
	return createValidator(CASE_RECORD_SCHEMA)(payload).errors.map((e) =>
		e.code === 'PATTERN' && TIME_FIELDS.test(e.field) && !e.field.endsWith('承诺办结时间')
			? { field: e.field, code: 'DATE_TIME', params: {} }
			: e.code === 'TOO_SHORT' && e.params.min === 1
				? { field: e.field, code: 'REQUIRED', params: {} }
				: e
	);
}

/** Every problem of a record for the department; the published entry when there is none. */
export function checkRecord(
	db: Db,
	payload: unknown,
	department: RecordingDepartment,
	now: Date,
	opts: { requireSourceRef: boolean }
): { payload: CaseRecordPayload; entry: catalogue.PublishedRow } {
	const problems = schemaProblems(payload);
	const p = payload as CaseRecordPayload;
	if (opts.requireSourceRef && payload && typeof payload === 'object' && !p.部门办件编号)
		if (!problems.some((x) => x.field === '部门办件编号'))
			problems.push({ field: '部门办件编号', code: 'REQUIRED', params: {} });
	let entry: catalogue.PublishedRow | undefined;
	if (problems.length === 0) {
		problems.push(...recordProblems(p, now.toISOString()));
		entry = catalogue.getPublishedByCode(db, p.事项编码);
		if (!entry || entry.department_code !== department.code)
			problems.push({
				field: '事项编码',
				code: 'ITEM_NOT_IN_CATALOGUE',
				params: { department: department.name }
			});
	}
	if (problems.length || !entry) throw new RecordInvalidError(problems);
	return { payload: p, entry };
}

function columns(r: RecordedProjection, at: string) {
	return {
		status: r.事项办结 ? 'closed' : 'in_progress',
		state: JSON.stringify(r),
		closed_at: r.事项办结?.办结时间 ?? null,
		outcome: r.事项办结 ? (OUTCOME_OF_RESULT[r.事项办结.办结结果] ?? 'other') : null,
		updated_at: at
	};
}

const DATASET: Record<RecordedEvent['type'], string> = {
	'recorded.received': '事项受理',
	'recorded.step': '事项办理',
	'recorded.closed': '事项办结'
};

/** Records the events (case_events rows, audit records by dataset, feed records) from `seq` on. */
function recordEvents(
	ctx: ServiceContext,
	row: { id: number; caseNo: string; origin: string; sourceRef: string | null },
	events: readonly RecordedEvent[],
	seq: number,
	at: string
) {
	events.forEach((e, i) => {
		cases.insertEvent(ctx.db, {
			case_id: row.id,
			seq: seq + i,
			type: e.type,
			actor: ctx.actor.name,
			at,
			event: JSON.stringify(e)
		});
		const base = { origin: row.origin, seq: seq + i, sourceRef: row.sourceRef };
		if (e.type === 'recorded.received') {
			audit(ctx, {
				action: 'case.recorded.application',
				objectType: 'case',
				objectId: row.caseNo,
				payload: { dataset: '办事申请', ...base, 事项编码: e.事项编码, record: e.办事申请 }
			});
			audit(ctx, {
				action: 'case.recorded.acceptance',
				objectType: 'case',
				objectId: row.caseNo,
				payload: { dataset: '事项受理', ...base, record: e.事项受理 }
			});
		} else
			audit(ctx, {
				action: e.type === 'recorded.step' ? 'case.recorded.step' : 'case.recorded.closure',
				objectType: 'case',
				objectId: row.caseNo,
				payload: {
					dataset: DATASET[e.type],
					...base,
					...(e.type === 'recorded.step'
						? { index: e.index, record: e.事项办理 }
						: { record: e.事项办结 })
				}
			});
	});
	reportRecordedEvents(
		ctx.db,
		row.id,
		row.origin as 'offline' | 'pushed',
		row.sourceRef,
		events,
		at
	);
}

export interface RecordResult {
	caseNo: string;
	/** The query code, on creation only (only its hash is kept). */
	queryCode: string | null;
	created: boolean;
	/** Events added by this call (0: the push repeated what is recorded). */
	added: number;
	status: string;
}

/**
 * Records a case handled outside the engine, or (pushed, same 部门办件编号) adds what is new to
 * it. Throws RecordInvalidError (422) or RecordConflictError (409); nothing is stored then.
 */
export function recordCase(
	ctx: ServiceContext,
	input: { origin: 'offline' | 'pushed'; department: RecordingDepartment; payload: unknown }
): RecordResult {
	const now = ctx.clock.now();
	const { payload, entry } = checkRecord(ctx.db, input.payload, input.department, now, {
		requireSourceRef: input.origin === 'pushed'
	});
	const sourceRef = input.origin === 'pushed' ? (payload.部门办件编号 ?? null) : null;
	const region = org.getRegion(ctx.db);
	if (!region) throw new AppError('REGION_MISSING');
	const at = now.toISOString();
	return inTransaction(ctx, () => {
		const existing =
			sourceRef !== null
				? cases.getCaseBySourceRef(ctx.db, input.department.id, sourceRef)
				: undefined;
		if (existing) {
			const recorded = JSON.parse(existing.state) as RecordedProjection;
			const r = reconcile(recorded, payload, input.department.name);
			if ('conflict' in r) throw new RecordConflictError(r.conflict);
			if (r.events.length === 0)
				return {
					caseNo: existing.case_no,
					queryCode: null,
					created: false,
					added: 0,
					status: existing.status
				};
			const seq = cases.listEvents(ctx.db, existing.id).length + 1;
			const events = [
				...cases.listEvents(ctx.db, existing.id).map((e) => JSON.parse(e.event) as RecordedEvent),
				...r.events
			];
			const next = foldRecorded(events);
			if (!cases.updateRecordedCase(ctx.db, existing.id, existing.version, columns(next, at)))
				throw new AppError('CASE_STALE', undefined, { current: existing.version });
			recordEvents(
				ctx,
				{ id: existing.id, caseNo: existing.case_no, origin: input.origin, sourceRef },
				r.events,
				seq,
				at
			);
			superviseRecorded(
				ctx.db,
				{ id: existing.id, case_no: existing.case_no, department_id: input.department.id },
				{ origin: input.origin, projection: next, added: recordedEventTimes(r.events) },
				now
			);
			return {
				caseNo: existing.case_no,
				queryCode: null,
				created: false,
				added: r.events.length,
				status: columns(next, at).status
			};
		}
		const events = [receivedEvent(payload, input.department.name), ...laterEvents(payload)];
		const projection = foldRecorded(events);
		const day = chinaDate(now);
		const n = cases.nextCaseSequence(ctx.db, region.code, day);
		const caseNo = `${region.code}${day.replaceAll('-', '')}${String(n).padStart(4, '0')}`;
		const queryCode = newQueryCode();
		const cols = columns(projection, at);
		const id = cases.insertCase(ctx.db, {
			case_no: caseNo,
			query_hash: queryHash(queryCode),
			entry_id: entry.id,
			item_code: entry.code,
			item_version: entry.version,
			// No frozen definition: the case was not run by the engine.
			content_hash: '',
			channel: CHANNEL_OF_SOURCE[payload.办事申请.申报来源],
			applicant_name: payload.办事申请.申请者名称.trim(),
			applicant_id: (payload.办事申请.申请者证件号码 ?? '').trim(),
			version: 1,
			submitted_at: payload.办事申请.申请时间,
			accepted_at: payload.事项受理.受理时间,
			statutory_due: null,
			promised_due: payload.事项受理.承诺办结时间 ?? null,
			origin: input.origin,
			source_department_id: input.department.id,
			source_ref: sourceRef,
			...cols
		});
		recordEvents(ctx, { id, caseNo, origin: input.origin, sourceRef }, events, 1, at);
		superviseRecorded(
			ctx.db,
			{ id, case_no: caseNo, department_id: input.department.id },
			{ origin: input.origin, projection, added: recordedEventTimes(events) },
			now
		);
		return { caseNo, queryCode, created: true, added: events.length, status: cols.status };
	});
}

/** The implementing department of an item, by name (the code when it is not known). */
function departmentNameOf(db: Db, code: string): string {
	const row = catalogue.getEntryByCode(db, code);
	return (row && org.getDepartment(db, row.department_id)?.name) ?? code;
}

/** The item's published name (its code when it is not published). */
export function itemNameOf(db: Db, code: string): string {
	const entry = catalogue.getPublishedByCode(db, code);
	return entry ? (JSON.parse(entry.content) as { name: string }).name : code;
}

function recordedEventsOf(db: Db, caseId: number): RecordedEvent[] {
	return cases.listEvents(db, caseId).map((e) => JSON.parse(e.event) as RecordedEvent);
}

/** What the applicant sees of a recorded case on the tracking page (no names, no opinions). */
export function recordedTrackingView(db: Db, row: cases.CaseRow): TrackingView {
	const r = foldRecorded(recordedEventsOf(db, row.id));
	const open = r.事项办理.filter((s) => s.环节结束时间 === undefined);
	return {
		caseNo: row.case_no,
		itemCode: row.item_code,
		itemName: itemNameOf(db, row.item_code),
		itemVersion: row.item_version,
		contentHash: '',
		origin: row.origin,
		status: r.事项办结 ? 'closed' : 'in_progress',
		caseType: r.办事申请.办件类型 === '即办件' ? 'immediate' : 'promised',
		submittedAt: r.办事申请.申请时间,
		acceptedAt: r.事项受理.受理时间,
		promisedDue: r.事项受理.承诺办结时间 ?? null,
		statutoryDue: null,
		current: r.事项办结 ? [] : open.map((s) => ({ name: s.环节名称, due: null })),
		supplement: null,
		paused: null,
		timeline: recordedTimeline(r),
		closure: r.事项办结
			? {
					outcome: OUTCOME_OF_RESULT[r.事项办结.办结结果] ?? 'other',
					at: r.事项办结.办结时间,
					reason: r.事项办结.结果说明 ?? ''
				}
			: null,
		decision: r.事项办结
			? {
					caseNo: row.case_no,
					itemName: itemNameOf(db, row.item_code),
					applicant: row.applicant_name,
					department: departmentNameOf(db, row.item_code),
					outcome: OUTCOME_OF_RESULT[r.事项办结.办结结果] ?? 'other',
					result: r.事项办结.办结结果,
					grounds: r.事项办结.结果说明 ?? '',
					on: chinaDate(new Date(r.事项办结.办结时间)),
					rights: '',
					complaint: ''
				}
			: null,
		notifications: []
	};
}

/** Any case as GB/T 39046 records (engine-run from its state, recorded from its events). */
export function caseRecords(ctx: ServiceContext, root: string, row: cases.CaseRow): Gbt39046Case {
	const department = cases.departmentOfCase(ctx.db, row.id)?.name ?? '';
	const header: CaseHeader = {
		caseNo: row.case_no,
		itemCode: row.item_code,
		itemName: itemNameOf(ctx.db, row.item_code),
		department,
		applicantName: row.applicant_name,
		applicantId: row.applicant_id
	};
	if (row.origin !== 'engine')
		return recordedCaseRecords(
			header,
			row.origin,
			foldRecorded(recordedEventsOf(ctx.db, row.id)),
			row.source_ref
		);
	const { definition } = definitionOf(ctx, root, row.item_code, row.item_version);
	const names = Object.fromEntries(
		Object.entries(definition.nodes).map(([id, n]) => [id, n?.name ?? id])
	);
	return engineCaseRecords(
		{ ...header, itemName: definition.item.name },
		JSON.parse(row.state) as CaseState,
		names
	);
}
