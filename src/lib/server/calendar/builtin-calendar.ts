// chinese-days is CommonJS: only the default import survives the production build.
import chineseDays from 'chinese-days';
import { addDays, weekday, type HolidayTable, type YearCalendar } from '../../domain/working-days';

/** First year the chinese-days data covers. */
export const BUILTIN_FIRST_YEAR = 2004;
/**
 * Last year the chinese-days data covers. For later years the library silently answers as if
 * every Monday–Friday were a workday, so nothing after this year is taken from it.
 */
export const BUILTIN_LAST_YEAR = 2026;

let cached: HolidayTable | undefined;

/**
 * The official holidays and make-up workdays of BUILTIN_FIRST_YEAR..BUILTIN_LAST_YEAR from the
 * chinese-days package, one calendar per year with source 'builtin'. `holidays` holds only the
 * Monday–Friday days off (weekend days inside a holiday period change nothing) and `workdays`
 * only the Saturdays/Sundays worked (调休上班), each sorted. The table has no year outside that
 * range, so later years count as missing. Built once; the table and its lists are frozen.
 *
 * Throws when chinese-days answers for a date other than the one asked, which happens when the
 * process runs in a time zone west of UTC (its dates then shift by a day): run the server in
 * Asia/Shanghai or UTC.
 */
export function builtinCalendar(): HolidayTable {
	cached ??= buildTable();
	return cached;
}

function buildTable(): HolidayTable {
	const table = new Map<number, YearCalendar>();
	for (let year = BUILTIN_FIRST_YEAR; year <= BUILTIN_LAST_YEAR; year++) {
		const calendar = buildYear(year);
		// Every year has weekday holidays (the Spring Festival alone spans several); a year
		// without any means the library has no data for it, so it is left out and reported missing.
		if (calendar.holidays.length > 0) table.set(year, calendar);
	}
	return table;
}

function buildYear(year: number): YearCalendar {
	const holidays: string[] = [];
	const workdays: string[] = [];
	const last = `${year}-12-31`;
	for (let date = `${year}-01-01`; date <= last; date = addDays(date, 1)) {
		const detail = chineseDays.getDayDetail(date);
		if (detail.date !== date) {
			throw new Error(
				`chinese-days answered for ${detail.date} when asked about ${date}; ` +
					'it misreads dates in time zones west of UTC, so run the server in Asia/Shanghai or UTC'
			);
		}
		const day = weekday(date);
		const weekend = day === 0 || day === 6;
		if (!weekend && !detail.work) holidays.push(date);
		else if (weekend && detail.work) workdays.push(date);
	}
	return Object.freeze({
		year,
		holidays: Object.freeze(holidays),
		workdays: Object.freeze(workdays),
		source: 'builtin'
	});
}
