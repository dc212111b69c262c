/**
 * Working-day (工作日) arithmetic for deadlines counted in Chinese working days.
 *
 * A day is a working day when it is Monday–Friday and not a statutory holiday, or when it is a
 * Saturday/Sunday declared a make-up workday (调休上班). Holidays and make-up workdays come per
 * year from a {@link HolidayTable}; a year absent from the table falls back to plain Monday–Friday
 * and is reported as missing so callers can warn that the result may be wrong.
 *
 * Dates are calendar dates in China written 'YYYY-MM-DD' (years 0000–9999). Everything here is
 * computed from the date strings alone in UTC arithmetic, so no time zone or clock is involved.
 */

/** One year's exceptions to the Mon–Fri rule. Dates are 'YYYY-MM-DD' (China calendar dates). */
export interface YearCalendar {
	year: number;
	/** Days off. Listing a Saturday/Sunday is allowed and changes nothing. */
	holidays: readonly string[];
	/** Saturdays/Sundays that are working days (调休上班). Listing a Mon–Fri changes nothing. */
	workdays: readonly string[];
	source: 'builtin' | 'admin';
}

/** Calendars by year; a year absent from the map has no holiday data. */
export type HolidayTable = ReadonlyMap<number, YearCalendar>;

const MS_PER_DAY = 86_400_000;
/**
 * `Date.UTC` reads years 0–99 as 1900–1999, so every year is shifted by one Gregorian cycle
 * (400 years = 146 097 days, a whole number of weeks) before it reaches `Date.UTC`.
 */
const CYCLE_YEARS = 400;
const CYCLE_DAYS = 146_097;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date as a count of days since 1970-01-01, or null when `s` is not a real 'YYYY-MM-DD'. */
function parseDayNumber(s: string): number | null {
	if (typeof s !== 'string') return null;
	const match = ISO_DATE.exec(s);
	if (!match) return null;
	const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (m < 1 || m > 12 || d < 1 || d > 31) return null;
	const n = Date.UTC(y + CYCLE_YEARS, m - 1, d) / MS_PER_DAY - CYCLE_DAYS;
	// Date.UTC rolls 02-30 over into March; a real date survives the round trip unchanged.
	return formatDayNumber(n) === s ? n : null;
}

/** Formatted day numbers: deadlines count day by day, and the same few hundred days recur. */
const formatted = new Map<number, string | null>();

/** 'YYYY-MM-DD' of a day number, or null outside years 0000–9999. */
function formatDayNumber(n: number): string | null {
	let s = formatted.get(n);
	if (s === undefined) {
		if (formatted.size >= 20_000) formatted.clear();
		formatted.set(n, (s = formatDay(n)));
	}
	return s;
}

function formatDay(n: number): string | null {
	const t = new Date((n + CYCLE_DAYS) * MS_PER_DAY);
	const year = t.getUTCFullYear() - CYCLE_YEARS;
	if (!(year >= 0 && year <= 9999)) return null;
	const pad = (v: number, width: number) => String(v).padStart(width, '0');
	return `${pad(year, 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

function requireDayNumber(date: string, what: string): number {
	const n = parseDayNumber(date);
	if (n === null) {
		throw new Error(`Invalid ${what} ${JSON.stringify(date)}: expected a real date as YYYY-MM-DD`);
	}
	return n;
}

function requireDate(n: number): string {
	const s = formatDayNumber(n);
	if (s === null) throw new Error('Date out of range: the result falls outside years 0000–9999');
	return s;
}

/** Day of week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function dayOfWeek(n: number): number {
	return (((n + 4) % 7) + 7) % 7;
}

/** True when `s` is exactly 'YYYY-MM-DD' and names a real date (2026-02-30 is false). */
export function isValidIsoDate(s: string): boolean {
	return parseDayNumber(s) !== null;
}

/** Day of week of a 'YYYY-MM-DD' date: 0 = Sunday … 6 = Saturday. Throws on an invalid date. */
export function weekday(date: string): number {
	return dayOfWeek(requireDayNumber(date, 'date'));
}

/**
 * The date `n` calendar days after `date` (before it when `n` is negative). Throws on an invalid
 * date, a non-integer `n`, or a result outside years 0000–9999.
 */
export function addDays(date: string, n: number): string {
	const start = requireDayNumber(date, 'date');
	if (!Number.isSafeInteger(n)) throw new Error(`Invalid day count ${n}: expected an integer`);
	return requireDate(start + n);
}

interface YearLookup {
	holidays: ReadonlySet<string>;
	workdays: ReadonlySet<string>;
}

/** Sets built once per calendar object; calendars are treated as immutable. */
const lookups = new WeakMap<YearCalendar, YearLookup>();

/**
 * The lookup sets of the calendar filed under `year`, or undefined when the table has none.
 * Throws when the calendar is malformed: filed under another year, an entry that is not a real
 * date of that year, or a date listed both as holiday and as workday. Bad holiday data must stop
 * a deadline computation rather than silently give a wrong date.
 */
function lookupYear(table: HolidayTable, year: number): YearLookup | undefined {
	const calendar = table.get(year);
	if (!calendar) return undefined;
	if (calendar.year !== year) {
		throw new Error(`Holiday table files the calendar for ${calendar.year} under year ${year}`);
	}
	let lookup = lookups.get(calendar);
	if (!lookup) {
		const check = (list: readonly string[], kind: string): Set<string> => {
			for (const date of list) {
				const n = parseDayNumber(date);
				if (n === null || !date.startsWith(`${String(year).padStart(4, '0')}-`)) {
					throw new Error(
						`Invalid ${kind} ${JSON.stringify(date)} in the ${calendar.source} calendar for ${year}`
					);
				}
			}
			return new Set(list);
		};
		const holidays = check(calendar.holidays, 'holiday');
		const workdays = check(calendar.workdays, 'workday');
		for (const date of workdays) {
			if (holidays.has(date)) {
				throw new Error(
					`${date} is both a holiday and a workday in the ${calendar.source} calendar for ${year}`
				);
			}
		}
		lookup = { holidays, workdays };
		lookups.set(calendar, lookup);
	}
	return lookup;
}

/** Working-day status of day number `n`, whose 'YYYY-MM-DD' form is `date`. */
function classify(
	n: number,
	date: string,
	table: HolidayTable
): { working: boolean; known: boolean; year: number } {
	const year = Number(date.slice(0, 4));
	const dow = dayOfWeek(n);
	const monToFri = dow >= 1 && dow <= 5;
	const lookup = lookupYear(table, year);
	if (!lookup) return { working: monToFri, known: false, year };
	const working = monToFri ? !lookup.holidays.has(date) : lookup.workdays.has(date);
	return { working, known: true, year };
}

/**
 * Whether `date` is a working day under `table`. `known` is false when the table has no calendar
 * for the date's year; `working` then says only whether it is Monday–Friday. Throws on an invalid
 * date or a malformed calendar for that year.
 */
export function isWorkingDay(
	date: string,
	table: HolidayTable
): { working: boolean; known: boolean } {
	const { working, known } = classify(requireDayNumber(date, 'date'), date, table);
	return { working, known };
}

/**
 * Counts working days over the days after day number `from` up to and including `to`
 * (`from` < `to`), noting each year without a calendar among those days.
 */
function countWorkingDays(from: number, to: number, table: HolidayTable, missing: Set<number>) {
	let days = 0;
	for (let n = from + 1; n <= to; n++) {
		const status = classify(n, requireDate(n), table);
		if (!status.known) missing.add(status.year);
		if (status.working) days++;
	}
	return days;
}

function sortedYears(years: Set<number>): number[] {
	return [...years].sort((a, b) => a - b);
}

/**
 * The n-th working day after `start` (start itself never counts; n >= 0; n = 0 returns start).
 * missingYears lists every year without a calendar that the count passed through (sorted,
 * unique), so callers can warn. "Passed through" means the years of the days examined: those
 * after `start` up to and including the result; so n = 0 examines none and reports none.
 * Throws on an invalid start, a negative or non-integer n, or a malformed calendar.
 */
export function addWorkingDays(
	start: string,
	n: number,
	table: HolidayTable
): { date: string; missingYears: number[] } {
	let day = requireDayNumber(start, 'start date');
	if (!Number.isSafeInteger(n) || n < 0) {
		throw new Error(`Invalid working-day count ${n}: expected a non-negative integer`);
	}
	const missing = new Set<number>();
	for (let counted = 0; counted < n;) {
		day++;
		const status = classify(day, requireDate(day), table);
		if (!status.known) missing.add(status.year);
		if (status.working) counted++;
	}
	return { date: requireDate(day), missingYears: sortedYears(missing) };
}

/**
 * Working days strictly after `from` up to and including `to` (0 when to <= from); negative when
 * to < from, counting backwards symmetric: workingDaysBetween(a,b) === -workingDaysBetween(b,a).
 * Also returns missingYears: the years without a calendar among the days counted over (the days
 * after the earlier date up to and including the later one), sorted and unique.
 * Consistent with addWorkingDays: workingDaysBetween(s, addWorkingDays(s, n).date) === n.
 * Throws on an invalid date or a malformed calendar.
 */
export function workingDaysBetween(
	from: string,
	to: string,
	table: HolidayTable
): { days: number; missingYears: number[] } {
	const a = requireDayNumber(from, 'from date');
	const b = requireDayNumber(to, 'to date');
	const missing = new Set<number>();
	let days = 0;
	if (a < b) days = countWorkingDays(a, b, table, missing);
	else if (b < a) days = -countWorkingDays(b, a, table, missing);
	return { days, missingYears: sortedYears(missing) };
}

/**
 * Merge builtin and admin calendars: for a year present in both, the admin one wins entirely.
 * In general later arguments win per year, whole calendars being replaced and never combined;
 * pass the builtin table first and the admin table after it. The inputs are not modified.
 */
export function mergeTables(...tables: HolidayTable[]): HolidayTable {
	const merged = new Map<number, YearCalendar>();
	for (const table of tables) {
		for (const [year, calendar] of table) merged.set(year, calendar);
	}
	return merged;
}
