import type { Db } from '../db/connection';

export interface ThrottleRow {
	key: string;
	failures: number;
	last_failure_at: number;
	locked_until: number;
}

export function getThrottle(db: Db, key: string): ThrottleRow | undefined {
	return db.prepare('SELECT * FROM login_throttle WHERE key = ?').get(key) as
		ThrottleRow | undefined;
}

export function saveThrottle(db: Db, row: ThrottleRow): void {
	db.prepare(
		`INSERT INTO login_throttle (key, failures, last_failure_at, locked_until) VALUES (@key, @failures, @last_failure_at, @locked_until)
		 ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`
	).run(row);
}

export function clearThrottle(db: Db, key: string): void {
	db.prepare('DELETE FROM login_throttle WHERE key = ?').run(key);
}
