/**
 * The case engine: `startCase` opens a case (办事申请) on a frozen runtime definition and `step`
 * applies one event to it, returning the next state with the applicant notifications (effects)
 * and audit notes it causes, or a refusal with a stable error code. Pure and deterministic: time,
 * ids and the working-day calendar come in through `ctx`; the input state is never modified (a
 * step works on a copy and a refused event leaves nothing behind).
 *
 * Tokens mark where a case waits: at the start (awaiting 受理), at a task (a step handled at a
 * post) or at a supplement node (awaiting materials, then — when a decision by outcome follows —
 * awaiting a review task at the supplement node's post). Decisions, parallel splits, joins and
 * ends are passed through in the same step that leaves the previous waiting point.
 */
import { evaluate } from '../compiler/expr';
import type {
	RuntimeDecision,
	RuntimeDefinition,
	RuntimeNode,
	RuntimeSupplement,
	RuntimeTask
} from '../compiler/types';
import { endPause, openPause, recomputeDues, startPause } from './clock';
import { backEdges, definitionPosts, moveKey, needsOutcome, postOf } from './graph';
import {
	CASE_FORMAT,
	CASE_FORMAT_VERSION,
	FINAL_STATUSES,
	SPECIAL_KINDS,
	type Actor,
	type Attachment,
	type ActorRef,
	type AuditDataset,
	type AuditNote,
	type BusinessAction,
	type CaseEvent,
	type CaseInit,
	type CaseState,
	type ClosureKind,
	type Effect,
	type EngineContext,
	type EngineError,
	type ErrorCode,
	type NotificationKind,
	type PenaltyDecision,
	type PostRef,
	type StepResult,
	type Task,
	type Token,
	type UserActor
} from './types';

/** Working days a supplement node's post has to review the materials when a decision follows. */
export const SUPPLEMENT_REVIEW_DAYS = 1;

/** Moves through decisions, splits and joins allowed in one step (a guard against bad charts). */
const MOVE_BUDGET = 10_000;

class Refusal {
	constructor(readonly error: EngineError) {}
}

function fail(code: ErrorCode, params: EngineError['params'] = {}): never {
	throw new Refusal({ code, params });
}

/** The working copy of one step. */
interface Work {
	def: RuntimeDefinition;
	s: CaseState;
	ctx: EngineContext;
	effects: Effect[];
	audit: AuditNote[];
	by: ActorRef;
}

// ── small helpers ────────────────────────────────────────────────────────────

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function isUser(actor: unknown): actor is UserActor {
	return (
		isObject(actor) &&
		typeof actor.id === 'string' &&
		actor.id !== '' &&
		typeof actor.name === 'string' &&
		Array.isArray(actor.posts) &&
		actor.posts.every(
			(p) => isObject(p) && typeof p.department === 'string' && typeof p.post === 'string'
		)
	);
}

const isApplicant = (actor: unknown): boolean => isObject(actor) && actor.applicant === true;

function actorRef(actor: Actor): ActorRef {
	return 'applicant' in actor
		? { kind: 'applicant' }
		: { kind: 'user', id: actor.id, name: actor.name };
}

const holds = (user: UserActor, post: PostRef): boolean =>
	user.posts.some((p) => p.department === post.department && p.post === post.post);

function requireUser(actor: Actor): UserActor {
	if (!isUser(actor)) fail('ACTOR_NOT_ALLOWED', { need: 'user' });
	return actor;
}

function requireApplicant(actor: Actor): void {
	if (!isApplicant(actor)) fail('ACTOR_NOT_ALLOWED', { need: 'applicant' });
}

/** A user who holds one of the posts the definition names (for clock events not tied to a task). */
function requireParticipant(w: Work, actor: Actor): UserActor {
	const user = requireUser(actor);
	if (!definitionPosts(w.def).some((p) => holds(user, p))) fail('WRONG_POST', {});
	return user;
}

function text(v: unknown, field: string, required: boolean): string {
	if (v === undefined || v === null) {
		if (required) fail('EVENT_INVALID', { field });
		return '';
	}
	if (typeof v !== 'string') fail('EVENT_INVALID', { field });
	if (required && v.trim() === '') fail('EVENT_INVALID', { field });
	return v;
}

function textList(v: unknown, field: string, required: boolean): string[] {
	if (v === undefined || v === null) {
		if (required) fail('EVENT_INVALID', { field });
		return [];
	}
	if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.trim() !== '')) {
		fail('EVENT_INVALID', { field });
	}
	if (required && v.length === 0) fail('EVENT_INVALID', { field });
	return [...(v as string[])];
}

/** A penalty decision's shape: a benchmark row of the item, an amount ≥ 0, a short unit. */
function penaltyOf(v: unknown, rows: number): PenaltyDecision | null {
	if (v === undefined || v === null) return null;
	if (typeof v !== 'object') fail('EVENT_INVALID', { field: 'penalty' });
	const p = v as Record<string, unknown>;
	if (
		!Number.isInteger(p.circumstance) ||
		(p.circumstance as number) < 0 ||
		(p.circumstance as number) >= rows
	)
		fail('EVENT_INVALID', { field: 'penalty.circumstance' });
	if (typeof p.amount !== 'number' || !Number.isFinite(p.amount) || p.amount < 0)
		fail('EVENT_INVALID', { field: 'penalty.amount' });
	const unit = text(p.unit, 'penalty.unit', true).trim();
	if (unit.length > 10) fail('EVENT_INVALID', { field: 'penalty.unit' });
	return { circumstance: p.circumstance as number, amount: p.amount, unit };
}

const FILE_REF = /^sha256-[0-9a-f]{64}$/;

/** Stored files named by the event: each a ref and a name of at most 255 characters. */
function fileList<M extends boolean>(
	v: unknown,
	field: string,
	withMaterial: M
): M extends true ? (Attachment & { material: string })[] : Attachment[] {
	if (v === undefined || v === null) return [];
	const ok = (x: unknown): boolean => {
		if (!x || typeof x !== 'object') return false;
		const f = x as Record<string, unknown>;
		return (
			typeof f.ref === 'string' &&
			FILE_REF.test(f.ref) &&
			typeof f.name === 'string' &&
			f.name.trim() !== '' &&
			f.name.length <= 255 &&
			(!withMaterial || (typeof f.material === 'string' && f.material.trim() !== ''))
		);
	};
	if (!Array.isArray(v) || !v.every(ok)) fail('EVENT_INVALID', { field });
	return (v as Record<string, string>[]).map((f) =>
		withMaterial
			? { ref: f.ref!, name: f.name!, material: f.material! }
			: { ref: f.ref!, name: f.name! }
	) as never;
}

function nodeName(node: RuntimeNode | undefined, fallback: string): string {
	return node && node.name.trim() !== '' ? node.name : fallback;
}

function notify(w: Work, notification: NotificationKind, params: Effect['params'] = {}): void {
	w.effects.push({
		kind: 'notify_applicant',
		notification,
		key: `${w.s.id}:${w.s.seq}:${notification}`,
		params
	});
}

function note(
	w: Work,
	action: string,
	dataset: AuditDataset,
	payload: Record<string, unknown> = {}
): void {
	w.audit.push({ action, dataset, payload: { case: w.s.id, seq: w.s.seq, by: w.by, ...payload } });
}

function timeline(w: Work, step: string, action: BusinessAction): void {
	w.s.timeline.push({ seq: w.s.seq, step, action, at: w.ctx.now });
}

function findTask(w: Work, id: unknown): Task {
	if (typeof id !== 'string') fail('EVENT_INVALID', { field: 'task' });
	const task = w.s.tasks.find((t) => t.id === id);
	if (!task) fail('TASK_NOT_FOUND', { task: id });
	if (task.status === 'done' || task.status === 'cancelled') {
		fail('TASK_DONE', { task: id, status: task.status });
	}
	return task;
}

function removeToken(s: CaseState, token: Token): void {
	s.tokens = s.tokens.filter((t) => t.id !== token.id);
}

// ── moving tokens ────────────────────────────────────────────────────────────

/** Pick the branch of a decision: first by outcome label or true condition, then the default. */
function chooseBranch(
	w: Work,
	node: RuntimeDecision,
	id: string,
	outcome: string | null,
	used: { outcome: boolean }
): string {
	const labels = node.branches.map((b) => b.outcome).filter((o) => o !== '');
	if (outcome !== null && labels.includes(outcome)) used.outcome = true;
	for (const b of node.branches) {
		if (outcome !== null && b.outcome !== '' && b.outcome === outcome) return b.to;
		if (b.when && evaluate(b.when, w.s.data)) return b.to;
	}
	if (node.default) return node.default.to;
	if (outcome === null && labels.length > 0)
		fail('OUTCOME_REQUIRED', { node: id, outcomes: labels });
	if (outcome !== null && !labels.includes(outcome)) {
		fail('OUTCOME_UNKNOWN', { node: id, outcome, outcomes: labels });
	}
	fail('NO_BRANCH_MATCHES', { node: id });
}

function openTask(
	w: Work,
	token: Token,
	id: string,
	node: RuntimeTask | RuntimeSupplement,
	kind: Task['kind']
): void {
	const limitDays = node.kind === 'task' ? node.limitDays : SUPPLEMENT_REVIEW_DAYS;
	w.s.tasks.push({
		id: w.ctx.newId('task'),
		kind,
		node: id,
		token: token.id,
		status: 'open',
		post: { department: node.department.code, post: node.post.code },
		claimedBy: null,
		handledBy: null,
		outcome: null,
		opinion: null,
		attachments: [],
		openedAt: w.ctx.now,
		openedOn: w.ctx.today,
		limitDays,
		pausedDays: 0,
		due: w.ctx.calendar.addWorkingDays(w.ctx.today, limitDays),
		doneAt: null,
		route: [...token.route],
		previousHandlers: [...token.handledBy],
		secondPerson: node.kind === 'task' ? (node.control?.secondPerson ?? false) : false
	});
}

/** Ask the applicant for materials: the running supplement pause (started if needed) and a request. */
function requestMaterials(
	w: Work,
	node: string,
	task: string | null,
	materials: string[],
	reason: string,
	applicantDue: string | null
): void {
	const running = openPause(w.s);
	if (!running) startPause(w.s, w.ctx, 'supplement', { reason, basis: '', specialKind: null });
	w.s.status = 'supplement';
	w.s.supplements.push({
		id: w.ctx.newId('supplement'),
		task,
		node,
		requestedAt: w.ctx.now,
		requestedBy: w.by.kind === 'user' ? w.by : null,
		materials,
		reason,
		applicantDue,
		receivedAt: null,
		receivedMaterials: []
	});
	notify(w, 'supplement_requested', { materials, reason, applicantDue });
}

/**
 * Move `token` on from the node it waits at (`token.node`) until every token it becomes waits
 * again, or the case closes. Returns whether the move went back (a 退回 loop or to 补正).
 */
function advance(
	w: Work,
	token: Token,
	opts: { outcome: string | null; missing: string[] }
): { back: boolean } {
	const { def, s, ctx } = w;
	const back = backEdges(def);
	const used = { outcome: false };
	let wentBack = false;
	let budget = MOVE_BUDGET;
	const from = def.nodes[token.node];
	if (!from || (from.kind !== 'start' && from.kind !== 'task' && from.kind !== 'supplement')) {
		fail('DEFINITION_INVALID', { node: token.node });
	}
	token.route = [token.node];
	const pending: { token: Token; to: string }[] = [{ token, to: from.next }];

	while (pending.length > 0) {
		const { token: t, to } = pending.shift()!;
		if (--budget < 0) fail('DEFINITION_INVALID', { reason: 'loop' });
		const node = def.nodes[to];
		if (!node) fail('DEFINITION_INVALID', { node: to });
		if (back.has(moveKey(t.node, to))) wentBack = true;
		t.node = to;
		t.route.push(to);
		switch (node.kind) {
			case 'start':
				fail('DEFINITION_INVALID', { node: to });
				break;
			case 'task':
				openTask(w, t, to, node, 'step');
				break;
			case 'supplement':
				wentBack = true;
				requestMaterials(
					w,
					to,
					null,
					opts.missing,
					'',
					node.limitDays === null ? null : ctx.calendar.addWorkingDays(ctx.today, node.limitDays)
				);
				break;
			case 'decision':
				pending.push({ token: t, to: chooseBranch(w, node, to, opts.outcome, used) });
				break;
			case 'parallel_split': {
				removeToken(s, t);
				const join = def.nodes[node.join];
				if (join?.kind !== 'parallel_join') fail('DEFINITION_INVALID', { node: to });
				const activation = ctx.newId('split');
				s.joins.push({
					id: activation,
					split: to,
					join: node.join,
					expects: [...join.expects],
					arrivals: [],
					firedAt: null
				});
				for (const b of node.branches) {
					const branch: Token = {
						id: ctx.newId('token'),
						node: to,
						frames: [...t.frames, { activation, split: to, edge: b.edge }],
						route: [...t.route],
						handledBy: [...t.handledBy]
					};
					s.tokens.push(branch);
					pending.push({ token: branch, to: b.to });
				}
				break;
			}
			case 'parallel_join': {
				const frame = t.frames[t.frames.length - 1];
				const activation = frame && s.joins.find((j) => j.id === frame.activation);
				if (!frame || !activation || frame.split !== node.split || activation.join !== to) {
					fail('DEFINITION_INVALID', { node: to, reason: 'join_without_split' });
				}
				removeToken(s, t);
				// A branch arrives once; anything after the join has fired (or a second arrival on the
				// same branch) is absorbed and can never fire it again.
				if (activation.firedAt !== null || activation.arrivals.some((a) => a.edge === frame.edge)) {
					break;
				}
				activation.arrivals.push({
					edge: frame.edge,
					token: t.id,
					at: ctx.now,
					handledBy: [...t.handledBy]
				});
				if (!activation.expects.every((e) => activation.arrivals.some((a) => a.edge === e))) break;
				activation.firedAt = ctx.now;
				const handled = new Set(activation.arrivals.flatMap((a) => a.handledBy));
				const joined: Token = {
					id: ctx.newId('token'),
					node: to,
					frames: t.frames.slice(0, -1),
					route: [...t.route],
					handledBy: [...handled].sort()
				};
				s.tokens.push(joined);
				pending.push({ token: joined, to: node.next });
				break;
			}
			case 'end':
				removeToken(s, t);
				// An end inside joint processing closes the whole case (one department's final answer
				// ends it); outside, the case closes when its last token ends.
				if (t.frames.length > 0 || s.tokens.length === 0) {
					closeCase(w, node.outcome, to, '');
					pending.length = 0;
				}
				break;
		}
	}
	if (opts.outcome !== null && !used.outcome) {
		fail('OUTCOME_UNKNOWN', { outcome: opts.outcome, outcomes: [] });
	}
	return { back: wentBack };
}

/** Close the case: cancel what is still open, stop the clock, notify and record 事项办结. */
function closeCase(w: Work, outcome: ClosureKind, node: string | null, reason: string): void {
	const { s, ctx } = w;
	const pause = openPause(s);
	if (pause) endPause(s, ctx, pause, null);
	for (const task of s.tasks) {
		if (task.status === 'open' || task.status === 'claimed') {
			task.status = 'cancelled';
			task.doneAt = ctx.now;
		}
	}
	s.tokens = [];
	s.status = outcome === 'refused' ? 'refused' : outcome === 'withdrawn' ? 'withdrawn' : 'closed';
	s.closure = { outcome, node, at: ctx.now, on: ctx.today, reason };
	const kind: NotificationKind =
		outcome === 'refused' ? 'refused' : outcome === 'withdrawn' ? 'withdrawn' : 'closed';
	notify(w, kind, { outcome, reason });
	note(w, `case.${s.status}`, '事项办结', { outcome, node, reason, on: ctx.today });
	if (outcome !== 'refused' && outcome !== 'withdrawn') {
		timeline(w, nodeName(node === null ? undefined : w.def.nodes[node], '办结'), '其他');
	}
}

// ── events ───────────────────────────────────────────────────────────────────

function onAccept(w: Work, e: Extract<CaseEvent, { type: 'accept' }>): void {
	const { def, s, ctx } = w;
	const user = requireUser(e.actor);
	if (s.status !== 'submitted') fail('EVENT_WRONG_STATE', { status: s.status, event: e.type });
	const start = def.nodes[def.start];
	if (!start || start.kind !== 'start') fail('DEFINITION_INVALID', { node: def.start });
	const post = postOf(start);
	if (post && !holds(user, post)) fail('WRONG_POST', { node: def.start, ...post });
	const outcome = e.outcome === undefined ? null : text(e.outcome, 'outcome', true);
	const opinion = text(e.opinion, 'opinion', false);
	const missing = textList(e.missingMaterials, 'missingMaterials', false);
	const token = s.tokens.find((t) => t.node === def.start);
	if (!token) fail('DEFINITION_INVALID', { node: def.start });

	s.status = 'in_progress';
	s.acceptance = { by: w.by, at: ctx.now, opinion };
	s.clock.acceptedOn = ctx.today;
	s.clock.origin = ctx.today;
	recomputeDues(s, ctx);
	token.handledBy = [user.id];
	timeline(w, nodeName(start, '受理'), '通过');
	note(w, 'case.accepted', '事项受理', {
		on: ctx.today,
		opinion,
		outcome,
		promisedDue: s.clock.promisedDue,
		statutoryDue: s.clock.statutoryDue
	});
	notify(w, 'accepted', {
		promisedDue: s.clock.promisedDue,
		statutoryDue: s.clock.statutoryDue
	});
	advance(w, token, { outcome, missing });
}

function onRefuse(w: Work, e: Extract<CaseEvent, { type: 'refuse' }>): void {
	const { def, s } = w;
	const user = requireUser(e.actor);
	if (s.status !== 'submitted') fail('EVENT_WRONG_STATE', { status: s.status, event: e.type });
	const start = def.nodes[def.start];
	const post = start ? postOf(start) : null;
	if (post && !holds(user, post)) fail('WRONG_POST', { node: def.start, ...post });
	const reason = text(e.reason, 'reason', true);
	timeline(w, '不予受理', '其他');
	note(w, 'case.refused', '事项受理', { reason });
	closeCase(w, 'refused', null, reason);
}

function requireTaskPost(task: Task, user: UserActor): void {
	if (!holds(user, task.post)) fail('WRONG_POST', { task: task.id, ...task.post });
}

function requireSecondPerson(task: Task, user: UserActor): void {
	if (task.secondPerson && task.previousHandlers.includes(user.id)) {
		fail('SECOND_PERSON_REQUIRED', { task: task.id });
	}
}

function onClaim(w: Work, e: Extract<CaseEvent, { type: 'claim' }>): void {
	const user = requireUser(e.actor);
	const task = findTask(w, e.task);
	requireTaskPost(task, user);
	if (task.claimedBy) fail('TASK_ALREADY_CLAIMED', { task: task.id, by: task.claimedBy.id });
	requireSecondPerson(task, user);
	task.status = 'claimed';
	task.claimedBy = { id: user.id, name: user.name };
	note(w, 'task.claimed', '事项办理', { task: task.id, node: task.node, state: '待办' });
}

function onRelease(w: Work, e: Extract<CaseEvent, { type: 'release' }>): void {
	const user = requireUser(e.actor);
	const task = findTask(w, e.task);
	if (task.claimedBy?.id !== user.id) fail('TASK_NOT_CLAIMED', { task: task.id });
	task.status = 'open';
	task.claimedBy = null;
	note(w, 'task.released', '事项办理', { task: task.id, node: task.node, state: '待办' });
}

function onComplete(w: Work, e: Extract<CaseEvent, { type: 'complete' }>): void {
	const { def, s, ctx } = w;
	const user = requireUser(e.actor);
	const task = findTask(w, e.task);
	requireTaskPost(task, user);
	if (task.claimedBy?.id !== user.id) fail('TASK_NOT_CLAIMED', { task: task.id });
	if (s.status !== 'in_progress') fail('EVENT_WRONG_STATE', { status: s.status, event: e.type });
	requireSecondPerson(task, user);
	const outcome = e.outcome === undefined ? null : text(e.outcome, 'outcome', true);
	const opinion = text(e.opinion, 'opinion', false);
	const attachments = fileList(e.attachments, 'attachments', false);
	const missing = textList(e.missingMaterials, 'missingMaterials', false);
	const penalty = penaltyOf(e.penalty, def.discretion.length);
	const token = s.tokens.find((t) => t.id === task.token);
	if (!token) fail('DEFINITION_INVALID', { task: task.id, reason: 'no_token' });

	task.status = 'done';
	task.handledBy = { id: user.id, name: user.name };
	task.outcome = outcome;
	task.opinion = opinion;
	task.attachments = attachments;
	if (penalty) task.penalty = penalty;
	task.doneAt = ctx.now;
	token.handledBy = [user.id];
	const node = def.nodes[task.node];
	const step = nodeName(node, task.kind === 'step' ? '办理' : '补正材料审查');
	// Record the step before moving on, so that a close that follows comes after it.
	const entry = { seq: s.seq, step, action: '通过' as BusinessAction, at: ctx.now };
	s.timeline.push(entry);
	const auditAt = w.audit.length;
	const { back } = advance(w, token, { outcome, missing });
	if (back) entry.action = '退回';
	w.audit.splice(auditAt, 0, {
		action: 'task.completed',
		dataset: '事项办理',
		payload: {
			case: s.id,
			seq: s.seq,
			by: w.by,
			task: task.id,
			node: task.node,
			step,
			action: entry.action,
			outcome,
			opinion,
			attachments,
			...(penalty ? { penalty } : {}),
			startedAt: task.openedAt,
			endedAt: ctx.now,
			due: task.due,
			state: '已办'
		}
	});
}

function onRequestSupplement(w: Work, e: Extract<CaseEvent, { type: 'request_supplement' }>): void {
	const { def, s } = w;
	const user = requireUser(e.actor);
	const task = findTask(w, e.task);
	requireTaskPost(task, user);
	if (task.claimedBy && task.claimedBy.id !== user.id) fail('TASK_NOT_CLAIMED', { task: task.id });
	if (s.status !== 'in_progress') fail('EVENT_WRONG_STATE', { status: s.status, event: e.type });
	const materials = textList(e.materials, 'materials', true);
	const reason = text(e.reason, 'reason', false);
	requestMaterials(w, task.node, task.id, materials, reason, null);
	timeline(w, nodeName(def.nodes[task.node], '补正'), '退回');
	note(w, 'case.supplement_requested', '事项办理', { task: task.id, materials, reason });
}

function onSupplementReceived(
	w: Work,
	e: Extract<CaseEvent, { type: 'supplement_received' }>
): void {
	const { def, s, ctx } = w;
	requireApplicant(e.actor);
	if (s.status !== 'supplement') fail('CLOCK_NOT_PAUSED', { status: s.status });
	const materials = textList(e.materials, 'materials', true);
	const files = fileList(e.files, 'files', true);
	const pause = openPause(s);
	if (!pause || pause.kind !== 'supplement') fail('CLOCK_NOT_PAUSED', { status: s.status });
	for (const r of s.supplements) {
		if (r.receivedAt === null) {
			r.receivedAt = ctx.now;
			r.receivedMaterials = [...materials];
			if (files.length) r.receivedFiles = files.map((f) => ({ ...f }));
		}
	}
	endPause(s, ctx, pause, null);
	s.status = 'in_progress';
	timeline(w, '补正材料', '其他');
	note(w, 'case.supplement_received', '事项办理', {
		materials,
		files,
		pausedDays: pause.pausedDays,
		restart: pause.restart,
		promisedDue: s.clock.promisedDue,
		statutoryDue: s.clock.statutoryDue
	});
	// Tokens waiting for materials at the chart's supplement nodes move on (or wait for a review).
	const waiting = s.tokens.filter(
		(t) =>
			def.nodes[t.node]?.kind === 'supplement' &&
			!s.tasks.some((k) => k.token === t.id && (k.status === 'open' || k.status === 'claimed'))
	);
	for (const token of waiting) {
		if (s.status !== 'in_progress') break;
		const node = def.nodes[token.node] as RuntimeSupplement;
		if (needsOutcome(def, token.node)) {
			token.route = [token.node];
			openTask(w, token, token.node, node, 'supplement_review');
		} else {
			advance(w, token, { outcome: null, missing: [] });
		}
	}
}

function onSpecialStart(w: Work, e: Extract<CaseEvent, { type: 'special_start' }>): void {
	const { s, ctx } = w;
	requireParticipant(w, e.actor);
	if (s.status !== 'in_progress') fail('EVENT_WRONG_STATE', { status: s.status, event: e.type });
	if (!SPECIAL_KINDS.includes(e.kind)) fail('EVENT_INVALID', { field: 'kind' });
	const reason = text(e.reason, 'reason', true);
	const basis = text(e.basis, 'basis', true);
	startPause(s, ctx, 'special', { reason, basis, specialKind: e.kind });
	s.status = 'suspended';
	timeline(w, '特别程序', '其他');
	note(w, 'case.special_started', '事项办理', { specialKind: e.kind, reason, basis });
}

function onSpecialEnd(w: Work, e: Extract<CaseEvent, { type: 'special_end' }>): void {
	const { s, ctx } = w;
	requireParticipant(w, e.actor);
	const pause = openPause(s);
	if (s.status !== 'suspended' || !pause || pause.kind !== 'special') {
		fail('CLOCK_NOT_PAUSED', { status: s.status });
	}
	const result = text(e.result, 'result', true);
	endPause(s, ctx, pause, result);
	s.status = 'in_progress';
	timeline(w, '特别程序结束', '其他');
	note(w, 'case.special_ended', '事项办理', {
		specialKind: pause.specialKind,
		result,
		pausedDays: pause.pausedDays,
		promisedDue: s.clock.promisedDue,
		statutoryDue: s.clock.statutoryDue
	});
}

function onExtend(w: Work, e: Extract<CaseEvent, { type: 'extend' }>): void {
	const { s, ctx } = w;
	requireParticipant(w, e.actor);
	if (s.status === 'submitted') fail('EVENT_WRONG_STATE', { status: s.status, event: e.type });
	if (typeof e.days !== 'number' || !Number.isSafeInteger(e.days) || e.days <= 0) {
		fail('EVENT_INVALID', { field: 'days' });
	}
	const approvedBy = text(e.approvedBy, 'approvedBy', true);
	const reason = text(e.reason, 'reason', true);
	const used = s.clock.extensions.reduce((sum, x) => sum + x.days, 0);
	if (used + e.days > s.clock.statutoryDays) {
		fail('EXTENSION_TOO_LONG', { days: e.days, used, max: s.clock.statutoryDays });
	}
	s.clock.extensions.push({ days: e.days, approvedBy, reason, at: ctx.now, by: w.by });
	recomputeDues(s, ctx);
	timeline(w, '延期', '其他');
	note(w, 'case.extended', '事项办理', {
		specialKind: '延长审批',
		days: e.days,
		approvedBy,
		reason,
		promisedDue: s.clock.promisedDue,
		statutoryDue: s.clock.statutoryDue
	});
	notify(w, 'extended', {
		days: e.days,
		reason,
		promisedDue: s.clock.promisedDue,
		statutoryDue: s.clock.statutoryDue
	});
}

function onWithdraw(w: Work, e: Extract<CaseEvent, { type: 'withdraw' }>): void {
	requireApplicant(e.actor);
	const reason = text(e.reason, 'reason', false);
	timeline(w, '撤回申请', '其他');
	closeCase(w, 'withdrawn', null, reason);
}

// ── the API ──────────────────────────────────────────────────────────────────

const HANDLERS: {
	[K in CaseEvent['type']]: (w: Work, e: Extract<CaseEvent, { type: K }>) => void;
} = {
	accept: onAccept,
	refuse: onRefuse,
	claim: onClaim,
	release: onRelease,
	complete: onComplete,
	request_supplement: onRequestSupplement,
	supplement_received: onSupplementReceived,
	special_start: onSpecialStart,
	special_end: onSpecialEnd,
	extend: onExtend,
	withdraw: onWithdraw
};

/**
 * A deep copy of a JSON value (the case state). Several times faster than `structuredClone` for
 * the many small objects of a state, which matters to a runner stepping many cases.
 */
function copyState<T>(value: T): T {
	if (typeof value !== 'object' || value === null) return value;
	if (Array.isArray(value)) return value.map(copyState) as T;
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(value)) {
		const v = copyState((value as Record<string, unknown>)[key]);
		// Form data may hold a key '__proto__' (JSON.parse makes it an own property): keep it one.
		if (key === '__proto__') {
			Object.defineProperty(out, key, {
				value: v,
				enumerable: true,
				writable: true,
				configurable: true
			});
		} else out[key] = v;
	}
	return out as T;
}

/** The JSON copy of a value (drops undefined, refuses what JSON cannot hold). */
function jsonCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Open a case (办事申请) on a frozen definition: status 'submitted', a token waiting at the start
 * for 受理. Throws when the definition has no start node (a compiled definition always has one).
 */
export function startCase(
	definition: RuntimeDefinition,
	init: CaseInit,
	ctx: EngineContext
): { state: CaseState; effects: Effect[]; audit: AuditNote[] } {
	const start = definition.nodes[definition.start];
	if (!start || start.kind !== 'start') {
		throw new Error(`Definition ${definition.item.code} v${definition.item.version} has no start`);
	}
	const id = ctx.newId('case');
	const immediate = definition.clock.caseType === 'immediate';
	const state: CaseState = {
		format: CASE_FORMAT,
		formatVersion: CASE_FORMAT_VERSION,
		id,
		item: {
			code: definition.item.code,
			version: definition.item.version,
			contentHash: init.contentHash
		},
		channel: init.channel,
		status: 'submitted',
		caseType: definition.clock.caseType,
		data: jsonCopy(init.data),
		submittedAt: ctx.now,
		acceptance: null,
		tokens: [
			{
				id: ctx.newId('token'),
				node: definition.start,
				frames: [],
				route: [definition.start],
				handledBy: []
			}
		],
		tasks: [],
		joins: [],
		clock: {
			acceptedOn: null,
			origin: null,
			statutoryDays: definition.clock.statutoryDays,
			promisedDays: immediate ? 0 : definition.clock.promisedDays,
			supplementRule: definition.clock.supplement,
			statutoryDue: null,
			promisedDue: null,
			pauses: [],
			extensions: []
		},
		supplements: [],
		closure: null,
		seq: 0,
		lastDay: ctx.today,
		timeline: [{ seq: 0, step: '申请', action: '其他', at: ctx.now }]
	};
	const effects: Effect[] = [
		{
			kind: 'notify_applicant',
			notification: 'received',
			key: `${id}:0:received`,
			params: { item: definition.item.name, caseType: state.caseType }
		}
	];
	const audit: AuditNote[] = [
		{
			action: 'case.submitted',
			dataset: '办事申请',
			payload: {
				case: id,
				seq: 0,
				item: state.item,
				caseType: state.caseType,
				channel: init.channel,
				submittedAt: ctx.now
			}
		}
	];
	return { state, effects, audit };
}

/**
 * Apply one event to a case. On success: the next state (a new object; the input is untouched),
 * the applicant notifications and the audit notes. On refusal: the error alone; nothing changed.
 */
export function step(
	definition: RuntimeDefinition,
	state: CaseState,
	event: CaseEvent,
	ctx: EngineContext
): StepResult {
	try {
		if (
			state.item.code !== definition.item.code ||
			state.item.version !== definition.item.version
		) {
			fail('DEFINITION_MISMATCH', {
				case: `${state.item.code}@${state.item.version}`,
				definition: `${definition.item.code}@${definition.item.version}`
			});
		}
		if (!isObject(event) || typeof event.type !== 'string' || !(event.type in HANDLERS)) {
			fail('EVENT_UNKNOWN', { type: isObject(event) ? String(event.type) : '' });
		}
		if (FINAL_STATUSES.includes(state.status)) fail('CASE_CLOSED', { status: state.status });
		if (ctx.today < state.lastDay) {
			fail('TIME_WENT_BACKWARDS', { today: ctx.today, lastDay: state.lastDay });
		}
		if (!isUser(event.actor) && !isApplicant(event.actor)) fail('ACTOR_NOT_ALLOWED', {});
		const s = copyState(state);
		s.seq += 1;
		s.lastDay = ctx.today;
		const w: Work = { def: definition, s, ctx, effects: [], audit: [], by: actorRef(event.actor) };
		(HANDLERS[event.type] as (w: Work, e: CaseEvent) => void)(w, event);
		return { ok: true, state: s, effects: w.effects, audit: w.audit };
	} catch (err) {
		if (err instanceof Refusal) return { ok: false, error: err.error };
		throw err;
	}
}
