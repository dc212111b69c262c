import { AppError } from '../../domain/errors';
import {
	noticeDays,
	parseHolidayNotice,
	type NoticeHoliday,
	type NoticeProblem
} from '../../domain/holiday-notice';
import type { Db } from '../db/connection';
import {
	deleteCalendarDay,
	listCalendarDays,
	listConfirmedYears,
	upsertCalendarDay
} from '../repositories/calendar-repository';
import {
	CALENDAR_MAX_YEAR,
	CALENDAR_MIN_YEAR,
	CALENDAR_NOTE_MAX,
	confirmYear
} from './calendar-service';
import { audit, inTransaction, type ServiceContext } from './context';

/** Longest notice text accepted, in characters (the real ones are about 1,000). */
export const NOTICE_TEXT_MAX = 20_000;

export interface NoticePreview {
	year: number;
	/** Each festival with all its days off and the make-up workdays of its paragraph. */
	holidays: NoticeHoliday[];
	workdays: string[];
	/** What would be entered: Monday–Friday days off (with the festival) and weekend workdays. */
	entered: { holidays: { date: string; name: string }[]; workdays: string[] };
	problems: NoticeProblem[];
	/** Whether the year is already confirmed (then the notice cannot be entered). */
	confirmed: boolean;
}

/**
 * Reads the pasted text of 国务院办公厅关于 YYYY 年部分节假日安排的通知 for review; writes
 * nothing. Throws AppError on field `notice`: FIELD_REQUIRED, FIELD_TOO_LONG, NOTICE_YEAR_MISSING,
 * NOTICE_NO_HOLIDAYS or CALENDAR_YEAR_OUT_OF_RANGE. Sentences it cannot read come back as problems.
 */
export function previewNotice(db: Db, text: string): NoticePreview {
	if (!text.trim()) throw new AppError('FIELD_REQUIRED', 'notice');
	if (text.length > NOTICE_TEXT_MAX)
		throw new AppError('FIELD_TOO_LONG', 'notice', { max: NOTICE_TEXT_MAX });
	const parsed = parseHolidayNotice(text);
	if (parsed.year === null) throw new AppError('NOTICE_YEAR_MISSING', 'notice');
	const year = parsed.year;
	if (year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR)
		throw new AppError('CALENDAR_YEAR_OUT_OF_RANGE', 'notice', {
			min: CALENDAR_MIN_YEAR,
			max: CALENDAR_MAX_YEAR
		});
	if (parsed.holidays.every((h) => h.dates.length === 0))
		throw new AppError('NOTICE_NO_HOLIDAYS', 'notice', { year });
	return {
		year,
		holidays: parsed.holidays,
		workdays: parsed.workdays,
		entered: noticeDays(parsed),
		problems: parsed.problems,
		confirmed: listConfirmedYears(db).some((y) => y.year === year)
	};
}

/**
 * Enters the notice's year and confirms it, in one transaction: the administrator's rows of that
 * year are replaced by the notice's days (festival names as notes), audited as
 * `calendar.notice.import` with the text's days, the rows replaced and the problems shown, and
 * then confirmed by the usual path (`calendar.year.confirm`). Refused while the year is confirmed
 * (`CALENDAR_NOTICE_YEAR_CONFIRMED`: withdraw the confirmation first), and for every reason
 * `previewNotice` refuses.
 */
export function importNotice(
	ctx: ServiceContext,
	text: string,
	opts: { acknowledgeUnusual?: boolean } = {}
): NoticePreview {
	const preview = previewNotice(ctx.db, text);
	const { year, entered } = preview;
	inTransaction(ctx, () => {
		if (listConfirmedYears(ctx.db).some((y) => y.year === year))
			throw new AppError('CALENDAR_NOTICE_YEAR_CONFIRMED', 'notice', { year });
		const before = listCalendarDays(ctx.db, year);
		for (const row of before) deleteCalendarDay(ctx.db, row.date);
		const at = ctx.clock.now().toISOString();
		const put = (date: string, kind: 'holiday' | 'workday', note: string) =>
			upsertCalendarDay(ctx.db, {
				date,
				kind,
				note: note.slice(0, CALENDAR_NOTE_MAX),
				updated_at: at,
				updated_by: ctx.actor.id
			});
		for (const h of entered.holidays) put(h.date, 'holiday', h.name);
		for (const date of entered.workdays) {
			const festival = preview.holidays.find((h) => h.workdays.includes(date));
			put(date, 'workday', festival ? `${festival.name}调休` : '');
		}
		audit(ctx, {
			action: 'calendar.notice.import',
			objectType: 'calendar_year',
			objectId: year,
			payload: {
				year,
				holidays: preview.holidays,
				workdays: preview.workdays,
				replaced: before.map((r) => ({ date: r.date, kind: r.kind, note: r.note })),
				problems: preview.problems.map((p) => ({ code: p.code, sentence: p.sentence }))
			}
		});
		confirmYear(ctx, year, opts);
	});
	return { ...preview, confirmed: true };
}
