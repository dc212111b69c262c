/**
 * Property tests of the case engine: for every demo and golden definition, seeded random event
 * sequences (mostly plausible events, some nonsense) with the invariants checked after every
 * step, and the same sequence replayed with the state reloaded from JSON before each event.
 */
import { describe, expect, it } from 'vitest';
import type { RuntimeDefinition } from '../../src/lib/compiler/types';
import { addDays } from '../../src/lib/domain/working-days';
import {
	availableOutcomes,
	definitionPosts,
	FINAL_STATUSES,
	needsOutcome,
	SPECIAL_KINDS,
	startCase,
	step,
	successors,
	type CaseEvent,
	type CaseState,
	type StepResult,
	type Task,
	type UserActor
} from '../../src/lib/engine';
import {
	allDefinitions,
	applicant,
	deepFreeze,
	fastCalendar,
	makeCtx,
	user
} from './engine-helpers';
import { mulberry32 } from '../../src/lib/domain/seeded-random';

/**
 * Sequences per definition: 2,000 on each demo item's flow and 300 on each golden case (~8,400 in
 * all, about 15 s on a loaded 2-core machine). For a longer soak, set every count:
 * ENGINE_PROPERTY_RUNS=5000 npx vitest run --project unit engine-property
 */
const RUNS_DEMO = Number(process.env.ENGINE_PROPERTY_RUNS ?? 2000);
const RUNS_GOLDEN = Number(process.env.ENGINE_PROPERTY_RUNS ?? 300);
const MAX_EVENTS = 60;

interface Rng {
	next(): number;
	chance(p: number): boolean;
	pick<T>(list: readonly T[]): T;
	int(lo: number, hi: number): number;
}
function rng(seed: number): Rng {
	const next = mulberry32(seed);
	return {
		next,
		chance: (p) => next() < p,
		pick: (list) => list[Math.floor(next() * list.length)]!,
		int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1))
	};
}

/** The staff of a definition: two users per post, one holding every post, one holding none. */
function staffOf(def: RuntimeDefinition) {
	const posts = definitionPosts(def);
	const byPost = new Map<string, UserActor[]>();
	const everything = user('all', ...posts.map((p) => `${p.department}/${p.post}`));
	const all: UserActor[] = [everything, user('nobody', 'NONE/NONE')];
	posts.forEach((p, i) => {
		const pair = [
			user(`u${i}a`, `${p.department}/${p.post}`),
			user(`u${i}b`, `${p.department}/${p.post}`)
		];
		byPost.set(`${p.department}/${p.post}`, [...pair, everything]);
		all.push(...pair);
	});
	return { all, holders: (d: string, p: string) => byPost.get(`${d}/${p}`) ?? all };
}

type Staff = ReturnType<typeof staffOf>;

/** A random outcome for leaving `node`: usually a valid label, sometimes none or nonsense. */
function outcomeFor(r: Rng, def: RuntimeDefinition, node: string): { outcome?: string } {
	const labels = availableOutcomes(def, node);
	if (r.chance(0.06)) return { outcome: '胡乱' };
	if (labels.length === 0 || (!needsOutcome(def, node) && r.chance(0.5))) return {};
	if (r.chance(0.05)) return {};
	return { outcome: r.pick(labels) };
}

function plausible(r: Rng, def: RuntimeDefinition, s: CaseState, staff: Staff): CaseEvent | null {
	const clerk = (): UserActor => r.pick(staff.all);
	const live = s.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');
	if (r.chance(0.01)) return { type: 'withdraw', actor: applicant };
	if (r.chance(0.03)) {
		return {
			type: 'extend',
			actor: clerk(),
			days: r.int(1, 12),
			approvedBy: '局长',
			reason: '情况复杂'
		};
	}
	switch (s.status) {
		case 'submitted': {
			const start = def.nodes[def.start]!;
			const actor =
				start.kind === 'start' && start.post && start.department
					? r.pick(staff.holders(start.department.code, start.post.code))
					: clerk();
			if (r.chance(0.04)) return { type: 'refuse', actor, reason: '不符合受理条件' };
			return {
				type: 'accept',
				actor,
				...outcomeFor(r, def, def.start),
				...(r.chance(0.5) ? { missingMaterials: ['身份证明'] } : {})
			};
		}
		case 'supplement':
			if (r.chance(0.7))
				return { type: 'supplement_received', actor: applicant, materials: ['身份证明'] };
			break;
		case 'suspended':
			if (r.chance(0.7)) return { type: 'special_end', actor: clerk(), result: '已结束' };
			break;
		case 'in_progress':
			if (r.chance(0.03)) {
				return {
					type: 'special_start',
					actor: clerk(),
					kind: r.pick(SPECIAL_KINDS),
					reason: '需检测',
					basis: '法规'
				};
			}
			break;
		default:
			return null;
	}
	if (live.length === 0) return null;
	const task = r.pick(live);
	if (task.claimedBy === null) {
		return {
			type: 'claim',
			actor: r.pick(staff.holders(task.post.department, task.post.post)),
			task: task.id
		};
	}
	const claimer = staff.all.find((u) => u.id === task.claimedBy!.id) ?? clerk();
	const roll = r.next();
	if (roll < 0.06) return { type: 'release', actor: claimer, task: task.id };
	if (roll < 0.12)
		return { type: 'request_supplement', actor: claimer, task: task.id, materials: ['章程'] };
	return {
		type: 'complete',
		actor: claimer,
		task: task.id,
		opinion: '同意',
		...outcomeFor(r, def, task.node),
		...(r.chance(0.5) ? { missingMaterials: ['身份证明'] } : {})
	};
}

const TYPES: CaseEvent['type'][] = [
	'accept',
	'refuse',
	'claim',
	'release',
	'complete',
	'request_supplement',
	'supplement_received',
	'special_start',
	'special_end',
	'extend',
	'withdraw'
];

/** Any event at all: random type, actor, task and fields. */
function implausible(r: Rng, s: CaseState, staff: Staff): CaseEvent {
	const actor = r.chance(0.2) ? applicant : r.pick(staff.all);
	const task = s.tasks.length > 0 && r.chance(0.8) ? r.pick(s.tasks).id : 'task-0';
	return {
		type: r.pick(TYPES),
		actor,
		task,
		outcome: r.chance(0.5) ? '同意' : undefined,
		reason: r.chance(0.8) ? '理由' : '',
		basis: '依据',
		result: '结果',
		kind: r.pick([...SPECIAL_KINDS, 'nap']),
		days: r.pick([0, 1, 5, 20, 90, 2.5]),
		approvedBy: '局长',
		materials: r.chance(0.8) ? ['材料'] : []
	} as unknown as CaseEvent;
}

/** True when `v` is plain JSON: no undefined, functions, non-finite numbers or class instances. */
function isPlainJson(v: unknown): boolean {
	if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
	if (typeof v === 'number') return Number.isFinite(v);
	if (Array.isArray(v)) return v.every(isPlainJson);
	if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
		return Object.values(v as object).every(isPlainJson);
	}
	return false;
}

/** A walk along `route` takes only edges of the definition. */
function isPath(def: RuntimeDefinition, route: string[]): boolean {
	for (let i = 1; i < route.length; i++) {
		const from = def.nodes[route[i - 1]!];
		if (!from || !successors(from).some((x) => x.to === route[i])) return false;
	}
	return route.length > 0;
}

const samePost = (
	a: { department: string; post: string },
	b: { department: string; post: string } | null
) => b !== null && a.department === b.department && a.post === b.post;

const sameList = (a: readonly string[], b: readonly string[]) =>
	a.length === b.length && a.every((x, i) => x === b[i]);

/** A finished task stays as it was finished. */
const sameFinished = (a: Task, b: Task) =>
	a.status === b.status &&
	a.handledBy?.id === b.handledBy?.id &&
	a.outcome === b.outcome &&
	a.doneAt === b.doneAt &&
	a.due === b.due &&
	a.pausedDays === b.pausedDays;

/** Every invariant of a step from `before` to `result`; throws with `where` on a violation. */
function checkStep(
	checkJson: boolean,
	def: RuntimeDefinition,
	before: CaseState,
	result: StepResult,
	today: string,
	where: string
) {
	function fail(what: string): never {
		throw new Error(`${where}: ${what}`);
	}
	if (FINAL_STATUSES.includes(before.status)) {
		if (result.ok || result.error.code !== 'CASE_CLOSED') fail('a closed case accepted an event');
		return;
	}
	if (!result.ok) return;
	const s = result.state;
	if (s === before) fail('the step returned its input');
	if (checkJson && !isPlainJson(s)) fail('state is not plain JSON');
	if (s.seq !== before.seq + 1 || s.lastDay !== today) fail('seq / lastDay');
	if (
		s.item.code !== before.item.code ||
		s.item.version !== before.item.version ||
		s.item.contentHash !== before.item.contentHash ||
		s.id !== before.id
	)
		fail('case identity changed');
	for (const e of result.effects)
		if (e.key !== `${s.id}:${s.seq}:${e.notification}`) fail(`effect key ${e.key}`);
	if (result.audit.length === 0) fail('no audit note');

	const waitedAt = new Set(before.tokens.map((t) => t.node));
	const oldTokens = new Map(before.tokens.map((t) => [t.id, t]));
	for (const t of s.tokens) {
		const node = def.nodes[t.node];
		if (!node) fail(`token at unknown node ${t.node}`);
		if (
			node.kind !== 'task' &&
			node.kind !== 'supplement' &&
			!(node.kind === 'start' && s.status === 'submitted')
		) {
			fail(`token waits at a ${node.kind} node ${t.node}`);
		}
		const old = oldTokens.get(t.id);
		if (old && old.node === t.node && sameList(old.route, t.route)) continue;
		if (!isPath(def, t.route) || t.route.at(-1) !== t.node)
			fail(`token ${t.id} skipped a step: ${t.route}`);
		if (!waitedAt.has(t.route[0]!))
			fail(`token ${t.id} came from ${t.route[0]} where nothing waited`);
	}
	const oldTasks = new Map(before.tasks.map((t) => [t.id, t]));
	if (s.tasks.length < before.tasks.length) fail('a task disappeared');
	for (const task of s.tasks) {
		const node = def.nodes[task.node];
		if (!node || (node.kind !== 'task' && node.kind !== 'supplement')) fail(`task at ${task.node}`);
		if (node.kind !== 'task' && node.kind !== 'supplement') continue;
		if (!samePost(task.post, { department: node.department.code, post: node.post.code }))
			fail(`task ${task.id} post`);
		const old = oldTasks.get(task.id);
		if (old) {
			if (old.node !== task.node || old.token !== task.token || !sameList(old.route, task.route)) {
				fail(`task ${task.id} changed identity`);
			}
			if ((old.status === 'done' || old.status === 'cancelled') && !sameFinished(old, task)) {
				fail(`finished task ${task.id} changed`);
			}
		} else {
			if (!isPath(def, task.route) || task.route.at(-1) !== task.node)
				fail(`task ${task.id} route ${task.route}`);
			if (!waitedAt.has(task.route[0]!)) fail(`task ${task.id} reached from ${task.route[0]}`);
		}
		if (
			task.status === 'done' &&
			task.secondPerson &&
			task.previousHandlers.includes(task.handledBy?.id ?? '')
		) {
			fail(`task ${task.id} done without a second person`);
		}
		if (task.status === 'open' || task.status === 'claimed') {
			const token = s.tokens.find((t) => t.id === task.token);
			if (!token || token.node !== task.node) fail(`open task ${task.id} has no token at its node`);
		}
	}
	for (const t of s.tokens) {
		const open = s.tasks.filter(
			(k) => k.token === t.id && (k.status === 'open' || k.status === 'claimed')
		);
		const kind = def.nodes[t.node]!.kind;
		if (kind === 'task' ? open.length !== 1 : open.length > 1)
			fail(`token ${t.id} has ${open.length} open tasks`);
	}
	const oldJoins = new Map(before.joins.map((j) => [j.id, j]));
	for (const j of s.joins) {
		const edges = j.arrivals.map((a) => a.edge);
		if (new Set(edges).size !== edges.length) fail(`join ${j.id} counted a branch twice`);
		const complete = j.expects.every((e) => edges.includes(e));
		if (complete !== (j.firedAt !== null))
			fail(`join ${j.id} fired=${j.firedAt} with arrivals ${edges}`);
		const old = oldJoins.get(j.id);
		if (old?.firedAt && (old.firedAt !== j.firedAt || old.arrivals.length !== j.arrivals.length))
			fail(`join ${j.id} fired twice`);
	}
	const open = s.clock.pauses.filter((p) => p.end === null);
	const final = FINAL_STATUSES.includes(s.status);
	if (final) {
		if (s.tokens.length > 0 || s.closure === null || open.length > 0)
			fail('closed case with work left');
		if (s.tasks.some((t) => t.status === 'open' || t.status === 'claimed'))
			fail('closed case with open tasks');
	} else if (s.status === 'supplement' || s.status === 'suspended') {
		const kind = s.status === 'supplement' ? 'supplement' : 'special';
		if (open.length !== 1 || open[0]!.kind !== kind) fail(`${s.status} without its pause`);
	} else {
		if (open.length !== 0) fail(`${s.status} with a running pause`);
		if (s.tokens.length === 0) fail(`${s.status} without tokens`);
	}
	if (s.status === 'submitted' && (s.tokens.length !== 1 || s.tokens[0]!.node !== def.start))
		fail('submitted off the start');
	if (s.clock.extensions.reduce((n, e) => n + e.days, 0) > s.clock.statutoryDays)
		fail('extensions too long');
	if (
		s.clock.acceptedOn !== null &&
		(s.clock.statutoryDue === null || s.clock.statutoryDue < s.clock.acceptedOn)
	) {
		fail('statutory due before acceptance');
	}
}

interface Trace {
	closed: number;
	fired: number;
	codes: Set<string>;
}

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * Run one random sequence, checking every step. With `reload`, the same events also run on a
 * second copy of the case whose state is reloaded from JSON before each event (as a runner that
 * saves and loads it would): every result must be identical to the straight run's. With
 * `freeze`, each input state is deep-frozen, so a write to it throws.
 */
function runRandom(
	def: RuntimeDefinition,
	seed: number,
	staff: Staff,
	opts: { freeze: boolean; reload: boolean }
): Trace {
	const r = rng(seed);
	const counter = { n: 0 };
	const counter2 = { n: 0 };
	let today = addDays('2026-09-10', r.int(0, 30));
	const data = { area: r.int(0, 1000), goodsValue: r.int(0, 20000) };
	const init = { data, contentHash: 'h', channel: 'online' } as const;
	let s = startCase(def, init, makeCtx(today, counter, '09:00:00', fastCalendar)).state;
	let reloaded = startCase(def, init, makeCtx(today, counter2, '09:00:00', fastCalendar)).state;
	const trace: Trace = { closed: 0, fired: 0, codes: new Set() };
	let after = 0;
	for (let i = 0; i < MAX_EVENTS && after < 3; i++) {
		if (r.chance(0.3)) today = addDays(today, r.int(1, 4));
		const backwards = r.chance(0.02);
		const day = backwards ? addDays(s.lastDay, -1) : today;
		const event = (r.chance(0.8) && plausible(r, def, s, staff)) || implausible(r, s, staff);
		const time = `10:${String(i).padStart(2, '0')}:00`;
		if (opts.freeze) deepFreeze(s);
		const result = step(def, s, event, makeCtx(day, counter, time, fastCalendar));
		const where = `seed ${seed} event ${i} ${event.type}`;
		checkStep(opts.freeze, def, s, result, day, where);
		if (backwards && result.ok) throw new Error(`${where}: time ran backwards`);
		if (opts.reload) {
			const again = step(
				def,
				json(reloaded),
				json(event),
				makeCtx(day, counter2, time, fastCalendar)
			);
			if (JSON.stringify(again) !== JSON.stringify(result)) {
				throw new Error(`${where}: the state reloaded from JSON gave a different result`);
			}
			if (again.ok) reloaded = again.state;
		}
		if (result.ok) {
			trace.fired +=
				result.state.joins.filter((j) => j.firedAt !== null).length -
				s.joins.filter((j) => j.firedAt !== null).length;
			s = result.state;
		} else trace.codes.add(result.error.code);
		if (FINAL_STATUSES.includes(s.status)) after++;
	}
	if (FINAL_STATUSES.includes(s.status)) trace.closed = 1;
	return trace;
}

describe('engine properties: random event sequences', () => {
	for (const [name, def] of allDefinitions()) {
		it(`${name}: invariants hold after every step; reloading from JSON changes nothing`, () => {
			const staff = staffOf(def);
			let closed = 0;
			let fired = 0;
			const codes = new Set<string>();
			const hasJoin = Object.values(def.nodes).some((n) => n.kind === 'parallel_join');
			const RUNS = name.startsWith('demo ') ? RUNS_DEMO : RUNS_GOLDEN;
			for (let run = 0; run < RUNS; run++) {
				const seed = 1000 * run + name.length;
				const trace = runRandom(def, seed, staff, {
					freeze: run % 4 === 0,
					reload: run % 3 === 0
				});
				closed += trace.closed;
				fired += trace.fired;
				for (const c of trace.codes) codes.add(c);
			}
			// The sequences reach the end and meet the refusals, not just the first steps.
			expect(closed).toBeGreaterThan(RUNS * 0.8);
			expect(codes).toContain('CASE_CLOSED');
			expect(codes).toContain('WRONG_POST');
			if (hasJoin) expect(fired).toBeGreaterThan(RUNS * 0.3);
		}, 60_000);
	}
});
