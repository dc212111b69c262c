import { cachedStatement, type Db } from '../db/connection';

export interface CalendarDayRow {
	date: string;
	kind: 'holiday' | 'workday';
	note: string;
	updated_at: string;
	updated_by: number | null;
}

export interface CalendarYearRow {
	year: number;
	confirmed_at: string;
	confirmed_by: number | null;
}

export function listCalendarDays(db: Db, year?: number): CalendarDayRow[] {
	return (
		year === undefined
			? cachedStatement(db, 'SELECT * FROM calendar_days ORDER BY date').all()
			: cachedStatement(db, 'SELECT * FROM calendar_days WHERE date LIKE ? ORDER BY date').all(
					`${year}-%`
				)
	) as CalendarDayRow[];
}

export function listConfirmedYears(db: Db): CalendarYearRow[] {
	return cachedStatement(
		db,
		'SELECT * FROM calendar_years ORDER BY year'
	).all() as CalendarYearRow[];
}

export function upsertCalendarDay(db: Db, d: CalendarDayRow): void {
	db.prepare(
		`INSERT INTO calendar_days (date, kind, note, updated_at, updated_by) VALUES (@date, @kind, @note, @updated_at, @updated_by)
		 ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, note = excluded.note, updated_at = excluded.updated_at, updated_by = excluded.updated_by`
	).run(d);
}

export function deleteCalendarDay(db: Db, date: string): boolean {
	return db.prepare('DELETE FROM calendar_days WHERE date = ?').run(date).changes > 0;
}

export function confirmYear(db: Db, y: CalendarYearRow): void {
	db.prepare(
		'INSERT OR REPLACE INTO calendar_years (year, confirmed_at, confirmed_by) VALUES (@year, @confirmed_at, @confirmed_by)'
	).run(y);
}

export function unconfirmYear(db: Db, year: number): boolean {
	return db.prepare('DELETE FROM calendar_years WHERE year = ?').run(year).changes > 0;
}
