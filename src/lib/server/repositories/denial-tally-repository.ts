import type { Db } from '../db/connection';

export interface DenialTallyRow {
	ip: string;
	hour: number;
	count: number;
	/** JSON: `{ "POST /x ?/y": n, … }`, at most a few distinct requests. */
	sample: string;
}

/** Counts one refused request of `ip` in `hour` (hours since the epoch), in one transaction. */
export function bumpDenial(
	db: Db,
	ip: string,
	hour: number,
	what: string,
	sampleMax: number
): void {
	db.transaction(() => {
		const row = db
			.prepare('SELECT count, sample FROM denial_tally WHERE ip = ? AND hour = ?')
			.get(ip, hour) as { count: number; sample: string } | undefined;
		const sample = row ? (JSON.parse(row.sample) as Record<string, number>) : {};
		if (what in sample || Object.keys(sample).length < sampleMax)
			sample[what] = (sample[what] ?? 0) + 1;
		db.prepare(
			`INSERT INTO denial_tally (ip, hour, count, sample) VALUES (?, ?, 1, ?)
			 ON CONFLICT(ip, hour) DO UPDATE SET count = count + 1, sample = excluded.sample`
		).run(ip, hour, JSON.stringify(sample));
	}).immediate();
}

/** The counts of hours before `hour`, oldest first. */
export function finishedDenials(db: Db, hour: number): DenialTallyRow[] {
	return db
		.prepare('SELECT * FROM denial_tally WHERE hour < ? ORDER BY hour, ip')
		.all(hour) as DenialTallyRow[];
}

export function deleteDenial(db: Db, ip: string, hour: number): void {
	db.prepare('DELETE FROM denial_tally WHERE ip = ? AND hour = ?').run(ip, hour);
}
