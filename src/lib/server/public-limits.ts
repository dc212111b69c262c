import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Limits on what anyone may hand in without an account, per client address and hour: the
 * applications taken (the hall's application page and `POST /api/v1/cases` together) and the
 * megabytes of uploads stored (`POST /api/v1/uploads`). Only what is taken counts: an application
 * refused for its contents, or a file refused for its size or type, does not.
 *
 * Counters live in the server process's memory (rate-limiter-flexible's memory store, one fixed
 * hour per address from its first counted request) and start again when the server restarts.
 * Addresses in `exempt` are never limited: a hall's self-service terminals usually reach the
 * server through one address. The client address is what adapter-node reports; behind a reverse
 * proxy set `ADDRESS_HEADER` (and `XFF_DEPTH`), or every applicant shares the proxy's address.
 */
export interface PublicLimitSettings {
	/** Applications taken per address and hour; 0 turns the limit off. */
	applicationsPerHour: number;
	/** Megabytes of uploads stored per address and hour; 0 turns the limit off. */
	uploadMbPerHour: number;
	/** Complaints and reports filed on `/complaints` per address and hour; 0: no limit. */
	complaintsPerHour: number;
	/** Evaluations (公众评议) taken on `/track` per address and hour; 0: no limit. */
	evaluationsPerHour: number;
	/** Supplements (补正材料) taken on `/track` per address and hour; 0: no limit. */
	supplementsPerHour: number;
	/** Addresses never limited. */
	exempt: ReadonlySet<string>;
}

export const DEFAULT_APPLICATIONS_PER_HOUR = 60;
export const DEFAULT_UPLOAD_MB_PER_HOUR = 500;
export const DEFAULT_COMPLAINTS_PER_HOUR = 10;
export const DEFAULT_EVALUATIONS_PER_HOUR = 30;
export const DEFAULT_SUPPLEMENTS_PER_HOUR = 30;

/** What else is counted per address and hour, like applications: only what is taken. */
export type CountedKind = 'complaints' | 'evaluations' | 'supplements';
const HOUR_S = 3600;

/** The same address however the socket reports it (an IPv4 client on a dual-stack socket). */
export const addressKey = (ip: string) => ip.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name]?.trim();
	if (!raw) return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 0)
		throw new Error(
			`环境变量 ${name} 应为不小于 0 的整数（0 表示不限），现为“${raw}”。` +
				` ${name} must be a whole number of at least 0 (0: no limit), not "${raw}".`
		);
	return n;
}

/**
 * From the environment: `SUNLIT_APPLICATIONS_PER_HOUR` (default 60), `SUNLIT_UPLOAD_MB_PER_HOUR`
 * (default 500), `SUNLIT_COMPLAINTS_PER_HOUR` (10), `SUNLIT_EVALUATIONS_PER_HOUR` (30),
 * `SUNLIT_SUPPLEMENTS_PER_HOUR` (30) and `SUNLIT_LIMIT_EXEMPT` (addresses separated by commas or spaces). A value that
 * is not a whole number stops the server with a message naming the variable.
 */
export function publicLimitSettings(env: NodeJS.ProcessEnv): PublicLimitSettings {
	return {
		applicationsPerHour: whole(env, 'SUNLIT_APPLICATIONS_PER_HOUR', DEFAULT_APPLICATIONS_PER_HOUR),
		uploadMbPerHour: whole(env, 'SUNLIT_UPLOAD_MB_PER_HOUR', DEFAULT_UPLOAD_MB_PER_HOUR),
		complaintsPerHour: whole(env, 'SUNLIT_COMPLAINTS_PER_HOUR', DEFAULT_COMPLAINTS_PER_HOUR),
		evaluationsPerHour: whole(env, 'SUNLIT_EVALUATIONS_PER_HOUR', DEFAULT_EVALUATIONS_PER_HOUR),
		supplementsPerHour: whole(env, 'SUNLIT_SUPPLEMENTS_PER_HOUR', DEFAULT_SUPPLEMENTS_PER_HOUR),
		exempt: new Set(
			(env.SUNLIT_LIMIT_EXEMPT ?? '')
				.split(/[\s,]+/)
				.filter(Boolean)
				.map(addressKey)
		)
	};
}

export class PublicLimits {
	readonly settings: PublicLimitSettings;
	readonly #applications: RateLimiterMemory | null;
	/** Counted in kilobytes (rounded up), so small files count too. */
	readonly #uploads: RateLimiterMemory | null;
	readonly #counted: Record<CountedKind, RateLimiterMemory | null>;

	constructor(settings: PublicLimitSettings) {
		this.settings = settings;
		const counter = (keyPrefix: string, points: number) =>
			points ? new RateLimiterMemory({ keyPrefix, points, duration: HOUR_S }) : null;
		this.#counted = {
			complaints: counter('complaints', settings.complaintsPerHour),
			evaluations: counter('evaluations', settings.evaluationsPerHour),
			supplements: counter('supplements', settings.supplementsPerHour)
		};
		this.#applications = settings.applicationsPerHour
			? new RateLimiterMemory({
					keyPrefix: 'applications',
					points: settings.applicationsPerHour,
					duration: HOUR_S
				})
			: null;
		this.#uploads = settings.uploadMbPerHour
			? new RateLimiterMemory({
					keyPrefix: 'uploads',
					points: settings.uploadMbPerHour * 1024,
					duration: HOUR_S
				})
			: null;
	}

	#limited(ip: string): string | null {
		const key = addressKey(ip);
		return this.settings.exempt.has(key) ? null : key;
	}

	async #wait(limiter: RateLimiterMemory | null, ip: string): Promise<number> {
		const key = this.#limited(ip);
		if (!key || !limiter) return 0;
		const res = await limiter.get(key);
		return res && res.consumedPoints >= limiter.points ? Math.max(res.msBeforeNext, 1) : 0;
	}

	async #taken(limiter: RateLimiterMemory | null, ip: string): Promise<void> {
		const key = this.#limited(ip);
		if (!key || !limiter) return;
		// Over the limit only when two requests raced past the check: counted all the same.
		await limiter.consume(key).catch(() => {});
	}

	/** Milliseconds until `ip` may hand in another application; 0 when it may now. */
	applicationWait(ip: string): Promise<number> {
		return this.#wait(this.#applications, ip);
	}

	/** Counts one application taken from `ip`. */
	applicationTaken(ip: string): Promise<void> {
		return this.#taken(this.#applications, ip);
	}

	/** The hourly limit on `kind` (0: none). */
	limitOf(kind: CountedKind): number {
		return this.settings[`${kind}PerHour`];
	}

	/** Milliseconds until `ip` may hand in another complaint, evaluation or supplement; 0: now. */
	wait(kind: CountedKind, ip: string): Promise<number> {
		return this.#wait(this.#counted[kind], ip);
	}

	/** Counts one complaint, evaluation or supplement taken from `ip`. */
	taken(kind: CountedKind, ip: string): Promise<void> {
		return this.#taken(this.#counted[kind], ip);
	}

	/**
	 * Counts `bytes` about to be stored for `ip`: 0 when they may be, else the milliseconds until
	 * the address's hour ends (and the refused bytes are not counted).
	 */
	async uploadWait(ip: string, bytes: number): Promise<number> {
		const key = this.#limited(ip);
		if (!key || !this.#uploads) return 0;
		const kb = Math.max(1, Math.ceil(bytes / 1024));
		try {
			await this.#uploads.consume(key, kb);
			return 0;
		} catch (e) {
			if (!(e instanceof RateLimiterRes)) throw e;
			await this.#uploads.reward(key, kb);
			return Math.max(e.msBeforeNext, 1);
		}
	}
}

/** Minutes to tell someone to wait, at least 1. */
export const waitMinutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));
