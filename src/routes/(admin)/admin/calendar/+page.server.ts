import { error, redirect } from '@sveltejs/kit';
import { AppError } from '$lib/domain/errors';
import { chinaDate } from '$lib/domain/dates';
import { weekday } from '$lib/domain/working-days';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { BUILTIN_FIRST_YEAR, BUILTIN_LAST_YEAR } from '$lib/server/calendar/builtin-calendar';
import { failFromError, formText, serviceContext } from '$lib/server/request';
import {
	CALENDAR_MAX_YEAR,
	CALENDAR_MIN_YEAR,
	CALENDAR_NOTE_MAX,
	calendarOverview,
	confirmYear,
	REFERENCE_YEARS,
	referenceCounts,
	removeCalendarDay,
	setCalendarDay,
	unconfirmYear
} from '$lib/server/services/calendar-service';
import {
	importNotice,
	NOTICE_TEXT_MAX,
	previewNotice
} from '$lib/server/services/calendar-notice-service';
import { CALENDAR_LABELS } from './labels';
import { noticeView } from './notice-view';
import type { Actions, PageServerLoad } from './$types';

/** The year after the current one in China: the one an administrator most likely has to enter. */
function defaultYear(): number {
	return Number(chinaDate(getApp().clock.now()).slice(0, 4)) + 1;
}

/**
 * `?year=` of the page: absent means the default year; anything but a whole year in
 * CALENDAR_MIN_YEAR..CALENDAR_MAX_YEAR is a 400.
 */
function yearOf(url: URL, locale: App.Locals['locale']): number {
	const raw = url.searchParams.get('year');
	if (raw === null || raw === '') return defaultYear();
	const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
	if (!(year >= CALENDAR_MIN_YEAR && year <= CALENDAR_MAX_YEAR))
		error(
			400,
			translate(locale, 'calendar.yearInvalid', { min: CALENDAR_MIN_YEAR, max: CALENDAR_MAX_YEAR })
		);
	return year;
}

export const load: PageServerLoad = ({ url, locals }) => {
	const year = yearOf(url, locals.locale);
	const o = calendarOverview(getApp().db, year);
	const notes = new Map(o.source === 'admin' ? o.rows.map((r) => [r.date, r.note]) : []);
	const effective = [
		...o.holidays.map((date) => ({ date, kind: 'holiday' as const })),
		...o.workdays.map((date) => ({ date, kind: 'workday' as const }))
	]
		.sort((a, b) => (a.date < b.date ? -1 : 1))
		.map((d) => ({ ...d, weekday: weekday(d.date), note: notes.get(d.date) ?? '' }));
	return {
		year,
		minYear: CALENDAR_MIN_YEAR,
		maxYear: CALENDAR_MAX_YEAR,
		builtinFirst: BUILTIN_FIRST_YEAR,
		builtinLast: BUILTIN_LAST_YEAR,
		noteMax: CALENDAR_NOTE_MAX,
		noticeMax: NOTICE_TEXT_MAX,
		reference: referenceCounts(),
		referenceYears: `${REFERENCE_YEARS[0]}–${REFERENCE_YEARS.at(-1)}`,
		source: o.source,
		confirmed: o.confirmed,
		confirmedAt: o.confirmedAt ? chinaDate(new Date(o.confirmedAt)) : null,
		confirmedBy: o.confirmedBy,
		hasBuiltin: o.hasBuiltin,
		holidayCount: o.holidays.length,
		workdayCount: o.workdays.length,
		effective,
		rows: o.rows.map((r) => ({
			date: r.date,
			kind: r.kind,
			note: r.note,
			weekday: weekday(r.date),
			updatedAt: chinaDate(new Date(r.updated_at))
		}))
	};
};

export const actions: Actions = {
	setDay: async (event) => {
		const text = formText(await event.request.formData(), 'date', 'kind', 'note');
		try {
			setCalendarDay(serviceContext(event), text);
		} catch (err) {
			return failFromError(event, err, CALENDAR_LABELS, text, 'setDay');
		}
		const date = text.date.trim();
		// A day of another year than the one shown: show that year, where the day now is.
		const shown = event.url.searchParams.get('year') || String(defaultYear());
		if (shown !== date.slice(0, 4)) redirect(303, `/admin/calendar?year=${date.slice(0, 4)}`);
		const locale = event.locals.locale;
		const kind = translate(
			locale,
			text.kind === 'holiday' ? 'calendar.kind.holiday' : 'calendar.kind.workday'
		);
		return { form: 'setDay', done: translate(locale, 'calendar.daySaved', { date, kind }) };
	},
	removeDay: async (event) => {
		const { date } = formText(await event.request.formData(), 'date');
		try {
			removeCalendarDay(serviceContext(event), date);
		} catch (err) {
			return failFromError(event, err, CALENDAR_LABELS, { date }, 'removeDay');
		}
		return {
			form: 'removeDay',
			done: translate(event.locals.locale, 'calendar.dayRemoved', { date: date.trim() })
		};
	},
	confirmYear: async (event) => {
		const { year, acknowledge } = formText(await event.request.formData(), 'year', 'acknowledge');
		try {
			confirmYear(serviceContext(event), Number(year), { acknowledgeUnusual: acknowledge === '1' });
		} catch (err) {
			return failFromError(event, err, CALENDAR_LABELS, { year }, 'year');
		}
		return { form: 'year', done: translate(event.locals.locale, 'calendar.confirmed', { year }) };
	},
	unconfirmYear: async (event) => {
		const { year } = formText(await event.request.formData(), 'year');
		try {
			unconfirmYear(serviceContext(event), Number(year));
		} catch (err) {
			return failFromError(event, err, CALENDAR_LABELS, { year }, 'year');
		}
		return { form: 'year', done: translate(event.locals.locale, 'calendar.unconfirmed', { year }) };
	},
	previewNotice: async (event) => {
		const { notice } = formText(await event.request.formData(), 'notice');
		try {
			const preview = previewNotice(getApp().db, notice);
			return { form: 'notice', notice, preview: noticeView(event.locals.locale, preview) };
		} catch (err) {
			return failFromError(event, err, CALENDAR_LABELS, { notice }, 'notice');
		}
	},
	importNotice: async (event) => {
		const { notice, acknowledge } = formText(
			await event.request.formData(),
			'notice',
			'acknowledge'
		);
		let year: number;
		let done: string;
		try {
			const result = importNotice(serviceContext(event), notice, {
				acknowledgeUnusual: acknowledge === '1'
			});
			year = result.year;
			done = translate(event.locals.locale, 'calendar.notice.done', {
				year,
				holidays: result.entered.holidays.length,
				workdays: result.entered.workdays.length
			});
		} catch (err) {
			const at = err instanceof AppError ? String(err.params.year ?? '') : '';
			return failFromError(event, err, CALENDAR_LABELS, { notice, year: at }, 'notice');
		}
		// A notice of another year than the one shown: show that year, where it now is in force.
		const shown = event.url.searchParams.get('year') || String(defaultYear());
		if (shown !== String(year)) redirect(303, `/admin/calendar?year=${year}`);
		return { form: 'notice', done };
	}
};
