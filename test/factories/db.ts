import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { FakeClock } from '../../src/lib/server/clock';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';
import type { Role } from '../../src/lib/domain/roles';
import { getUserRowByUsername } from '../../src/lib/server/repositories/user-repository';
import { seedDemoIfEmpty } from '../../src/lib/server/services/seed-service';
import {
	SYSTEM_ACTOR,
	type Actor,
	type ServiceContext
} from '../../src/lib/server/services/context';

const cleanups: (() => void)[] = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

/** A fresh directory removed after the test. */
export function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'sunlit-test-'));
	cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

/** A migrated database in a temporary file, closed and removed after the test. */
export function tempDb(options: { migrated?: boolean } = {}): { db: Db; path: string } {
	const path = join(tempDir(), 'sunlit.db');
	const db = openDatabase(path);
	cleanups.unshift(() => db.open && db.close());
	if (options.migrated !== false) migrate(db);
	return { db, path };
}

/** A migrated database seeded with the demo county, a fake clock and a context builder. */
export async function seededDb() {
	const { db, path } = tempDb();
	const clock = new FakeClock();
	await seedDemoIfEmpty(db, clock);
	const ctx = (actor: Actor = SYSTEM_ACTOR, ip: string | null = '10.0.0.1'): ServiceContext => ({
		db,
		clock,
		actor,
		ip
	});
	const actorOf = (username: string): Actor => {
		const row = getUserRowByUsername(db, username)!;
		const roles = (
			db.prepare('SELECT role FROM user_roles WHERE user_id = ?').all(row.id) as { role: Role }[]
		).map((r) => r.role);
		return { id: row.id, name: row.username, roles };
	};
	return { db, path, clock, ctx, actorOf };
}
