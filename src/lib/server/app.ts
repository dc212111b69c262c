import { systemClock, type Clock } from './clock';
import { databasePath, openDatabase, type Db } from './db/connection';
import { migrate, schemaVersion } from './db/migrate';
import { startWalCheckpointer } from './db/wal-checkpointer';
import { sessionPolicyFromEnv, type SessionPolicy } from './auth/session';
import { loginLimitsFromEnv, type LoginLimits } from './auth/throttle';
import { minFreeMbFromEnv } from './disk-space';
import { deleteExpiredSessions } from './repositories/session-repository';
import { demoUsersWithDefaultPasswords } from './repositories/user-repository';
import { seedDemoIfEmpty } from './services/seed-service';
import { loadPublishedSources } from './services/catalogue-service';
import { SYSTEM_ACTOR } from './services/context';
import { readCatalogueSources, readDesignSources } from './catalogue/sources';
import { loadDesignSources } from './services/design-service';
import { startCheckpoints } from './services/checkpoint-service';
import { countyKey } from './services/checkpoint-signing';
import { markChainPending, startChainVerification } from './services/chain-verifier';
import { startDenialFlush } from './services/denial-tally';
import { seedDemoCases } from './services/demo-cases';
import { startFeedPush } from './services/feed-push-service';
import { uploadsDirOf } from './uploads/store';
import { PublicLimits, publicLimitSettings } from './public-limits';
import { ensureFrozenFiles, freezePublishedSources, frozenRoot } from './services/freeze-service';
import { configureSupervision, supervisionSettings } from './services/supervision-service';
import { startSupervisionScheduler } from './services/supervision-scheduler';

/** The zone every date of the product is in (the process runs in it; see `startApp`). */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

export interface App {
	db: Db;
	dbPath: string;
	/** Where frozen item versions are written (see `frozenRoot`). */
	frozenRoot: string;
	clock: Clock;
	sessionPolicy: SessionPolicy;
	/** Failed logins allowed per account and per client address (see `auth/throttle.ts`). */
	loginLimits: LoginLimits;
	/** Free megabytes below which `/api/v1/health` reports low disk space (`SUNLIT_MIN_FREE_MB`). */
	minFreeMb: number;
	/** Applications and uploads per client address and hour (see `public-limits.ts`). */
	limits: PublicLimits;
}

let current: App | null = null;

/**
 * Opens the database, applies pending migrations, seeds the demo county into an empty database
 * and warns loudly while demo passwords are still in use. Called once by the server's init hook.
 */
export async function startApp(
	env: NodeJS.ProcessEnv = process.env,
	log: (line: string) => void = console.log
): Promise<App> {
	if (current) return current;
	// Dates are China's whatever the host's zone: a county's deadlines, working days and the
	// holiday data (chinese-days reads dates in the process's local zone) are all Beijing dates.
	process.env.TZ = CHINA_TIME_ZONE;
	// Read first, so a mistyped limit stops the server before anything is opened.
	const limits = new PublicLimits(publicLimitSettings(env));
	const sessionPolicy = sessionPolicyFromEnv(env);
	const loginLimits = loginLimitsFromEnv(env);
	const minFreeMb = minFreeMbFromEnv(env);
	const dbPath = databasePath(env);
	const db = openDatabase(dbPath);
	const { from, to } = migrate(db);
	if (from !== to) log(`[sunlit] 数据库 ${dbPath} 已从版本 ${from} 迁移到 ${to}`);
	const root = frozenRoot(dbPath, env);
	// The checkpoint signing key, made at first start in the data folder (never in the database).
	const key = countyKey(db.name);
	if (key.created)
		log(
			`[sunlit] 已生成审计检查点签名密钥 ${key.path}（公钥标识 ${key.keyId}）：请与数据库分开备份，见 docs/operations.md`
		);
	// Checkpoints wait for the whole-chain verification below (the demo freeze's included).
	if (!db.memory) markChainPending(db);
	const ctx = { db, clock: systemClock, actor: SYSTEM_ACTOR, ip: null };
	if (env.SUNLIT_NO_DEMO !== '1' && (await seedDemoIfEmpty(db, systemClock))) {
		const loaded = loadPublishedSources(ctx, readCatalogueSources());
		loadDesignSources(ctx, readDesignSources());
		const frozen = await freezePublishedSources(ctx, root);
		const demoCases =
			env.SUNLIT_DEMO_CASES === '0'
				? 0
				: await seedDemoCases(db, root, uploadsDirOf(dbPath), systemClock.now());
		log(
			`[sunlit] 已写入示例县演示数据（含 ${loaded} 项已公布的职权目录，${frozen} 个已固化的事项，${demoCases} 件演示办件）`
		);
	}
	ensureFrozenFiles(ctx, root, log);
	// WAL checkpoints on a worker thread, so no request's commit waits for one.
	if (env.SUNLIT_WAL_CHECKPOINTER !== '0') startWalCheckpointer(db, { log });
	// The audit chain from its first record, on a worker thread (requests are served meanwhile),
	// then daily; the start-up checkpoint is published only over a chain that verified.
	const chain = db.memory ? null : startChainVerification(db, systemClock, log);
	startCheckpoints(db, systemClock, log, chain?.first);
	startDenialFlush(db, systemClock, log);
	configureSupervision(supervisionSettings(env));
	startSupervisionScheduler(db, systemClock, supervisionInterval(env), log, undefined, {
		wholeChainElsewhere: chain !== null
	});
	startFeedPush(db, systemClock, env, log);
	const demo = demoUsersWithDefaultPasswords(db);
	if (demo.length)
		log(
			`[sunlit] 警告：演示账号 ${demo.join(', ')} 仍在使用公开的演示密码（见 README），正式使用前请修改或停用。\n` +
				`[sunlit] WARNING: demo accounts ${demo.join(', ')} still use the published demo passwords; change or disable them before real use.`
		);
	const cleanup = setInterval(() => deleteExpiredSessions(db, Date.now()), 60 * 60_000);
	cleanup.unref();
	current = {
		db,
		dbPath,
		frozenRoot: root,
		clock: systemClock,
		sessionPolicy,
		loginLimits,
		minFreeMb,
		limits
	};
	return current;
}

/** How often the supervision scheduler sweeps (SUNLIT_SUPERVISION_INTERVAL_MS, default 10 min). */
function supervisionInterval(env: NodeJS.ProcessEnv): number {
	const n = Number(env.SUNLIT_SUPERVISION_INTERVAL_MS);
	return Number.isInteger(n) && n >= 200 ? n : 10 * 60_000;
}

export function getApp(): App {
	if (!current)
		throw new Error(
			'Sunlit has not started: startApp() must run first (the server init hook does it).'
		);
	return current;
}

export function appSchemaVersion(): number {
	return schemaVersion(getApp().db);
}
