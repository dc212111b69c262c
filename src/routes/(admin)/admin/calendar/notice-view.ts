import { addDays } from '$lib/domain/working-days';
import { translate, type MessageKey } from '$lib/i18n';
import type { NoticePreview } from '$lib/server/services/calendar-notice-service';

type Locale = App.Locals['locale'];

/** Consecutive dates as "from 至 to（n 天）", the runs joined by "；". */
function ranges(locale: Locale, dates: string[]): string {
	const runs: string[][] = [];
	for (const d of dates) {
		const last = runs.at(-1);
		if (last && addDays(last.at(-1)!, 1) === d) last.push(d);
		else runs.push([d]);
	}
	return runs
		.map((r) =>
			r.length === 1
				? translate(locale, 'calendar.notice.single', { from: r[0]! })
				: translate(locale, 'calendar.notice.range', { from: r[0]!, to: r.at(-1)!, n: r.length })
		)
		.join('；');
}

/** The preview table and problems of a pasted notice, as the page shows them. */
export function noticeView(locale: Locale, p: NoticePreview) {
	const none = translate(locale, 'calendar.notice.none');
	return {
		year: p.year,
		confirmed: p.confirmed,
		rows: p.holidays.map((h) => ({
			name: h.name,
			daysOff: h.dates.length ? ranges(locale, h.dates) : none,
			workdays: h.workdays.length ? h.workdays.join('、') : none
		})),
		holidayCount: p.entered.holidays.length,
		workdayCount: p.entered.workdays.length,
		problems: p.problems.map((x) =>
			translate(locale, `calendar.notice.problem.${x.code}` as MessageKey, {
				sentence: x.sentence,
				...x.params
			})
		)
	};
}
