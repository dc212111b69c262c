import { AppError } from '../../domain/errors';
import {
	addWorkingDays,
	isValidIsoDate,
	mergeTables,
	weekday,
	type HolidayTable,
	type YearCalendar
} from '../../domain/working-days';
import { countsFarOff, countsRange, type CountsRange } from '../../domain/year-counts';
import { builtinCalendar } from '../calendar/builtin-calendar';
import type { Db } from '../db/connection';
import {
	confirmYear as confirmYearRow,
	deleteCalendarDay,
	listCalendarDays,
	listConfirmedYears,
	unconfirmYear as unconfirmYearRow,
	upsertCalendarDay,
	type CalendarDayRow
} from '../repositories/calendar-repository';
import { getUser } from '../repositories/user-repository';
import { audit, inTransaction, type ServiceContext } from './context';

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

// ── administration of the calendar ───────────────────────────────────────────

/** Years an administrator may enter: from the first year of the built-in data to 2100. */
export const CALENDAR_MIN_YEAR = 2004;
export const CALENDAR_MAX_YEAR = 2100;
/** Longest note on a calendar day, in characters. */
export const CALENDAR_NOTE_MAX = 50;

export type CalendarDayKind = CalendarDayRow['kind'];

function requireYear(year: number, field = 'year'): number {
	if (!Number.isInteger(year) || year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR)
		throw new AppError('CALENDAR_YEAR_OUT_OF_RANGE', field, {
			min: CALENDAR_MIN_YEAR,
			max: CALENDAR_MAX_YEAR
		});
	return year;
}

function requireCalendarDate(value: string): string {
	const date = value.trim();
	if (!date) throw new AppError('FIELD_REQUIRED', 'date');
	if (!isValidIsoDate(date)) throw new AppError('CALENDAR_DATE_INVALID', 'date');
	requireYear(Number(date.slice(0, 4)), 'date');
	return date;
}

function findDay(db: Db, date: string): CalendarDayRow | undefined {
	return listCalendarDays(db, Number(date.slice(0, 4))).find((d) => d.date === date);
}

function adminHolidayCount(db: Db, year: number): number {
	return listCalendarDays(db, year).filter((d) => d.kind === 'holiday').length;
}

function isConfirmed(db: Db, year: number): boolean {
	return listConfirmedYears(db).some((y) => y.year === year);
}

/**
 * Enters (or corrects the note of) one day of the administrator's table. A holiday must fall on
 * Monday–Friday (`HOLIDAY_ON_WEEKEND`) and a make-up workday on Saturday/Sunday
 * (`WORKDAY_ON_WEEKDAY`), so a date can only ever be one of the two. The day takes effect at
 * once when its year is confirmed, else only when the year is. Audited as `calendar.day.set`.
 * Throws AppError naming the field: `date` (FIELD_REQUIRED, CALENDAR_DATE_INVALID,
 * CALENDAR_YEAR_OUT_OF_RANGE, the two weekday codes), `kind` (CALENDAR_KIND_INVALID) or
 * `note` (FIELD_TOO_LONG).
 */
export function setCalendarDay(
	ctx: ServiceContext,
	input: { date: string; kind: string; note: string }
): void {
	const date = requireCalendarDate(input.date);
	if (input.kind !== 'holiday' && input.kind !== 'workday')
		throw new AppError('CALENDAR_KIND_INVALID', 'kind');
	const kind: CalendarDayKind = input.kind;
	const note = input.note.trim();
	if (note.length > CALENDAR_NOTE_MAX)
		throw new AppError('FIELD_TOO_LONG', 'note', { max: CALENDAR_NOTE_MAX });
	const day = weekday(date);
	const weekend = day === 0 || day === 6;
	if (kind === 'holiday' && weekend) throw new AppError('HOLIDAY_ON_WEEKEND', 'date', { date });
	if (kind === 'workday' && !weekend) throw new AppError('WORKDAY_ON_WEEKDAY', 'date', { date });
	inTransaction(ctx, () => {
		const before = findDay(ctx.db, date);
		upsertCalendarDay(ctx.db, {
			date,
			kind,
			note,
			updated_at: ctx.clock.now().toISOString(),
			updated_by: ctx.actor.id
		});
		audit(ctx, {
			action: 'calendar.day.set',
			objectType: 'calendar_day',
			objectId: date,
			payload: {
				date,
				kind,
				note,
				before: before ? { kind: before.kind, note: before.note } : null,
				yearConfirmed: isConfirmed(ctx.db, Number(date.slice(0, 4)))
			}
		});
	});
}

/**
 * Removes one day from the administrator's table (`CALENDAR_DAY_NOT_FOUND` when it has none).
 * The last holiday of a confirmed year cannot go (`CALENDAR_LAST_HOLIDAY`): a confirmed year
 * always has holidays; unconfirm it first. Audited as `calendar.day.remove`.
 */
export function removeCalendarDay(ctx: ServiceContext, date: string): void {
	const d = requireCalendarDate(date);
	const year = Number(d.slice(0, 4));
	inTransaction(ctx, () => {
		const before = findDay(ctx.db, d);
		if (!before) throw new AppError('CALENDAR_DAY_NOT_FOUND', 'date', { date: d });
		const confirmed = isConfirmed(ctx.db, year);
		if (confirmed && before.kind === 'holiday' && adminHolidayCount(ctx.db, year) <= 1)
			throw new AppError('CALENDAR_LAST_HOLIDAY', 'date', { date: d, year });
		deleteCalendarDay(ctx.db, d);
		audit(ctx, {
			action: 'calendar.day.remove',
			objectType: 'calendar_day',
			objectId: d,
			payload: { date: d, kind: before.kind, note: before.note, yearConfirmed: confirmed }
		});
	});
}

/** The years whose counts make a normal year: the last three of the built-in national data. */
export const REFERENCE_YEARS = [2024, 2025, 2026] as const;

/** Days off and make-up workdays of a normal year (REFERENCE_YEARS), smallest to largest. */
export function referenceCounts(): CountsRange {
	return countsRange(
		REFERENCE_YEARS.map((y) => {
			const c = builtinCalendar().get(y);
			return { holidays: c?.holidays.length ?? 0, workdays: c?.workdays.length ?? 0 };
		})
	);
}

/**
 * Declares the administrator's table for `year` complete: from now on it alone decides the
 * year's working days, replacing the built-in national schedule entirely. Refused when the year
 * has no holiday entered (`CALENDAR_YEAR_EMPTY`: a real year always has some) or lies outside
 * CALENDAR_MIN_YEAR..CALENDAR_MAX_YEAR (`CALENDAR_YEAR_OUT_OF_RANGE`), and, unless
 * `acknowledgeUnusual`, when its counts are far from a normal year's (`CALENDAR_COUNTS_UNUSUAL`,
 * with the counts and the reference), all on field `year`.
 * Returns false and writes nothing when the year is already confirmed. Audited as
 * `calendar.year.confirm` with the dates confirmed.
 */
export function confirmYear(
	ctx: ServiceContext,
	year: number,
	opts: { acknowledgeUnusual?: boolean } = {}
): boolean {
	requireYear(year);
	return inTransaction(ctx, () => {
		if (isConfirmed(ctx.db, year)) return false;
		const days = listCalendarDays(ctx.db, year);
		const holidays = days.filter((d) => d.kind === 'holiday').map((d) => d.date);
		if (holidays.length === 0) throw new AppError('CALENDAR_YEAR_EMPTY', 'year', { year });
		const counts = { holidays: holidays.length, workdays: days.length - holidays.length };
		const ref = referenceCounts();
		if (!opts.acknowledgeUnusual && countsFarOff(counts, ref))
			throw new AppError('CALENDAR_COUNTS_UNUSUAL', 'year', {
				year,
				...counts,
				refHolidays: `${ref.holidays.min}–${ref.holidays.max}`,
				refWorkdays: `${ref.workdays.min}–${ref.workdays.max}`
			});
		confirmYearRow(ctx.db, {
			year,
			confirmed_at: ctx.clock.now().toISOString(),
			confirmed_by: ctx.actor.id
		});
		audit(ctx, {
			action: 'calendar.year.confirm',
			objectType: 'calendar_year',
			objectId: year,
			payload: {
				year,
				holidays,
				workdays: days.filter((d) => d.kind === 'workday').map((d) => d.date),
				replacesBuiltin: builtinCalendar().has(year)
			}
		});
		return true;
	});
}

/**
 * Withdraws the confirmation of `year`: the built-in schedule applies again when it covers the
 * year, else the year has no holiday data and deadlines fall back to Monday–Friday with a
 * warning. The entered days are kept. Returns false and writes nothing when the year was not
 * confirmed. Audited as `calendar.year.unconfirm`.
 */
export function unconfirmYear(ctx: ServiceContext, year: number): boolean {
	requireYear(year);
	return inTransaction(ctx, () => {
		if (!unconfirmYearRow(ctx.db, year)) return false;
		audit(ctx, {
			action: 'calendar.year.unconfirm',
			objectType: 'calendar_year',
			objectId: year,
			payload: { year, fallsBackTo: builtinCalendar().has(year) ? 'builtin' : 'none' }
		});
		return true;
	});
}

export interface CalendarOverview {
	year: number;
	/** Where the year's working days come from now; 'none' means plain Monday–Friday. */
	source: 'builtin' | 'admin' | 'none';
	/** Whether an administrator has confirmed the year (then source is 'admin'). */
	confirmed: boolean;
	confirmedAt: string | null;
	confirmedBy: string | null;
	/** Whether the built-in national schedule covers the year (confirming replaces it). */
	hasBuiltin: boolean;
	/** The administrator's rows for the year, in date order, whether confirmed or not. */
	rows: CalendarDayRow[];
	/** The days in force: Monday–Friday holidays and Saturday/Sunday workdays, each sorted. */
	holidays: string[];
	workdays: string[];
}

/** What decides `year`'s working days, with the administrator's rows and the days in force. */
export function calendarOverview(db: Db, year: number): CalendarOverview {
	const effective = holidayTable(db).get(year);
	const confirmation = listConfirmedYears(db).find((y) => y.year === year);
	const by = confirmation?.confirmed_by ? getUser(db, confirmation.confirmed_by) : undefined;
	return {
		year,
		source: effective?.source ?? 'none',
		confirmed: !!confirmation,
		confirmedAt: confirmation?.confirmed_at ?? null,
		confirmedBy: by ? by.displayName : null,
		hasBuiltin: builtinCalendar().has(year),
		rows: listCalendarDays(db, year),
		holidays: [...(effective?.holidays ?? [])].sort(),
		workdays: [...(effective?.workdays ?? [])].sort()
	};
}
