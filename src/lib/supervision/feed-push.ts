/**
 * Push of the feed to a configured upstream (实时报送): the worker's decisions, pure so they can be
 * tested without a network or a clock. The worker (src/lib/server/services/feed-push-service.ts)
 * reads the state, asks `nextStep`, does what it says, and records the outcome with `afterSuccess`
 * or `afterFailure`; the state lives in the `feed_push` row, so a restart carries on.
 */

export interface PushState {
	/** The last sequence number the upstream acknowledged (2xx). */
	lastSeq: number;
	/** Failed attempts in a row since the last success. */
	failures: number;
	/** ISO instant before which no attempt is made (after a failure), or null. */
	nextAttemptAt: string | null;
	lastError: string | null;
}

export interface BackoffPolicy {
	/** The delay after the first failure (ms); it doubles with each further failure. */
	baseMs: number;
	/** The longest delay (ms). */
	capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 10 * 60_000 };

/**
 * The wait after the `failures`-th failure in a row: exponential (base · 2^(failures−1), at most the
 * cap) with jitter — a random point in the upper half — so many counties that failed together do
 * not all retry at the same moment. `random` in [0, 1).
 */
export function backoffDelay(
	failures: number,
	policy: BackoffPolicy = DEFAULT_BACKOFF,
	random: () => number = Math.random
): number {
	if (failures <= 0) return 0;
	const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(failures - 1, 30));
	return Math.round(exp / 2 + (exp / 2) * random());
}

/** What the worker does now: wait (ms), or send the events after `after`. */
export type PushStep = { wait: number } | { send: { after: number } };

export function nextStep(state: PushState, now: Date): PushStep {
	if (state.nextAttemptAt) {
		const wait = Date.parse(state.nextAttemptAt) - now.getTime();
		if (wait > 0) return { wait };
	}
	return { send: { after: state.lastSeq } };
}

/** The upstream acknowledged the batch up to `lastSeq`. */
export function afterSuccess(state: PushState, lastSeq: number): PushState {
	return {
		lastSeq: Math.max(state.lastSeq, lastSeq),
		failures: 0,
		nextAttemptAt: null,
		lastError: null
	};
}

/** The batch was not acknowledged: the next attempt waits, longer with each failure. */
export function afterFailure(
	state: PushState,
	error: string,
	now: Date,
	policy: BackoffPolicy = DEFAULT_BACKOFF,
	random: () => number = Math.random
): PushState {
	const failures = state.failures + 1;
	return {
		lastSeq: state.lastSeq,
		failures,
		nextAttemptAt: new Date(now.getTime() + backoffDelay(failures, policy, random)).toISOString(),
		lastError: error.slice(0, 500)
	};
}
