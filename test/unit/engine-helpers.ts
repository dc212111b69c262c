/** Shared fixtures of the case engine tests: definitions, users, a context and a case driver. */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RuntimeDefinition } from '../../src/lib/compiler/types';
import {
	addDays,
	addWorkingDays,
	isWorkingDay,
	workingDaysBetween
} from '../../src/lib/domain/working-days';
import {
	startCase,
	step,
	type CaseEvent,
	type CompleteEvent,
	type CaseState,
	type EngineContext,
	type StepResult,
	type UserActor
} from '../../src/lib/engine';
import { builtinCalendar } from '../../src/lib/server/calendar/builtin-calendar';

const ROOT = join(import.meta.dirname, '..', '..');

function readDefinition(path: string): RuntimeDefinition {
	return JSON.parse(readFileSync(path, 'utf8')) as RuntimeDefinition;
}

/** A golden case's expected definition, e.g. golden('04-parallel-joint'). */
export function golden(name: string): RuntimeDefinition {
	return readDefinition(join(ROOT, 'test', 'golden', name, 'expected', 'definition.json'));
}

/** A demo item's frozen v1 definition, e.g. demo('990001-ZFB-QT-0001'). */
export function demo(code: string): RuntimeDefinition {
	return readDefinition(join(ROOT, 'generated', code, 'v1', 'definition.json'));
}

/** Every demo and golden definition, by a readable name. */
export function allDefinitions(): [string, RuntimeDefinition][] {
	const out: [string, RuntimeDefinition][] = [];
	for (const code of readdirSync(join(ROOT, 'generated')).sort()) {
		if (existsSync(join(ROOT, 'generated', code, 'v1', 'definition.json'))) {
			out.push([`demo ${code}`, demo(code)]);
		}
	}
	for (const name of readdirSync(join(ROOT, 'test', 'golden')).sort()) {
		if (existsSync(join(ROOT, 'test', 'golden', name, 'expected', 'definition.json'))) {
			out.push([`golden ${name}`, golden(name)]);
		}
	}
	return out;
}

const table = builtinCalendar();
/**
 * The same calendar as {@link calendar} precomputed over 2026–2029 as a running count of working
 * days, so each answer is an array lookup (the random tests ask hundreds of thousands). Outside
 * that range it asks the real functions. engine.test.ts checks it agrees with them.
 */
export const fastCalendar: EngineContext['calendar'] = (() => {
	const first = '2025-12-31';
	const dates: string[] = [];
	const index = new Map<string, number>();
	const counts: number[] = [];
	/** byCount[k]: the first date whose running count is k (the k-th working day). */
	const byCount: string[] = [first];
	let count = 0;
	for (let d = first; d <= '2029-12-31'; d = addDays(d, 1)) {
		if (d !== first && isWorkingDay(d, table).working) {
			count++;
			byCount[count] = d;
		}
		index.set(d, dates.length);
		dates.push(d);
		counts.push(count);
	}
	return {
		addWorkingDays(start, n) {
			const i = index.get(start);
			const date = i === undefined ? undefined : byCount[counts[i]! + n];
			return n === 0 ? start : (date ?? addWorkingDays(start, n, table).date);
		},
		workingDaysBetween(from, to) {
			const a = index.get(from);
			const b = index.get(to);
			if (a === undefined || b === undefined) return workingDaysBetween(from, to, table).days;
			return counts[b]! - counts[a]!;
		}
	};
})();

/** Both functions are pure, so their answers are kept (the random tests ask the same ones often). */
const memo = new Map<string, string | number>();
function remember<T extends string | number>(key: string, compute: () => T): T {
	let value = memo.get(key) as T | undefined;
	if (value === undefined) memo.set(key, (value = compute()));
	return value;
}
/** The working-day calendar of the built-in 2004–2026 holiday table (later years: Mon–Fri). */
export const calendar: EngineContext['calendar'] = {
	addWorkingDays: (start, n) =>
		remember(`+${start}/${n}`, () => addWorkingDays(start, n, table).date),
	workingDaysBetween: (from, to) =>
		remember(`-${from}/${to}`, () => workingDaysBetween(from, to, table).days)
};

/** A context for `today`, whose ids count up from `counter` (shared so ids stay unique). */
export function makeCtx(
	today: string,
	counter: { n: number },
	time = '10:00:00',
	cal: EngineContext['calendar'] = calendar
): EngineContext {
	return {
		now: `${today}T${time}+08:00`,
		today,
		newId: (prefix) => `${prefix}-${++counter.n}`,
		calendar: cal
	};
}

/** A user holding the given posts ('DEPT/POST'). */
export function user(id: string, ...posts: string[]): UserActor {
	return {
		id,
		name: `用户${id}`,
		posts: posts.map((p) => {
			const [department, post] = p.split('/');
			return { department: department!, post: post! };
		})
	};
}

export const applicant = { applicant: true } as const;

/** Freeze a value and everything in it, so that any write throws. */
export function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const v of Object.values(value)) deepFreeze(v);
	}
	return value;
}

/**
 * Drives one case through events, asserting as it goes: each input state is deep-frozen (the
 * engine must not write to it) and each new state survives a JSON round trip unchanged.
 */
export class CaseDriver {
	state: CaseState;
	today: string;
	readonly counter = { n: 0 };
	last: StepResult | null = null;

	constructor(
		readonly def: RuntimeDefinition,
		today = '2026-09-14',
		data: Record<string, unknown> = {}
	) {
		this.today = today;
		this.state = startCase(
			def,
			{ data, contentHash: 'sha256-test', channel: 'online' },
			makeCtx(today, this.counter)
		).state;
	}

	ctx(): EngineContext {
		return makeCtx(this.today, this.counter);
	}

	/** Apply an event; returns the result without asserting success. */
	try(event: CaseEvent): StepResult {
		const before = JSON.stringify(this.state);
		deepFreeze(this.state);
		const result = step(this.def, this.state, event, this.ctx());
		expect(JSON.stringify(this.state)).toBe(before);
		this.last = result;
		if (result.ok) {
			expect(JSON.parse(JSON.stringify(result.state))).toStrictEqual(result.state);
			this.state = result.state;
		}
		return result;
	}

	/** Apply an event that must succeed. */
	do(event: CaseEvent): Extract<StepResult, { ok: true }> {
		const result = this.try(event);
		if (!result.ok) throw new Error(`${event.type} refused: ${JSON.stringify(result.error)}`);
		return result;
	}

	/** Apply an event that must be refused with `code`; the state must not change. */
	refused(event: CaseEvent, code: string): void {
		const before = this.state;
		const result = this.try(event);
		expect(result.ok ? 'accepted' : result.error.code).toBe(code);
		expect(this.state).toBe(before);
	}

	/** The one open or claimed task at `node`. */
	task(node: string): string {
		const open = this.state.tasks.filter(
			(t) => t.node === node && (t.status === 'open' || t.status === 'claimed')
		);
		expect(open.map((t) => t.node)).toEqual([node]);
		return open[0]!.id;
	}

	/** Claim and complete the open task at `node` as `actor`. */
	handle(
		node: string,
		actor: UserActor,
		extra: Partial<Pick<CompleteEvent, 'outcome' | 'opinion' | 'attachments'>> = {}
	) {
		const task = this.task(node);
		this.do({ type: 'claim', actor, task });
		return this.do({ type: 'complete', actor, task, ...extra });
	}

	/** Nodes where tokens wait, sorted. */
	waiting(): string[] {
		return this.state.tokens.map((t) => t.node).sort();
	}
}
