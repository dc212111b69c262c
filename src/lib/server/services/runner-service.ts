/**
 * The case runner: frozen definitions executed by the pure engine (src/lib/engine), one SQLite
 * transaction per event. Each event: load the case, check its version (optimistic), step the
 * engine, save the state, rewrite the case's open work, record the event, append the audit
 * record(s) to the hash chain and queue the notifications — all or nothing. Notifications are
 * delivered after the commit, each at most once (its key), by a delivery pass that the events of
 * one tick of the event loop share. Definitions are loaded only through the freeze service's
 * verified loader (a refusal is itself audited, in a transaction of its own).
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { nameProblem } from '../../domain/visible-text';
import type { RuntimeDefinition } from '../../compiler/types';
import { chinaDate } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import { sha256Hex } from '../../domain/hash';
import { addWorkingDays, workingDaysBetween, type HolidayTable } from '../../domain/working-days';
import {
	availableOutcomes,
	definitionPosts,
	startCase,
	step,
	supplementOutcomes
} from '../../engine/index';
import type {
	Actor as EngineActor,
	AuditNote,
	CaseEvent,
	Effect,
	CaseState,
	Channel,
	EngineContext,
	EngineError
} from '../../engine/types';
import { FINAL_STATUSES } from '../../engine/types';
import { createValidator, type SubmissionError } from '../../forms/ajv';
import type { Db } from '../db/connection';
import { versionDir } from '../freeze/files';
import * as access from '../repositories/case-access-repository';
import * as cases from '../repositories/case-repository';
import * as catalogue from '../repositories/catalogue-repository';
import type { FormDocument } from '../../domain/form/types';
import { getRevision } from '../repositories/design-repository';
import * as frozen from '../repositories/frozen-repository';
import * as org from '../repositories/org-repository';
import * as users from '../repositories/user-repository';
import { holidayTable } from './calendar-service';
import { audit, inTransaction, type ServiceContext } from './context';
import { reportCaseEvent } from './feed-service';
import { DefinitionTamperedError } from '../freeze/files';
import { loadFrozenDefinition, recordDefinitionRefusal } from './freeze-service';
import { recordedTrackingView } from './recorded-case-service';
import { superviseCase } from './supervision-service';

// ── errors ───────────────────────────────────────────────────────────────────

/** An event the engine refused (stable engine code, e.g. WRONG_POST, TASK_DONE); nothing changed. */
export class EventRefusedError extends AppError {
	constructor(readonly engine: EngineError) {
		super(engine.code, undefined, flatParams(engine.params));
	}
}

/** An application whose data does not satisfy the frozen form schema; nothing was stored. */
export class ApplicationInvalidError extends AppError {
	constructor(readonly errors: SubmissionError[]) {
		super('APPLICATION_INVALID', errors[0]?.field, { count: errors.length });
	}
}

function flatParams(p: EngineError['params']): Record<string, string | number> {
	return Object.fromEntries(
		Object.entries(p).map(([k, v]) => [k, Array.isArray(v) ? v.join('、') : v])
	);
}

// ── notifications ────────────────────────────────────────────────────────────

export interface OutgoingNotification {
	caseNo: string;
	kind: string;
	params: Record<string, unknown>;
}

/** Delivers notifications to applicants (SMS, e-mail, …); throwing leaves one for the next try. */
export interface NotificationAdapter {
	/** Recorded with each delivered notification. */
	name: string;
	deliver(n: OutgoingNotification): void;
}

/** The default: the notification is recorded in the database and shown on the tracking page. */
export const RECORDING_ADAPTER: NotificationAdapter = { name: 'record', deliver() {} };

let adapter: NotificationAdapter = RECORDING_ADAPTER;

export function setNotificationAdapter(a: NotificationAdapter): void {
	adapter = a;
}

/**
 * Delivers queued notifications, each at most once: all pending ones are claimed in one
 * transaction, then handed over after its commit (a crash after the claim loses the hand-over
 * instead of repeating it).
 */
export function deliverPending(db: Db, at: Date): number {
	const iso = at.toISOString();
	let delivered = 0;
	for (;;) {
		const pending = cases.pendingNotifications(db, DELIVERY_BATCH);
		if (pending.length === 0) break;
		const claimed = db
			.transaction(() => pending.filter((n) => cases.markDelivered(db, n.id, iso, adapter.name)))
			.immediate();
		for (const n of claimed)
			try {
				adapter.deliver({ caseNo: n.case_no, kind: n.kind, params: JSON.parse(n.params) });
				delivered++;
			} catch {
				// At most once: a failed hand-over is not retried automatically (the record stays).
			}
		if (pending.length < DELIVERY_BATCH) break;
	}
	return delivered;
}

/** Notifications claimed per delivery transaction. */
const DELIVERY_BATCH = 100;

/** Connections with a delivery pass due, and the time of the latest event that asked for it. */
const deliveryDue = new WeakMap<Db, Date>();

/**
 * Delivers pending notifications once the current call stack is done (`setImmediate`): every
 * event committed before then shares one delivery pass (one transaction) instead of one each.
 * What is not delivered (connection closed, process ended) stays pending for the next pass.
 */
export function scheduleDelivery(db: Db, at: Date): void {
	const due = deliveryDue.get(db);
	if (due) {
		if (at > due) deliveryDue.set(db, at);
		return;
	}
	deliveryDue.set(db, at);
	setImmediate(() => {
		const when = deliveryDue.get(db);
		deliveryDue.delete(db);
		if (!when || !db.open) return;
		try {
			deliverPending(db, when);
		} catch {
			// Left pending (e.g. the database busy): the next pass delivers it.
		}
	});
}

// ── definitions ──────────────────────────────────────────────────────────────

const verified = new Map<
	string,
	{ definition: RuntimeDefinition; stamp: string; contentHash: string }
>();

/** The two files whose size and time make a version's stamp, by root, code and version. */
const stampFiles = new Map<string, readonly string[]>();

function stampOf(root: string, code: string, version: number): string {
	const key = `${root}|${code}|${version}`;
	let files = stampFiles.get(key);
	if (!files) {
		const dir = versionDir(root, code, version);
		files = ['definition.json', 'manifest.json'].map((f) => join(dir, f));
		if (stampFiles.size >= 256) stampFiles.delete(stampFiles.keys().next().value!);
		stampFiles.set(key, files);
	}
	return files
		.map((path) => {
			try {
				const s = statSync(path);
				return `${s.size}:${s.mtimeMs}`;
			} catch {
				return 'missing';
			}
		})
		.join('|');
}

/**
 * The verified definition of an item version; checked against its manifest and the approved hash
 * on first use and again whenever its files change on disk.
 */
export function definitionOf(
	ctx: ServiceContext,
	root: string,
	code: string,
	version: number
): { definition: RuntimeDefinition; contentHash: string } {
	const key = `${ctx.db.name}|${root}|${code}|${version}`;
	const stamp = stampOf(root, code, version);
	const hit = verified.get(key);
	// The approved hash is read once: frozen_versions rows can be neither changed nor deleted.
	if (hit && hit.stamp === stamp)
		return { definition: hit.definition, contentHash: hit.contentHash };
	const contentHash = frozen.frozenContentHash(ctx.db, code, version);
	if (contentHash === undefined)
		throw new AppError('FROZEN_VERSION_NOT_FOUND', undefined, { code });
	const loaded = loadFrozenDefinition(ctx, root, code, version);
	verified.set(key, { definition: loaded.definition, stamp, contentHash });
	return { definition: loaded.definition, contentHash };
}

// ── engine context ───────────────────────────────────────────────────────────

/**
 * The working-day calendar of one event, read when first needed (in the event's transaction, by
 * the step or by supervision after it), and then once: not for every event, nor twice for one.
 */
function eventCalendar(db: Db): () => HolidayTable {
	let table: HolidayTable | undefined;
	return () => (table ??= holidayTable(db));
}

function engineContext(
	calendar: () => HolidayTable,
	at: Date,
	seq: number,
	caseNo: string | null
): EngineContext {
	let n = 0;
	return {
		now: at.toISOString(),
		today: chinaDate(at),
		newId: (prefix) => (prefix === 'case' && caseNo ? caseNo : `${prefix}-${seq}-${n++}`),
		calendar: {
			addWorkingDays: (start, days) => addWorkingDays(start, days, calendar()).date,
			workingDaysBetween: (from, to) => workingDaysBetween(from, to, calendar()).days
		}
	};
}

function engineActor(ctx: ServiceContext, applicant: boolean): EngineActor {
	if (applicant || ctx.actor.id === null) return { applicant: true };
	// Handlers are shown to colleagues by their display name (e.g. 自然资源局 孙受理).
	return {
		id: String(ctx.actor.id),
		name: users.displayNameOf(ctx.db, ctx.actor.id) ?? ctx.actor.name,
		posts: cases.postCodesOf(ctx.db, ctx.actor.id)
	};
}

// ── saving a stepped case ────────────────────────────────────────────────────

function columns(state: CaseState, at: string) {
	return {
		status: state.status,
		state: JSON.stringify(state),
		accepted_at: state.acceptance?.at ?? null,
		statutory_due: state.clock.statutoryDue,
		promised_due: state.clock.promisedDue,
		closed_at: state.closure?.at ?? null,
		outcome: state.closure?.outcome ?? null,
		updated_at: at
	};
}

function openWork(caseId: number, def: RuntimeDefinition, state: CaseState): cases.CaseTaskRow[] {
	const rows: cases.CaseTaskRow[] = [];
	const start = def.nodes[def.start];
	if (state.status === 'submitted' && start?.kind === 'start' && start.post && start.department)
		rows.push({
			case_id: caseId,
			task_id: 'accept',
			node: def.start,
			name: start.name,
			department: start.department.code,
			post: start.post.code,
			status: 'open',
			claimed_by: null,
			opened_at: state.submittedAt,
			due: null
		});
	if (!FINAL_STATUSES.includes(state.status))
		for (const t of state.tasks)
			if (t.status === 'open' || t.status === 'claimed')
				rows.push({
					case_id: caseId,
					task_id: t.id,
					node: t.node,
					name: def.nodes[t.node]?.name ?? t.node,
					department: t.post.department,
					post: t.post.post,
					status: t.status,
					claimed_by: t.claimedBy?.id ?? null,
					opened_at: t.openedAt,
					due: t.due
				});
	return rows;
}

function record(
	ctx: ServiceContext,
	caseId: number,
	caseNo: string,
	state: CaseState,
	type: string,
	event: unknown,
	result: { effects: readonly Effect[]; audit: readonly AuditNote[] },
	at: string
) {
	cases.insertEvent(ctx.db, {
		case_id: caseId,
		seq: state.seq,
		type,
		actor: ctx.actor.name,
		at,
		event: JSON.stringify(event)
	});
	const notes: readonly AuditNote[] = result.audit.length
		? result.audit
		: [{ action: `case.${type}`, dataset: '事项办理', payload: {} }];
	for (const n of notes)
		audit(ctx, {
			action: n.action,
			objectType: 'case',
			objectId: caseNo,
			payload: { dataset: n.dataset, seq: state.seq, ...n.payload }
		});
	reportCaseEvent(ctx.db, caseId, state, result.audit, at);
	for (const e of result.effects)
		cases.insertNotification(ctx.db, {
			key: e.key,
			case_id: caseId,
			kind: e.notification,
			params: JSON.stringify(e.params),
			created_at: at
		});
}

// ── intake ───────────────────────────────────────────────────────────────────

/** Parsed form schemas of frozen versions (immutable rows), by code, version and manifest hash. */
const schemas = new Map<string, object | null>();

/**
 * The frozen form schema of a version (null when the item has no form), parsed once: the same
 * object every time, so the validator cache finds it without hashing the schema again.
 */
export function formSchemaOf(row: frozen.FrozenRow): object | null {
	const key = `${row.code}|${row.version}|${row.manifest_hash}`;
	let schema = schemas.get(key);
	if (schema === undefined) {
		const text = (JSON.parse(row.files) as Record<string, string>)['form.schema.json'];
		schema = text ? (JSON.parse(text) as object) : null;
		if (schemas.size >= 64) schemas.delete(schemas.keys().next().value!);
		schemas.set(key, schema);
	}
	return schema;
}

/** 查询码: 8 characters without look-alikes (no 0/O, 1/I/L). */
const QUERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newQueryCode(): string {
	let s = '';
	for (let i = 0; i < 8; i++) s += QUERY_ALPHABET[randomInt(QUERY_ALPHABET.length)];
	return s;
}

export const queryHash = (code: string) => sha256Hex(`sunlit-query:${code.trim().toUpperCase()}`);

export interface Application {
	code: string;
	data: Record<string, unknown>;
	channel?: Channel;
	applicant: { name: string; idNumber?: string };
}

/**
 * 办事申请: validates the data against the item's current frozen form schema (refused with
 * ApplicationInvalidError naming each field; nothing stored), opens the case on that version, and
 * returns its number and the applicant's query code (shown once; only its hash is kept).
 */
export function submitApplication(
	ctx: ServiceContext,
	root: string,
	app: Application
): { caseNo: string; queryCode: string; state: CaseState } {
	const entry = catalogue.getEntryByCode(ctx.db, app.code);
	const current = entry && !entry.retired_at ? frozen.currentFrozen(ctx.db, entry.id) : undefined;
	if (!entry || !current) throw new AppError('ITEM_NOT_RUNNABLE', 'code', { code: app.code });
	const name = app.applicant.name.trim();
	if (!name) throw new AppError('APPLICANT_NAME_REQUIRED', 'applicantName');
	const unseen = nameProblem(name);
	if (unseen) throw new AppError(`APPLICANT_NAME_${unseen}`, 'applicantName');
	if (name.length > 100) throw new AppError('FIELD_TOO_LONG', 'applicantName', { max: 100 });
	const idNumber = (app.applicant.idNumber ?? '').trim();
	if (idNumber.length > 50) throw new AppError('FIELD_TOO_LONG', 'applicantId', { max: 50 });
	const { definition, contentHash } = definitionOf(ctx, root, app.code, current.version);
	const check = createValidator(formSchemaOf(current) ?? {})(app.data);
	if (!check.valid) throw new ApplicationInvalidError(check.errors);
	const region = org.getRegion(ctx.db);
	if (!region) throw new AppError('REGION_MISSING');
	const queryCode = newQueryCode();
	const at = ctx.clock.now();
	const result = inTransaction(ctx, () => {
		const day = chinaDate(at);
		const seq = cases.nextCaseSequence(ctx.db, region.code, day);
		const caseNo = `${region.code}${day.replaceAll('-', '')}${String(seq).padStart(4, '0')}`;
		const calendar = eventCalendar(ctx.db);
		const started = startCase(
			definition,
			{ data: app.data, contentHash, channel: app.channel ?? 'online' },
			engineContext(calendar, at, 0, caseNo)
		);
		const state = started.state;
		const iso = at.toISOString();
		const caseId = cases.insertCase(ctx.db, {
			case_no: caseNo,
			query_hash: queryHash(queryCode),
			entry_id: entry.id,
			item_code: app.code,
			item_version: current.version,
			content_hash: contentHash,
			channel: state.channel,
			applicant_name: name,
			applicant_id: idNumber,
			version: 1,
			submitted_at: iso,
			...columns(state, iso)
		});
		const work = openWork(caseId, definition, state);
		cases.replaceTasks(ctx.db, caseId, work);
		// Who takes part and which files are the case's, for record-level access (case-access.ts).
		access.noteCaseDepartments(
			ctx.db,
			caseId,
			work.map((w) => w.department)
		);
		access.noteCaseFiles(ctx.db, caseId, JSON.stringify(state.data));
		record(ctx, caseId, caseNo, state, 'submit', { channel: state.channel }, started, iso);
		superviseCase(
			ctx.db,
			{ id: caseId, case_no: caseNo, department_id: entry.department_id },
			state,
			at,
			{ calendar }
		);
		return { caseNo, state };
	});
	scheduleDelivery(ctx.db, at);
	return { ...result, queryCode };
}

// ── events ───────────────────────────────────────────────────────────────────

/** An event as the service takes it: the engine's event without the actor (the context gives it). */
export type RunnerEvent = CaseEvent extends infer E
	? E extends { actor: unknown }
		? Omit<E, 'actor'>
		: never
	: never;

/**
 * Applies one event to a case in one transaction. `expectedVersion`, when given, must be the
 * case's version (else CASE_STALE: someone acted first). Refused events change nothing.
 */
export function applyEvent(
	ctx: ServiceContext,
	root: string,
	caseNo: string,
	event: RunnerEvent,
	opts: { expectedVersion?: number; asApplicant?: boolean; actor?: EngineActor } = {}
): { state: CaseState; version: number } {
	const at = ctx.clock.now();
	try {
		return applyInTransaction(ctx, root, caseNo, event, opts, at);
	} catch (err) {
		// The definition is checked inside the event's transaction, so the refusal's own audit
		// record went with the rollback: recorded again, on its own, before the refusal is answered.
		if (err instanceof DefinitionTamperedError) recordDefinitionRefusal(ctx, err);
		throw err;
	}
}

function applyInTransaction(
	ctx: ServiceContext,
	root: string,
	caseNo: string,
	event: RunnerEvent,
	opts: { expectedVersion?: number; asApplicant?: boolean; actor?: EngineActor },
	at: Date
): { state: CaseState; version: number } {
	const out = inTransaction(ctx, () => {
		// `actor`: who acts when it is not the context's user (a department's API token). The
		// user's name and posts are read in the event's transaction, as everything else it uses.
		const actor = opts.actor ?? engineActor(ctx, opts.asApplicant ?? false);
		// The case is read once, in the transaction; its definition is cached after first use.
		const row = cases.getCaseForEvent(ctx.db, caseNo);
		if (!row) throw new AppError('CASE_NOT_FOUND', 'caseNo');
		const { definition } = definitionOf(ctx, root, row.item_code, row.item_version);
		if (opts.expectedVersion !== undefined && row.version !== opts.expectedVersion)
			throw new AppError('CASE_STALE', undefined, { current: row.version });
		const state = JSON.parse(row.state) as CaseState;
		const full = { ...event, actor } as CaseEvent;
		const calendar = eventCalendar(ctx.db);
		const result = step(definition, state, full, engineContext(calendar, at, state.seq + 1, null));
		if (!result.ok) throw new EventRefusedError(result.error);
		const iso = at.toISOString();
		if (!cases.updateCase(ctx.db, row, columns(result.state, iso)))
			throw new AppError('CASE_STALE', undefined, { current: row.version });
		const work = openWork(row.id, definition, result.state);
		cases.replaceTasks(ctx.db, row.id, work);
		access.noteCaseDepartments(
			ctx.db,
			row.id,
			work.map((w) => w.department)
		);
		access.noteCaseFiles(ctx.db, row.id, JSON.stringify(event));
		record(ctx, row.id, caseNo, result.state, event.type, event, result, iso);
		// The figures of `row` are still the stored ones: nothing above writes them.
		superviseCase(ctx.db, row, result.state, at, { definition, calendar, stored: row });
		return { state: result.state, version: row.version + 1 };
	});
	scheduleDelivery(ctx.db, at);
	return out;
}

// ── the applicant's view (外网反馈) ───────────────────────────────────────────

/** The case, when the query code is right (compared in constant time); undefined otherwise. */
export function findCaseForApplicant(
	db: Db,
	caseNo: string,
	queryCode: string
): cases.CaseRow | undefined {
	const row = cases.getCaseByNo(db, caseNo.trim());
	const given = Buffer.from(queryHash(queryCode));
	const stored = Buffer.from(row?.query_hash ?? '0'.repeat(64));
	const same = given.length === stored.length && timingSafeEqual(given, stored);
	return row && same ? row : undefined;
}

export interface TrackingView {
	caseNo: string;
	/** engine: run here; offline (线下办理) / pushed (部门系统报送): recorded, see recorded-case-service. */
	origin?: cases.CaseOrigin;
	itemCode: string;
	itemName: string;
	itemVersion: number;
	contentHash: string;
	status: CaseState['status'];
	caseType: CaseState['caseType'];
	submittedAt: string;
	acceptedAt: string | null;
	promisedDue: string | null;
	statutoryDue: string | null;
	/** Steps being handled now (names only: the public sees no officer names). */
	current: { name: string; due: string | null }[];
	/** Materials asked for and not yet supplied. */
	supplement: {
		materials: string[];
		reason: string;
		requestedAt: string;
		applicantDue: string | null;
	} | null;
	paused: { kind: 'supplement' | 'special'; since: string } | null;
	timeline: CaseState['timeline'];
	closure: { outcome: string; at: string; reason: string } | null;
	/** The written result (办理结果告知) once the case is closed or refused. */
	decision: DecisionNotice | null;
	notifications: { kind: string; at: string }[];
}

/** What the applicant is told when the case ends: the result, its grounds and their rights. */
export interface DecisionNotice {
	caseNo: string;
	itemName: string;
	applicant: string;
	department: string;
	outcome: string;
	/** The end reached (e.g. 准予临时用地) or, when refused or withdrawn, null. */
	result: string | null;
	/** The deciding step's opinion, or the reason given for 不予受理 / withdrawal. */
	grounds: string;
	/** The China date of the decision. */
	on: string;
	rights: string;
	complaint: string;
}

/** The result notice of a finished case: the last handled step before the end gives the grounds. */
function decisionNotice(
	definition: RuntimeDefinition,
	row: cases.CaseRow,
	state: CaseState
): DecisionNotice | null {
	const closure = state.closure;
	if (!closure) return null;
	const deciding = state.tasks
		.filter((t) => t.status === 'done' && t.doneAt !== null)
		.sort((a, b) => (a.doneAt! < b.doneAt! ? -1 : a.doneAt! > b.doneAt! ? 1 : 0))
		.at(-1);
	const node = deciding ? definition.nodes[deciding.node] : undefined;
	const task = node?.kind === 'task' ? node : undefined;
	const end = closure.node ? definition.nodes[closure.node] : undefined;
	return {
		caseNo: row.case_no,
		itemName: definition.item.name,
		applicant: row.applicant_name,
		department: definition.item.department.name,
		outcome: closure.outcome,
		result: end?.name ?? null,
		grounds: closure.reason || (closure.node ? (deciding?.opinion ?? '') : ''),
		on: closure.on,
		rights: task?.rights ?? '',
		complaint: task?.complaint ?? ''
	};
}

/** What the applicant sees of a case on the tracking page (外网反馈). */
export function trackingView(ctx: ServiceContext, root: string, row: cases.CaseRow): TrackingView {
	if (row.origin && row.origin !== 'engine') return recordedTrackingView(ctx.db, row);
	const state = JSON.parse(row.state) as CaseState;
	const { definition } = definitionOf(ctx, root, row.item_code, row.item_version);
	const openTasks = state.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');
	const start = definition.nodes[definition.start];
	const current =
		state.status === 'submitted'
			? [{ name: start?.name ?? '受理', due: null }]
			: openTasks.map((t) => ({ name: definition.nodes[t.node]?.name ?? t.node, due: t.due }));
	const waiting = state.supplements.filter((s) => s.receivedAt === null).at(-1);
	const pause = state.clock.pauses.find((p) => p.end === null);
	return {
		caseNo: row.case_no,
		origin: 'engine',
		itemCode: row.item_code,
		itemName: definition.item.name,
		itemVersion: row.item_version,
		contentHash: row.content_hash,
		status: state.status,
		caseType: state.caseType,
		submittedAt: row.submitted_at,
		acceptedAt: row.accepted_at,
		promisedDue: row.promised_due,
		statutoryDue: row.statutory_due,
		current: FINAL_STATUSES.includes(state.status) ? [] : current,
		supplement: waiting
			? {
					materials: waiting.materials,
					reason: waiting.reason,
					requestedAt: waiting.requestedAt,
					applicantDue: waiting.applicantDue
				}
			: null,
		paused: pause ? { kind: pause.kind, since: pause.startedAt } : null,
		timeline: state.timeline,
		closure: state.closure
			? { outcome: state.closure.outcome, at: state.closure.at, reason: state.closure.reason }
			: null,
		decision: decisionNotice(definition, row, state),
		notifications: cases
			.notificationsOf(ctx.db, row.id)
			.map((n) => ({ kind: n.kind, at: n.created_at }))
	};
}

// ── the officers' workbench (内网办理) ────────────────────────────────────────

export type DueLevel = 'ok' | 'near' | 'over';

/** Near: due by `nearBy` (two working days from today); over: past due. */
export function dueLevel(today: string, nearBy: string, due: string | null): DueLevel {
	if (!due) return 'ok';
	if (due < today) return 'over';
	return due <= nearBy ? 'near' : 'ok';
}

/** The open work at the user's posts, oldest due first, with how close each is to its due date. */
export function workQueue(ctx: ServiceContext) {
	if (ctx.actor.id === null) return [];
	const today = chinaDate(ctx.clock.now());
	const nearBy = addWorkingDays(today, 2, holidayTable(ctx.db)).date;
	return cases
		.tasksAtPosts(ctx.db, cases.postCodesOf(ctx.db, ctx.actor.id))
		.map((t) => ({ ...t, level: dueLevel(today, nearBy, t.due) }));
}

/** A case as an officer handles it: its state, the definition it runs on, and what the user may do now. */
export function officerCaseView(ctx: ServiceContext, root: string, caseNo: string) {
	const row = cases.getCaseByNo(ctx.db, caseNo);
	if (!row) return undefined;
	const { definition } = definitionOf(ctx, root, row.item_code, row.item_version);
	const state = JSON.parse(row.state) as CaseState;
	const mine = ctx.actor.id === null ? [] : cases.postCodesOf(ctx.db, ctx.actor.id);
	const holds = (p: { department: string; post: string }) =>
		mine.some((m) => m.department === p.department && m.post === p.post);
	const start = definition.nodes[definition.start];
	const canAccept =
		state.status === 'submitted' &&
		start?.kind === 'start' &&
		(!start.post ||
			!start.department ||
			holds({ department: start.department.code, post: start.post.code }));
	const tasks = state.tasks
		.filter((t) => t.status === 'open' || t.status === 'claimed')
		.map((t) => ({
			id: t.id,
			name: definition.nodes[t.node]?.name ?? t.node,
			status: t.status,
			claimedBy: t.claimedBy,
			mine: holds(t.post),
			claimedByMe: t.claimedBy?.id === String(ctx.actor.id),
			due: t.due,
			secondPerson: t.secondPerson,
			outcomes: availableOutcomes(definition, t.node),
			supplementOutcomes: supplementOutcomes(definition, t.node)
		}));
	// 特别程序 and 延期 are open to anyone holding a post of the chart (the engine checks it too).
	const participant = definitionPosts(definition).some(holds);
	const extended = state.clock.extensions.reduce((sum, x) => sum + x.days, 0);
	const frozenRow = frozen.getFrozen(ctx.db, row.item_code, row.item_version);
	const schema = ((frozenRow && formSchemaOf(frozenRow)) ?? {}) as {
		properties?: Record<string, { title?: string }>;
	};
	const labels = Object.fromEntries(
		Object.entries(schema.properties ?? {}).map(([id, p]) => [id, p.title ?? id])
	);
	// Choices are shown by their labels, from the form revision the version pinned.
	const revision =
		frozenRow && frozenRow.form_revision !== null
			? getRevision(ctx.db, row.entry_id, 'form', frozenRow.form_revision)
			: undefined;
	const form = revision ? (JSON.parse(revision.document) as FormDocument) : null;
	const choices: Record<string, Record<string, string>> = {};
	for (const f of form?.fields ?? [])
		if (f.options?.length)
			choices[f.id] = Object.fromEntries(f.options.map((o) => [o.value, o.label]));
	return {
		row,
		state,
		labels,
		choices,
		itemName: definition.item.name,
		startName: start?.name ?? '',
		acceptOutcomes: availableOutcomes(definition, definition.start),
		canAccept,
		tasks,
		participant,
		// 自由裁量基准 (行政处罚): a step may record the penalty decided against one of its rows.
		discretion: definition.discretion,
		extension: { used: extended, max: state.clock.statutoryDays },
		files: caseFiles(definition, state),
		events: cases.listEvents(ctx.db, row.id)
	};
}

/** Every file of a case an officer may open: the handlers' attachments and the 补正 materials. */
function caseFiles(definition: RuntimeDefinition, state: CaseState) {
	const files: {
		ref: string;
		name: string;
		at: string;
		/** The step whose handler attached it, or null for a 补正 material. */
		step: string | null;
		by: string | null;
		material: string | null;
	}[] = [];
	for (const t of state.tasks)
		for (const a of t.attachments)
			files.push({
				...a,
				at: t.doneAt ?? t.openedAt,
				step: definition.nodes[t.node]?.name ?? t.node,
				by: t.handledBy?.name ?? null,
				material: null
			});
	for (const r of state.supplements)
		for (const f of r.receivedFiles ?? [])
			files.push({
				ref: f.ref,
				name: f.name,
				at: r.receivedAt ?? r.requestedAt,
				step: null,
				by: null,
				material: f.material
			});
	return files.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
