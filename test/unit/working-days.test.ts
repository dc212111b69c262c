import { describe, expect, it } from 'vitest';
import {
	addDays,
	addWorkingDays,
	isValidIsoDate,
	isWorkingDay,
	mergeTables,
	weekday,
	workingDaysBetween,
	type HolidayTable,
	type YearCalendar
} from '../../src/lib/domain/working-days';
import { BUILTIN_LAST_YEAR, builtinCalendar } from '../../src/lib/server/calendar/builtin-calendar';

/** A hand-built table: 2030-01-01 (Tue) off, 2030-01-05 (Sat) worked. */
const year2030: YearCalendar = {
	year: 2030,
	holidays: ['2030-01-01'],
	workdays: ['2030-01-05'],
	source: 'admin'
};
const small: HolidayTable = new Map([[2030, year2030]]);

describe('dates', () => {
	it('accepts only strict YYYY-MM-DD strings naming real dates', () => {
		expect(isValidIsoDate('2026-02-14')).toBe(true);
		expect(isValidIsoDate('2024-02-29')).toBe(true);
		expect(isValidIsoDate('0001-01-01')).toBe(true);
		for (const bad of [
			'2026-02-30',
			'2025-02-29',
			'2026-13-01',
			'2026-00-10',
			'2026-01-00',
			'2026-2-3',
			'2026/02/03',
			'20260203',
			'2026-02-03T00:00',
			' 2026-02-03',
			''
		]) {
			expect(isValidIsoDate(bad), bad).toBe(false);
		}
	});

	it('computes the weekday from the date alone, including years Date.UTC reads as 19xx', () => {
		expect(weekday('1970-01-01')).toBe(4);
		expect(weekday('2000-02-29')).toBe(2);
		expect(weekday('2026-02-14')).toBe(6);
		expect(weekday('2026-12-20')).toBe(0);
		expect(weekday('0001-01-01')).toBe(1);
	});

	it('adds calendar days across month, leap-day and year boundaries, both ways', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(addDays('2026-02-14', 0)).toBe('2026-02-14');
		expect(addDays('0050-06-15', 365)).toBe('0051-06-15');
	});

	it('rejects invalid dates, fractional counts and results beyond year 9999', () => {
		expect(() => weekday('2026-02-30')).toThrow(/Invalid date "2026-02-30"/);
		expect(() => addDays('2026-2-1', 1)).toThrow(/YYYY-MM-DD/);
		expect(() => addDays('2026-02-01', 1.5)).toThrow(/integer/);
		expect(() => addDays('9999-12-31', 1)).toThrow(/out of range/);
		expect(() => addDays('0000-01-01', -1)).toThrow(/out of range/);
	});
});

describe('working days with a hand-built table', () => {
	it('treats a listed weekday as off and a listed Saturday as worked', () => {
		expect(isWorkingDay('2030-01-01', small)).toEqual({ working: false, known: true });
		expect(isWorkingDay('2030-01-05', small)).toEqual({ working: true, known: true });
		expect(isWorkingDay('2030-01-06', small)).toEqual({ working: false, known: true });
		expect(isWorkingDay('2030-01-02', small)).toEqual({ working: true, known: true });
	});

	it('falls back to Monday–Friday, marked unknown, for a year without a calendar', () => {
		expect(isWorkingDay('2031-01-01', small)).toEqual({ working: true, known: false });
		expect(isWorkingDay('2031-01-04', small)).toEqual({ working: false, known: false });
	});

	it('never counts the start day, and n = 0 returns the start even when it is a holiday', () => {
		expect(addWorkingDays('2030-01-01', 0, small)).toEqual({
			date: '2030-01-01',
			missingYears: []
		});
		// Thursday 2030-01-03 is a working day, yet one working day after it is Friday.
		expect(addWorkingDays('2030-01-03', 1, small).date).toBe('2030-01-04');
	});

	it('reports the years without data it passed through and counts them Monday–Friday', () => {
		// Given a start on Friday 2029-12-28 and a table that only knows 2030,
		// when counting 5 working days,
		// then Mon 12-31 (2029, Mon–Fri) counts, 01-01 is off, Wed–Fri count, and Sat 01-05 is the 5th.
		expect(addWorkingDays('2029-12-28', 5, small)).toEqual({
			date: '2030-01-05',
			missingYears: [2029]
		});
		expect(workingDaysBetween('2029-12-28', '2030-01-05', small)).toEqual({
			days: 5,
			missingYears: [2029]
		});
	});

	it('lists missing years sorted and once each, over several years', () => {
		expect(addWorkingDays('2028-12-29', 600, small).missingYears).toEqual([2028, 2029, 2031]);
	});

	it('counts between two dates symmetrically and gives 0 for the same date', () => {
		expect(workingDaysBetween('2030-01-04', '2030-01-04', small).days).toBe(0);
		expect(workingDaysBetween('2029-12-31', '2030-01-07', small).days).toBe(5);
		expect(workingDaysBetween('2030-01-07', '2029-12-31', small)).toEqual({
			days: -5,
			missingYears: []
		});
		// A non-working end day adds nothing: Sunday 01-06 gives the same count as Saturday 01-05.
		expect(workingDaysBetween('2029-12-31', '2030-01-06', small).days).toBe(4);
	});

	it('lets later tables win a year entirely, without touching the inputs', () => {
		const replacement: YearCalendar = {
			year: 2030,
			holidays: ['2030-01-02'],
			workdays: [],
			source: 'admin'
		};
		const merged = mergeTables(small, new Map([[2030, replacement]]));
		expect(merged.get(2030)).toBe(replacement);
		// The replaced calendar's 01-01 holiday and 01-05 workday are gone, not combined.
		expect(isWorkingDay('2030-01-01', merged).working).toBe(true);
		expect(isWorkingDay('2030-01-05', merged).working).toBe(false);
		expect(isWorkingDay('2030-01-02', merged).working).toBe(false);
		expect(small.get(2030)).toBe(year2030);
		expect(mergeTables().size).toBe(0);
	});

	it('refuses malformed calendars instead of silently ignoring entries', () => {
		const calendar = (holidays: string[], workdays: string[]): HolidayTable =>
			new Map([[2030, { year: 2030, holidays, workdays, source: 'admin' as const }]]);
		expect(() => isWorkingDay('2030-03-01', calendar(['2030-1-1'], []))).toThrow(
			/Invalid holiday "2030-1-1"/
		);
		expect(() => isWorkingDay('2030-03-01', calendar([], ['2031-01-04']))).toThrow(
			/Invalid workday "2031-01-04"/
		);
		expect(() => isWorkingDay('2030-03-01', calendar(['2030-01-05'], ['2030-01-05']))).toThrow(
			/both a holiday and a workday/
		);
		const misfiled: HolidayTable = new Map([[2031, year2030]]);
		expect(() => isWorkingDay('2031-03-03', misfiled)).toThrow(/under year 2031/);
	});

	it('rejects invalid dates and negative or non-integer counts', () => {
		expect(() => addWorkingDays('2026-02-30', 1, small)).toThrow(/Invalid start date/);
		expect(() => addWorkingDays('2030-01-02', -1, small)).toThrow(/non-negative integer/);
		expect(() => addWorkingDays('2030-01-02', 1.5, small)).toThrow(/non-negative integer/);
		expect(() => addWorkingDays('2030-01-02', Number.NaN, small)).toThrow(/non-negative/);
		expect(() => isWorkingDay('2030/01/02', small)).toThrow(/Invalid date/);
		expect(() => workingDaysBetween('2030-01-02', '2030-02-29', small)).toThrow(
			/Invalid to date "2030-02-29"/
		);
		expect(() => workingDaysBetween('tomorrow', '2030-01-02', small)).toThrow(/Invalid from date/);
	});
});

describe('builtin calendar from chinese-days', () => {
	const builtin = builtinCalendar();

	it('covers 2004–2026 and nothing later, where chinese-days has no real data', () => {
		expect(BUILTIN_LAST_YEAR).toBe(2026);
		expect([...builtin.keys()]).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
		expect(builtin.get(2027)).toBeUndefined();
		expect(builtinCalendar()).toBe(builtin);
	});

	it('lists only weekday holidays and weekend workdays, each within its own year', () => {
		for (const [year, calendar] of builtin) {
			expect(calendar.year).toBe(year);
			expect(calendar.source).toBe('builtin');
			expect(calendar.holidays.length).toBeGreaterThan(0);
			for (const date of calendar.holidays) {
				expect(date.startsWith(`${year}-`), date).toBe(true);
				expect([1, 2, 3, 4, 5], date).toContain(weekday(date));
			}
			for (const date of calendar.workdays) {
				expect(date.startsWith(`${year}-`), date).toBe(true);
				expect([0, 6], date).toContain(weekday(date));
			}
		}
	});

	it('has the 2026 Spring Festival: 02-15 to 02-23 off, Saturdays 02-14 and 02-28 worked', () => {
		const c2026 = builtin.get(2026);
		// Weekday holidays only: Sun 02-15, Sat 02-21 and Sun 02-22 are off anyway.
		expect(c2026?.holidays.filter((d) => d.startsWith('2026-02'))).toEqual([
			'2026-02-16',
			'2026-02-17',
			'2026-02-18',
			'2026-02-19',
			'2026-02-20',
			'2026-02-23'
		]);
		expect(c2026?.workdays).toEqual(expect.arrayContaining(['2026-02-14', '2026-02-28']));
	});

	it('counts across the 2026 Spring Festival, including both make-up Saturdays', () => {
		// Given Thursday 2026-02-12: Fri 02-13 is 1st, make-up Sat 02-14 is 2nd,
		// 02-15..02-23 are off, then Tue 02-24 is 3rd … Fri 02-27 6th, make-up Sat 02-28 7th.
		expect(addWorkingDays('2026-02-12', 2, builtin)).toEqual({
			date: '2026-02-14',
			missingYears: []
		});
		expect(addWorkingDays('2026-02-12', 3, builtin).date).toBe('2026-02-24');
		expect(addWorkingDays('2026-02-12', 7, builtin).date).toBe('2026-02-28');
		expect(addWorkingDays('2026-02-12', 8, builtin).date).toBe('2026-03-02');
		// Without holiday data the 3rd working day would be Tuesday 02-17.
		expect(addWorkingDays('2026-02-12', 3, new Map()).date).toBe('2026-02-17');
		expect(workingDaysBetween('2026-02-12', '2026-03-02', builtin).days).toBe(8);
	});

	it('knows a make-up Saturday is worked and a holiday Wednesday is not', () => {
		expect(isWorkingDay('2026-02-14', builtin)).toEqual({ working: true, known: true });
		expect(isWorkingDay('2026-02-18', builtin)).toEqual({ working: false, known: true });
		expect(isWorkingDay('2025-10-01', builtin)).toEqual({ working: false, known: true });
		expect(isWorkingDay('2025-10-11', builtin)).toEqual({ working: true, known: true });
	});

	it('has the 2025 National Day and Mid-Autumn: 10-01 to 10-08 off, 09-28 and 10-11 worked', () => {
		const c2025 = builtin.get(2025);
		expect(c2025?.holidays.filter((d) => d >= '2025-09-01' && d <= '2025-10-31')).toEqual([
			'2025-10-01',
			'2025-10-02',
			'2025-10-03',
			'2025-10-06',
			'2025-10-07',
			'2025-10-08'
		]);
		expect(c2025?.workdays).toEqual(expect.arrayContaining(['2025-09-28', '2025-10-11']));
	});

	it('counts 10 and 20 working days across the 2025 National Day', () => {
		// Given Friday 2025-09-26: make-up Sun 09-28 is 1st, Mon 09-29 2nd, Tue 09-30 3rd,
		// 10-01..10-08 are off, Thu 10-09 4th, Fri 10-10 5th, make-up Sat 10-11 6th,
		// 10-13..10-16 are 7th..10th; 10-17, 10-20..10-24, 10-27..10-30 are 11th..20th.
		expect(addWorkingDays('2025-09-26', 10, builtin)).toEqual({
			date: '2025-10-16',
			missingYears: []
		});
		expect(addWorkingDays('2025-09-26', 20, builtin)).toEqual({
			date: '2025-10-30',
			missingYears: []
		});
		expect(workingDaysBetween('2025-09-26', '2025-10-16', builtin).days).toBe(10);
		expect(workingDaysBetween('2025-10-30', '2025-09-26', builtin).days).toBe(-20);
	});

	it('falls back to Monday–Friday for 2027 and says so', () => {
		// Given Sunday 2026-12-20 and no 2027 data: 12-21..25 and 12-28..31 are 9 days,
		// Fri 2027-01-01 counts as the 10th, 01-04..08 and 01-11..15 make 20.
		expect(addWorkingDays('2026-12-20', 20, builtin)).toEqual({
			date: '2027-01-15',
			missingYears: [2027]
		});
	});

	it('uses an administrator 2027 calendar merged over the builtin one', () => {
		const admin: HolidayTable = new Map([
			[2027, { year: 2027, holidays: ['2027-01-01'], workdays: [], source: 'admin' as const }]
		]);
		const table = mergeTables(builtin, admin);
		// New Year's Day is skipped, so the 20th working day moves to Monday 2027-01-18.
		expect(addWorkingDays('2026-12-20', 20, table)).toEqual({
			date: '2027-01-18',
			missingYears: []
		});
		expect(workingDaysBetween('2026-12-20', '2027-01-18', table)).toEqual({
			days: 20,
			missingYears: []
		});
	});

	it('lets an administrator calendar replace a builtin year entirely', () => {
		const admin: HolidayTable = new Map([
			[2026, { year: 2026, holidays: [], workdays: [], source: 'admin' as const }]
		]);
		const table = mergeTables(builtin, admin);
		expect(table.get(2026)?.source).toBe('admin');
		expect(isWorkingDay('2026-02-18', table).working).toBe(true);
		expect(isWorkingDay('2026-02-14', table).working).toBe(false);
		expect(builtin.get(2026)?.source).toBe('builtin');
	});

	it('agrees with addWorkingDays for every start in 2025–2026 and n = 0..30, both ways', () => {
		let checked = 0;
		for (let start = '2025-01-01'; start <= '2026-12-31'; start = addDays(start, 1)) {
			for (let n = 0; n <= 30; n++) {
				const end = addWorkingDays(start, n, builtin).date;
				const forward = workingDaysBetween(start, end, builtin).days;
				const backward = workingDaysBetween(end, start, builtin).days;
				if (forward !== n || backward !== -n) {
					expect({ start, n, end, forward, backward }).toEqual({
						start,
						n,
						end,
						forward: n,
						backward: -n
					});
				}
				checked++;
			}
		}
		expect(checked).toBe(730 * 31);
	});
});
