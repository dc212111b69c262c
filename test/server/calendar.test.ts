import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/domain/errors';
import { hasMessage, translate } from '../../src/lib/i18n';
import type { Db } from '../../src/lib/server/db/connection';
import {
	addWorkingDaysFrom,
	calendarOverview,
	confirmYear,
	removeCalendarDay,
	setCalendarDay,
	unconfirmYear,
	yearKnown
} from '../../src/lib/server/services/calendar-service';
import { importNotice, previewNotice } from '../../src/lib/server/services/calendar-notice-service';
import { seededDb } from '../factories/db';

/** Runs fn and returns the AppError it throws, failing the test when it throws nothing else. */
function appError(fn: () => unknown): AppError {
	try {
		fn();
	} catch (err) {
		expect(err).toBeInstanceOf(AppError);
		return err as AppError;
	}
	throw new Error('expected an AppError, but nothing was thrown');
}

function auditTail(db: Db, n: number) {
	return (
		db
			.prepare(
				'SELECT action, actor_name, object_type, object_id, payload FROM audit_log ORDER BY seq DESC LIMIT ?'
			)
			.all(n) as {
			action: string;
			actor_name: string;
			object_type: string;
			object_id: string;
			payload: string;
		}[]
	)
		.reverse()
		.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}

function counts(db: Db) {
	return db
		.prepare(
			`SELECT (SELECT COUNT(*) FROM audit_log) AS audit, (SELECT COUNT(*) FROM calendar_days) AS days,
			        (SELECT COUNT(*) FROM calendar_years) AS years`
		)
		.get();
}

/** Confirms a year whose few made-up days are far from a normal year's: that takes a second yes. */
const ACK = { acknowledgeUnusual: true };

/** The 2027 National Day week as a State Council notice might set it (an invented schedule). */
const NATIONAL_DAY_2027 = {
	holidays: ['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
	workdays: ['2027-09-26', '2027-10-09']
};

async function adminWith2027() {
	const s = await seededDb();
	const admin = s.ctx(s.actorOf('admin'));
	for (const date of NATIONAL_DAY_2027.holidays)
		setCalendarDay(admin, { date, kind: 'holiday', note: '国庆节' });
	for (const date of NATIONAL_DAY_2027.workdays)
		setCalendarDay(admin, { date, kind: 'workday', note: '国庆节调休' });
	return { ...s, admin };
}

describe('calendar validation', () => {
	it('refuses bad days naming the field and the reason, writing nothing', async () => {
		const { ctx, actorOf, db } = await seededDb();
		const admin = ctx(actorOf('admin'));
		const before = counts(db);
		const day = (date: string, kind = 'holiday', note = '') =>
			appError(() => setCalendarDay(admin, { date, kind, note }));

		expect(day('')).toMatchObject({ code: 'FIELD_REQUIRED', field: 'date' });
		expect(day('2027-02-30')).toMatchObject({ code: 'CALENDAR_DATE_INVALID', field: 'date' });
		expect(day('2027/10/01')).toMatchObject({ code: 'CALENDAR_DATE_INVALID', field: 'date' });
		expect(day('2101-01-03')).toMatchObject({
			code: 'CALENDAR_YEAR_OUT_OF_RANGE',
			field: 'date',
			params: { min: 2004, max: 2100 }
		});
		expect(day('2003-01-01')).toMatchObject({ code: 'CALENDAR_YEAR_OUT_OF_RANGE', field: 'date' });
		expect(day('2027-10-01', 'vacation')).toMatchObject({
			code: 'CALENDAR_KIND_INVALID',
			field: 'kind'
		});
		// 2027-10-02 is a Saturday, 2027-10-03 a Sunday, 2027-10-01 a Friday.
		expect(day('2027-10-02', 'holiday')).toMatchObject({
			code: 'HOLIDAY_ON_WEEKEND',
			field: 'date',
			params: { date: '2027-10-02' }
		});
		expect(day('2027-10-03', 'holiday')).toMatchObject({ code: 'HOLIDAY_ON_WEEKEND' });
		expect(day('2027-10-01', 'workday')).toMatchObject({
			code: 'WORKDAY_ON_WEEKDAY',
			field: 'date',
			params: { date: '2027-10-01' }
		});
		expect(day('2027-10-01', 'holiday', '节'.repeat(51))).toMatchObject({
			code: 'FIELD_TOO_LONG',
			field: 'note',
			params: { max: 50 }
		});

		for (const year of [2003, 2101, 2027.5, Number.NaN])
			expect(appError(() => confirmYear(admin, year, ACK))).toMatchObject({
				code: 'CALENDAR_YEAR_OUT_OF_RANGE',
				field: 'year'
			});
		expect(appError(() => unconfirmYear(admin, 1999))).toMatchObject({
			code: 'CALENDAR_YEAR_OUT_OF_RANGE',
			field: 'year'
		});
		expect(appError(() => removeCalendarDay(admin, '2027-10-01'))).toMatchObject({
			code: 'CALENDAR_DAY_NOT_FOUND',
			field: 'date'
		});
		expect(appError(() => removeCalendarDay(admin, 'tomorrow'))).toMatchObject({
			code: 'CALENDAR_DATE_INVALID',
			field: 'date'
		});
		expect(counts(db)).toEqual(before);
	});

	it('accepts a note of exactly 50 characters, trimmed', async () => {
		const { ctx, actorOf, db } = await seededDb();
		setCalendarDay(ctx(actorOf('admin')), {
			date: ' 2027-10-01 ',
			kind: 'holiday',
			note: ` ${'节'.repeat(50)} `
		});
		expect(calendarOverview(db, 2027).rows).toMatchObject([
			{ date: '2027-10-01', kind: 'holiday', note: '节'.repeat(50) }
		]);
	});

	it('refuses to confirm a year without any holiday: a real year always has some', async () => {
		const { ctx, actorOf, db } = await seededDb();
		const admin = ctx(actorOf('admin'));
		expect(appError(() => confirmYear(admin, 2027, ACK))).toMatchObject({
			code: 'CALENDAR_YEAR_EMPTY',
			field: 'year',
			params: { year: 2027 }
		});
		// Make-up workdays alone are not enough.
		setCalendarDay(admin, { date: '2027-10-09', kind: 'workday', note: '' });
		const before = counts(db);
		expect(appError(() => confirmYear(admin, 2027, ACK))).toMatchObject({
			code: 'CALENDAR_YEAR_EMPTY'
		});
		expect(counts(db)).toEqual(before);
		expect(calendarOverview(db, 2027)).toMatchObject({ source: 'none', confirmed: false });
	});

	it('keeps a confirmed year from losing its last holiday', async () => {
		const { ctx, actorOf, db } = await seededDb();
		const admin = ctx(actorOf('admin'));
		setCalendarDay(admin, { date: '2027-10-01', kind: 'holiday', note: '' });
		setCalendarDay(admin, { date: '2027-10-09', kind: 'workday', note: '' });
		confirmYear(admin, 2027, ACK);
		expect(appError(() => removeCalendarDay(admin, '2027-10-01'))).toMatchObject({
			code: 'CALENDAR_LAST_HOLIDAY',
			field: 'date',
			params: { date: '2027-10-01', year: 2027 }
		});
		removeCalendarDay(admin, '2027-10-09');
		unconfirmYear(admin, 2027);
		removeCalendarDay(admin, '2027-10-01');
		expect(calendarOverview(db, 2027).rows).toEqual([]);
	});

	it('has a Chinese and an English message naming the field for every code it uses', () => {
		const codes = [
			'FIELD_REQUIRED',
			'FIELD_TOO_LONG',
			'CALENDAR_DATE_INVALID',
			'CALENDAR_YEAR_OUT_OF_RANGE',
			'CALENDAR_KIND_INVALID',
			'HOLIDAY_ON_WEEKEND',
			'WORKDAY_ON_WEEKDAY',
			'CALENDAR_DAY_NOT_FOUND',
			'CALENDAR_LAST_HOLIDAY',
			'CALENDAR_YEAR_EMPTY'
		];
		for (const code of codes) expect(hasMessage(`error.${code}`), code).toBe(true);
		expect(translate('zh', 'error.HOLIDAY_ON_WEEKEND', { field: '日期', date: '2027-10-02' })).toBe(
			'“日期”2027-10-02 是周六或周日：节假日只录入落在周一至周五的放假日，周末本来就休息。'
		);
		expect(translate('zh', 'error.CALENDAR_YEAR_EMPTY', { field: '年份', year: 2027 })).toContain(
			'2027 年还没有录入任何节假日'
		);
	});
});

describe('calendar audit', () => {
	it('audits every change with the actor, in order, and nothing for a no-op', async () => {
		const { ctx, actorOf, db } = await seededDb();
		const admin = ctx(actorOf('admin'));
		setCalendarDay(admin, { date: '2027-10-01', kind: 'holiday', note: '国庆' });
		setCalendarDay(admin, { date: '2027-10-01', kind: 'holiday', note: '国庆节' });
		setCalendarDay(admin, { date: '2027-10-09', kind: 'workday', note: '' });
		removeCalendarDay(admin, '2027-10-09');
		expect(confirmYear(admin, 2027, ACK)).toBe(true);
		expect(confirmYear(admin, 2027, ACK)).toBe(false);
		expect(unconfirmYear(admin, 2027)).toBe(true);
		expect(unconfirmYear(admin, 2027)).toBe(false);

		const rows = auditTail(db, 6);
		expect(rows.map((r) => [r.action, r.actor_name, r.object_type, r.object_id])).toEqual([
			['calendar.day.set', 'admin', 'calendar_day', '2027-10-01'],
			['calendar.day.set', 'admin', 'calendar_day', '2027-10-01'],
			['calendar.day.set', 'admin', 'calendar_day', '2027-10-09'],
			['calendar.day.remove', 'admin', 'calendar_day', '2027-10-09'],
			['calendar.year.confirm', 'admin', 'calendar_year', '2027'],
			['calendar.year.unconfirm', 'admin', 'calendar_year', '2027']
		]);
		expect(rows[0]!.payload).toMatchObject({ kind: 'holiday', note: '国庆', before: null });
		expect(rows[1]!.payload).toMatchObject({
			note: '国庆节',
			before: { kind: 'holiday', note: '国庆' }
		});
		expect(rows[3]!.payload).toMatchObject({ date: '2027-10-09', kind: 'workday' });
		expect(rows[4]!.payload).toEqual({
			year: 2027,
			holidays: ['2027-10-01'],
			workdays: [],
			replacesBuiltin: false
		});
		expect(rows[5]!.payload).toEqual({ year: 2027, fallsBackTo: 'none' });
		// The rows say who entered and confirmed.
		const adminId = actorOf('admin').id;
		expect(
			db.prepare("SELECT updated_by FROM calendar_days WHERE date = '2027-10-01'").get()
		).toEqual({ updated_by: adminId });
	});

	it('rolls the change back when its audit record cannot be written', async () => {
		const { ctx, actorOf, db } = await seededDb();
		const admin = ctx(actorOf('admin'));
		const before = counts(db);
		// The audit log refuses writes: the change must not happen without it.
		db.exec(
			"CREATE TEMP TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END"
		);
		expect(() => setCalendarDay(admin, { date: '2027-10-01', kind: 'holiday', note: '' })).toThrow(
			'audit down'
		);
		expect(counts(db)).toEqual(before);
	});
});

describe('the calendar in force', () => {
	it('counts 2027 as Monday–Friday with a warning until confirmed, then skips the holidays', async () => {
		const { db, admin } = await adminWith2027();
		const log: string[] = [];
		// Entered but unconfirmed: no effect yet.
		expect(addWorkingDaysFrom(db, '2027-09-30', 1, (l) => log.push(l))).toEqual({
			date: '2027-10-01',
			missingYears: [2027]
		});
		expect(log).toHaveLength(1);
		expect(log[0]).toContain('2027');
		expect(calendarOverview(db, 2027)).toMatchObject({
			source: 'none',
			confirmed: false,
			hasBuiltin: false,
			holidays: [],
			workdays: []
		});
		expect(yearKnown(db, 2027)).toBe(false);

		confirmYear(admin, 2027, ACK);
		log.length = 0;
		// 10-01 and 10-04..07 are off; 10-02/03 a weekend: the next working day is Friday 10-08.
		expect(addWorkingDaysFrom(db, '2027-09-30', 1, (l) => log.push(l))).toEqual({
			date: '2027-10-08',
			missingYears: []
		});
		// Make-up workdays count: Sunday 09-26 follows Friday 09-24, and Saturday 10-09 follows 10-08.
		expect(addWorkingDaysFrom(db, '2027-09-24', 1, (l) => log.push(l)).date).toBe('2027-09-26');
		expect(addWorkingDaysFrom(db, '2027-10-08', 1, (l) => log.push(l)).date).toBe('2027-10-09');
		expect(log).toEqual([]);
		expect(yearKnown(db, 2027)).toBe(true);
		const o = calendarOverview(db, 2027);
		expect(o).toMatchObject({
			source: 'admin',
			confirmed: true,
			confirmedBy: '系统管理员',
			holidays: NATIONAL_DAY_2027.holidays,
			workdays: NATIONAL_DAY_2027.workdays
		});
		expect(o.confirmedAt).toBe('2026-03-02T01:00:00.000Z');
		expect(o.rows).toHaveLength(7);

		// Unconfirming brings the warning back; the entered days stay for a later confirmation.
		unconfirmYear(admin, 2027);
		expect(addWorkingDaysFrom(db, '2027-09-30', 1, (l) => log.push(l))).toEqual({
			date: '2027-10-01',
			missingYears: [2027]
		});
		expect(log).toHaveLength(1);
		expect(log[0]).toContain('2027 年没有节假日安排');
		expect(calendarOverview(db, 2027)).toMatchObject({ source: 'none', confirmed: false });
		expect(calendarOverview(db, 2027).rows).toHaveLength(7);
	});

	it('a day changed in a confirmed year takes effect at once', async () => {
		const { db, admin } = await adminWith2027();
		confirmYear(admin, 2027, ACK);
		setCalendarDay(admin, { date: '2027-10-08', kind: 'holiday', note: '' });
		expect(addWorkingDaysFrom(db, '2027-09-30', 1, () => {}).date).toBe('2027-10-09');
		removeCalendarDay(admin, '2027-10-09');
		expect(addWorkingDaysFrom(db, '2027-09-30', 1, () => {}).date).toBe('2027-10-11');
	});

	it('an administrator-confirmed 2026 replaces the built-in one entirely, until unconfirmed', async () => {
		const { ctx, actorOf, db } = await seededDb();
		const admin = ctx(actorOf('admin'));
		const builtin = calendarOverview(db, 2026);
		expect(builtin).toMatchObject({ source: 'builtin', confirmed: false, hasBuiltin: true });
		expect(builtin.holidays).toContain('2026-10-01');
		expect(builtin.holidays.length).toBeGreaterThan(10);
		const noLog = () => {
			throw new Error('no warning expected for a known year');
		};
		const builtinDue = addWorkingDaysFrom(db, '2026-09-30', 1, noLog);
		expect(builtinDue.date > '2026-10-07').toBe(true);

		// Entered but not confirmed: the built-in schedule still applies.
		setCalendarDay(admin, { date: '2026-01-01', kind: 'holiday', note: '元旦' });
		expect(calendarOverview(db, 2026).source).toBe('builtin');
		expect(addWorkingDaysFrom(db, '2026-09-30', 1, noLog)).toEqual(builtinDue);

		confirmYear(admin, 2026, ACK);
		expect(auditTail(db, 1)[0]!.payload).toMatchObject({ year: 2026, replacesBuiltin: true });
		// Only the administrator's single holiday counts now: National Day is an ordinary Thursday.
		expect(calendarOverview(db, 2026)).toMatchObject({
			source: 'admin',
			confirmed: true,
			holidays: ['2026-01-01'],
			workdays: []
		});
		expect(addWorkingDaysFrom(db, '2026-09-30', 1, noLog)).toEqual({
			date: '2026-10-01',
			missingYears: []
		});
		expect(addWorkingDaysFrom(db, '2025-12-31', 1, noLog).date).toBe('2026-01-02');

		unconfirmYear(admin, 2026);
		expect(auditTail(db, 1)[0]!.payload).toEqual({ year: 2026, fallsBackTo: 'builtin' });
		expect(calendarOverview(db, 2026).source).toBe('builtin');
		expect(addWorkingDaysFrom(db, '2026-09-30', 1, noLog)).toEqual(builtinDue);
	});
});

describe('entering a year from the State Council notice', () => {
	const notice2027 =
		// A made-up 2027 notice (the real one is not published yet).
		'国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n二、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。\n三、劳动节：5月1日前后休息。';

	it('previews without writing, then replaces the year and confirms it in one audited step', async () => {
		const { db, admin } = await adminWith2027();
		setCalendarDay(admin, { date: '2027-03-01', kind: 'holiday', note: '旧' });
		const before = counts(db);
		const preview = previewNotice(db, notice2027);
		expect(counts(db)).toEqual(before);
		expect(preview.year).toBe(2027);
		expect(preview.entered.holidays.map((h) => h.date)).toEqual([
			'2027-01-01',
			...NATIONAL_DAY_2027.holidays
		]);
		expect(preview.problems.map((p) => p.code)).toEqual(['NOTICE_SENTENCE_UNREADABLE']);

		importNotice(admin, notice2027, ACK);
		const o = calendarOverview(db, 2027);
		expect(o.source).toBe('admin');
		expect(o.holidays).toEqual(['2027-01-01', ...NATIONAL_DAY_2027.holidays]);
		expect(o.workdays).toEqual(NATIONAL_DAY_2027.workdays);
		expect(o.rows.find((r) => r.date === '2027-10-09')?.note).toBe('国庆节调休');
		const [imported, confirmed] = auditTail(db, 2);
		expect(imported).toMatchObject({ action: 'calendar.notice.import', object_id: '2027' });
		expect(imported!.payload.replaced).toContainEqual({
			date: '2027-03-01',
			kind: 'holiday',
			note: '旧'
		});
		expect(confirmed).toMatchObject({ action: 'calendar.year.confirm', object_id: '2027' });

		const after = counts(db);
		expect(appError(() => importNotice(admin, notice2027))).toMatchObject({
			code: 'CALENDAR_NOTICE_YEAR_CONFIRMED',
			field: 'notice'
		});
		expect(counts(db)).toEqual(after);
	});

	it('refuses text that is no notice, naming the field', async () => {
		const { db } = await seededDb();
		for (const [text, code] of [
			['  ', 'FIELD_REQUIRED'],
			['元旦放假', 'NOTICE_YEAR_MISSING'],
			['关于2027年部分节假日安排的通知', 'NOTICE_NO_HOLIDAYS']
		] as const)
			expect(appError(() => previewNotice(db, text))).toMatchObject({ code, field: 'notice' });
		for (const code of [
			'NOTICE_YEAR_MISSING',
			'NOTICE_NO_HOLIDAYS',
			'CALENDAR_NOTICE_YEAR_CONFIRMED'
		])
			expect(hasMessage(`error.${code}`), code).toBe(true);
	});
});

describe('a year far from a normal one asks again', () => {
	it('refuses one holiday without the second confirmation, naming the counts and the reference', async () => {
		const s = await seededDb();
		const admin = s.ctx(s.actorOf('admin'));
		setCalendarDay(admin, { date: '2027-10-01', kind: 'holiday', note: '国庆节' });
		const before = counts(s.db);
		const err = appError(() => confirmYear(admin, 2027));
		expect(err).toMatchObject({ code: 'CALENDAR_COUNTS_UNUSUAL', field: 'year' });
		expect(err.params).toMatchObject({ year: 2027, holidays: 1, workdays: 0 });
		expect(counts(s.db)).toEqual(before);
		expect(
			translate('zh', 'error.CALENDAR_COUNTS_UNUSUAL', { field: '年份', ...err.params })
		).toContain('2027 年只有节假日 1 天、调休上班日 0 天');
		expect(
			appError(() => importNotice(admin, '关于2027年部分节假日安排\n一、国庆节：10月1日放假。'))
		).toMatchObject({ code: 'CALENDAR_COUNTS_UNUSUAL', field: 'year' });
		expect(counts(s.db)).toEqual(before);
		expect(confirmYear(admin, 2027, ACK)).toBe(true);
	});

	it('confirms a normal year at once: the real 2026 notice needs no second yes', async () => {
		const s = await seededDb();
		const admin = s.ctx(s.actorOf('admin'));
		const text = readFileSync(
			new URL('../fixtures/holiday-notices/2026.txt', import.meta.url),
			'utf8'
		);
		importNotice(admin, text);
		expect(calendarOverview(s.db, 2026)).toMatchObject({ source: 'admin', confirmed: true });
	});
});
