import {
	addWorkingDays,
	mergeTables,
	type HolidayTable,
	type YearCalendar
} from '../../domain/working-days';
import { builtinCalendar } from '../calendar/builtin-calendar';
import type { Db } from '../db/connection';
import { listCalendarDays, listConfirmedYears } from '../repositories/calendar-repository';

/**
 * The working-day calendar in force: the built-in national schedule (2004–2026, from chinese-days)
 * overlaid by every year an administrator has entered and confirmed (which wins for that year).
 */
export function holidayTable(db: Db): HolidayTable {
	const days = listCalendarDays(db);
	const admin = new Map<number, YearCalendar>();
	for (const { year } of listConfirmedYears(db)) {
		const ofYear = days.filter((d) => d.date.startsWith(`${year}-`));
		admin.set(year, {
			year,
			holidays: ofYear.filter((d) => d.kind === 'holiday').map((d) => d.date),
			workdays: ofYear.filter((d) => d.kind === 'workday').map((d) => d.date),
			source: 'admin'
		});
	}
	return mergeTables(builtinCalendar(), admin);
}

export interface Deadline {
	date: string;
	/** Years the count passed through without a holiday table: the date assumed Monday–Friday. */
	missingYears: number[];
}

/** The n-th working day after `start`; warns in the log when a year had no holiday table. */
export function addWorkingDaysFrom(
	db: Db,
	start: string,
	n: number,
	log: (line: string) => void = console.warn
): Deadline {
	const result = addWorkingDays(start, n, holidayTable(db));
	if (result.missingYears.length)
		log(
			`[sunlit] 警告：${result.missingYears.join('、')} 年没有节假日安排，${start} 起 ${n} 个工作日的期限 ${result.date} 按周一至周五推算，请管理员在“工作日历”中补录。`
		);
	return result;
}

/** Whether the year has holiday data (built-in or confirmed by an administrator). */
export function yearKnown(db: Db, year: number): boolean {
	return holidayTable(db).has(year);
}
