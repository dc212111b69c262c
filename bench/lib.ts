/** Shared helpers for `npm run bench`: figures, percentiles, a timer and a seeded PRNG. */

/** One measured figure, printed as `name: value unit` and stored in bench/results.json. */
export interface Figure {
	name: string;
	value: number;
	unit: string;
}

/** What a suite gets from the runner. */
export interface SuiteContext {
	/** Progress messages (to stderr, so stdout holds only figures). */
	log(message: string): void;
}

/** One area of measurement; `bench/run.ts` lists every suite explicitly. */
export interface Suite {
	name: string;
	run(ctx: SuiteContext): Promise<Figure[]>;
}

/**
 * The p-th percentile (0–100) of the samples, interpolating linearly between the two nearest
 * ranks (numpy's default). Throws on an empty list: a figure without samples is a bug.
 */
export function percentile(samples: readonly number[], p: number): number {
	if (samples.length === 0) throw new Error('percentile of no samples');
	if (!(p >= 0 && p <= 100)) throw new Error(`percentile out of range: ${p}`);
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = (p / 100) * (sorted.length - 1);
	const lo = Math.floor(rank);
	const hi = Math.ceil(rank);
	return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Runs `fn` once and returns its result with the elapsed wall time in milliseconds. */
export function timed<T>(fn: () => T): { result: T; ms: number } {
	const start = process.hrtime.bigint();
	const result = fn();
	return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Like `timed`, for async work. */
export async function timedAsync<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
	const start = process.hrtime.bigint();
	const result = await fn();
	return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

export { mulberry32 } from '../src/lib/domain/seeded-random';

export type Rng = () => number;

/** An integer in [min, max], both included. */
export function randInt(rng: Rng, min: number, max: number): number {
	return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
	if (items.length === 0) throw new Error('pick from an empty list');
	return items[Math.floor(rng() * items.length)]!;
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

/** Decimals a figure is reported with, by unit. */
const DECIMALS: Record<string, number> = { ms: 2, s: 2, x: 1 };

/** The value as reported: rounded to the unit's precision (2 decimals unless listed). */
export function rounded(figure: Figure): Figure {
	const f = 10 ** (DECIMALS[figure.unit] ?? 2);
	return { ...figure, value: Math.round(figure.value * f) / f };
}
