/**
 * Push of the feed to a configured upstream (SUNLIT_FEED_PUSH_URL, docs/feed.md): an in-process
 * worker POSTs the events after the last acknowledged one in batches (application/x-ndjson, the
 * same lines as GET /api/v1/feed, `Authorization: Bearer SUNLIT_FEED_PUSH_TOKEN`). `feed_push.last_seq`
 * advances only after a 2xx answer; a failure waits with exponential backoff and jitter (see
 * src/lib/supervision/feed-push.ts). The state is in the database, so a restart carries on where it
 * stopped; a batch may be sent again after a crash between the answer and the commit, so the
 * receiver keeps each seq once (an upsert keyed by region and seq).
 */
import {
	afterFailure,
	afterSuccess,
	DEFAULT_BACKOFF,
	nextStep,
	type BackoffPolicy,
	type PushState
} from '../../supervision/feed-push';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import * as feed from '../repositories/feed-repository';
import { getRegion } from '../repositories/org-repository';
import { feedLines, toNdjson } from './feed-service';

export interface FeedPushConfig {
	url: string;
	token: string | null;
	batch: number;
	/** How often to look for new events when everything was sent (ms). */
	pollMs: number;
	backoff: BackoffPolicy;
	/** How long one POST may take (ms). */
	timeoutMs: number;
}

const positive = (raw: string | undefined, fallback: number) => {
	const n = Number(raw);
	return raw !== undefined && Number.isSafeInteger(n) && n > 0 ? n : fallback;
};

/** The push configuration from the environment, or null when no upstream is configured. */
export function feedPushConfig(env: NodeJS.ProcessEnv): FeedPushConfig | null {
	const url = env.SUNLIT_FEED_PUSH_URL?.trim();
	if (!url) return null;
	return {
		url,
		token: env.SUNLIT_FEED_PUSH_TOKEN?.trim() || null,
		batch: Math.min(positive(env.SUNLIT_FEED_PUSH_BATCH, 500), 1000),
		pollMs: positive(env.SUNLIT_FEED_PUSH_INTERVAL_MS, 5_000),
		backoff: {
			baseMs: positive(env.SUNLIT_FEED_PUSH_BACKOFF_MS, DEFAULT_BACKOFF.baseMs),
			capMs: DEFAULT_BACKOFF.capMs
		},
		timeoutMs: 30_000
	};
}

const toState = (r: feed.FeedPushRow): PushState => ({
	lastSeq: r.last_seq,
	failures: r.failures,
	nextAttemptAt: r.next_attempt_at,
	lastError: r.last_error
});

function save(db: Db, s: PushState, now: Date) {
	feed.saveFeedPush(db, {
		last_seq: s.lastSeq,
		failures: s.failures,
		next_attempt_at: s.nextAttemptAt,
		last_error: s.lastError,
		updated_at: now.toISOString()
	});
}

/**
 * One attempt: sends the next batch if one is due. Returns how long to wait before the next
 * attempt (0: more is waiting, go on at once).
 */
export async function pushOnce(db: Db, clock: Clock, config: FeedPushConfig): Promise<number> {
	const state = toState(feed.getFeedPush(db));
	const step = nextStep(state, clock.now());
	if ('wait' in step) return step.wait;
	const lines = feedLines(db, step.send.after, config.batch);
	if (lines.length === 0) return config.pollMs;
	const last = lines.at(-1)!.seq;
	let error: string | null = null;
	try {
		const res = await fetch(config.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-ndjson; charset=utf-8',
				...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
				'sunlit-region': getRegion(db)?.code ?? '',
				'sunlit-feed-first': String(lines[0]!.seq),
				'sunlit-feed-last': String(last)
			},
			body: toNdjson(lines),
			signal: AbortSignal.timeout(config.timeoutMs)
		});
		await res.arrayBuffer().catch(() => undefined);
		if (!(res.status >= 200 && res.status < 300)) error = `HTTP ${res.status}`;
	} catch (err) {
		error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
	}
	if (!db.open) return config.pollMs;
	// Read again: only this worker writes the row, but the answer took a while.
	const now = clock.now();
	const current = toState(feed.getFeedPush(db));
	const next =
		error === null
			? afterSuccess(current, last)
			: afterFailure(current, error, now, config.backoff);
	save(db, next, now);
	if (error !== null) return Math.max(0, Date.parse(next.nextAttemptAt!) - now.getTime());
	return lines.length === config.batch ? 0 : config.pollMs;
}

/**
 * Starts the worker (unref'd timers: it never keeps the process alive). Returns its stop function,
 * or null when no upstream is configured.
 */
export function startFeedPush(
	db: Db,
	clock: Clock,
	env: NodeJS.ProcessEnv,
	log: (line: string) => void
): (() => void) | null {
	const config = feedPushConfig(env);
	if (!config) return null;
	let stopped = false;
	let timer: NodeJS.Timeout | null = null;
	const schedule = (ms: number) => {
		if (stopped) return;
		timer = setTimeout(run, Math.min(Math.max(ms, 0), 2 ** 31 - 1));
		timer.unref();
	};
	const run = async () => {
		if (stopped || !db.open) return;
		let wait = config.pollMs;
		try {
			wait = await pushOnce(db, clock, config);
		} catch (err) {
			log(`[sunlit] 实时报送推送出错 / feed push failed: ${String(err)}`);
		}
		schedule(wait);
	};
	log(`[sunlit] 实时报送：推送到 ${config.url}`);
	schedule(0);
	return () => {
		stopped = true;
		if (timer) clearTimeout(timer);
	};
}

/** The URL without any credentials in it (user:password@, query), as the admin page shows it. */
function shownUrl(url: string): string {
	try {
		const u = new URL(url);
		return `${u.protocol}//${u.host}${u.pathname}`;
	} catch {
		return '';
	}
}

/** The push status for the admin page. */
export function feedPushStatus(db: Db, env: NodeJS.ProcessEnv) {
	const config = feedPushConfig(env);
	return {
		configured: config !== null,
		url: config ? shownUrl(config.url) : null,
		...feed.getFeedPush(db),
		lastFeedSeq: feed.lastFeedSeq(db)
	};
}
