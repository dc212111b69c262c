/**
 * Reads the text of 国务院办公厅关于 YYYY 年部分节假日安排的通知 into the year's holidays and
 * make-up workdays. Pure: text in, dates out; whatever it cannot read is reported as a problem
 * (never dropped), for the administrator to check against the notice before confirming.
 *
 * The notice lists one festival per numbered paragraph, e.g.
 * `二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。`
 * Full-width digits and punctuation are read like half-width ones (NFKC). A date without a year
 * is of the notice's year; a range running from December into January under 元旦 starts in the
 * year before (`12月31日至1月1日`), any other such range ends in the year after.
 */
import { addDays, isValidIsoDate, weekday } from './working-days';

export type NoticeProblemCode =
	| 'NOTICE_YEAR_MISSING'
	| 'NOTICE_NO_HOLIDAYS'
	| 'NOTICE_SENTENCE_UNREADABLE'
	| 'NOTICE_DATE_INVALID'
	| 'NOTICE_WEEKDAY_MISMATCH'
	| 'NOTICE_COUNT_MISMATCH'
	| 'NOTICE_WORKDAY_ON_WEEKDAY'
	| 'NOTICE_DATE_OTHER_YEAR';

export interface NoticeProblem {
	code: NoticeProblemCode;
	/** The sentence concerned, as read (after NFKC), or '' for the notice as a whole. */
	sentence: string;
	params: Record<string, string | number>;
}

export interface NoticeHoliday {
	/** The festival as the paragraph names it, e.g. 春节 or 国庆节、中秋节. */
	name: string;
	/** Every day of its days off, weekends included, sorted. */
	dates: string[];
	/** The make-up workdays its paragraph names, sorted. */
	workdays: string[];
}

export interface ParsedNotice {
	year: number | null;
	holidays: NoticeHoliday[];
	/** Make-up workdays (调休上班), sorted. */
	workdays: string[];
	problems: NoticeProblem[];
}

const ITEM = /^\s*[一二三四五六七八九十]+\s*、\s*([^:]{1,30}?)\s*:(.*)$/;
const DATE = /(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日(?:\s*\(([^)]*)\))?/g;
const WEEKDAYS = '日一二三四五六';

interface DateToken {
	year?: number;
	month?: number;
	day: number;
	/** Weekday named in the parentheses (0 = Sunday), if any. */
	weekday?: number;
	start: number;
	end: number;
}

function tokens(clause: string): DateToken[] {
	const found: DateToken[] = [];
	for (const m of clause.matchAll(DATE)) {
		const named = /(?:周|星期)([日天一二三四五六])/.exec(m[4] ?? '');
		found.push({
			year: m[1] ? Number(m[1]) : undefined,
			month: m[2] ? Number(m[2]) : undefined,
			day: Number(m[3]),
			weekday: named ? WEEKDAYS.indexOf(named[1] === '天' ? '日' : (named[1] ?? '')) : undefined,
			start: m.index,
			end: m.index + m[0].length
		});
	}
	return found;
}

const iso = (y: number, m: number, d: number) =>
	`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Parses the notice's text. */
export function parseHolidayNotice(text: string): ParsedNotice {
	const normal = text.normalize('NFKC').replace(/\r\n?/g, '\n');
	const problems: NoticeProblem[] = [];
	const yearMatch =
		/关于\s*(\d{4})\s*年\s*部分节假日/.exec(normal) ?? /现将\s*(\d{4})\s*年/.exec(normal);
	if (!yearMatch) {
		problems.push({ code: 'NOTICE_YEAR_MISSING', sentence: '', params: {} });
		return { year: null, holidays: [], workdays: [], problems };
	}
	const year = Number(yearMatch[1]);
	const holidays: NoticeHoliday[] = [];
	const workdays = new Set<string>();

	const problem = (code: NoticeProblemCode, sentence: string, params = {}) =>
		problems.push({ code, sentence, params });

	/** The ISO date of a token, checking the weekday the notice names; null when invalid. */
	const dateOf = (t: DateToken, y: number, m: number, sentence: string): string | null => {
		const date = iso(t.year ?? y, t.month ?? m, t.day);
		if (!isValidIsoDate(date)) {
			problem('NOTICE_DATE_INVALID', sentence, {
				date: `${t.year ?? y}年${t.month ?? m}月${t.day}日`
			});
			return null;
		}
		if (t.weekday !== undefined && t.weekday !== weekday(date))
			problem('NOTICE_WEEKDAY_MISMATCH', sentence, {
				date,
				named: `周${WEEKDAYS[t.weekday]}`,
				actual: `周${WEEKDAYS[weekday(date)]}`
			});
		return date;
	};

	for (const line of normal.split('\n')) {
		const item = ITEM.exec(line);
		if (!item) continue;
		const name = (item[1] ?? '').trim();
		const days = new Set<string>();
		const worked = new Set<string>();
		for (const raw of (item[2] ?? '').split(/[。;]/)) {
			const sentence = raw.trim();
			if (!sentence) continue;
			let understood = true;
			let lastRange: string[] | null = null;
			for (const clause of sentence.split(',')) {
				const found = tokens(clause);
				const count = /(?:共|放假)\s*(\d+)\s*天/.exec(clause);
				if (found.length === 0) {
					if (count && lastRange && Number(count[1]) !== lastRange.length)
						problem('NOTICE_COUNT_MISMATCH', sentence, {
							stated: Number(count[1]),
							counted: lastRange.length
						});
					continue;
				}
				const rest = found
					.reduceRight((s, t) => s.slice(0, t.start) + '\uE000' + s.slice(t.end), clause)
					.trim();
				if (/放假/.test(clause) && found.length <= 2) {
					const shape =
						found.length === 1 ? /^\uE000\s*放假/ : /^\uE000\s*(?:至|~|-)\s*\uE000\s*放假/;
					if (!shape.test(rest)) {
						understood = false;
						continue;
					}
					const a = found[0]!;
					const b = found[1] ?? a;
					const m1 = a.month ?? 1;
					let y1 = a.year ?? year;
					let y2 = b.year ?? (b.month === undefined ? y1 : year);
					const m2 = b.month ?? m1;
					if (
						a.year === undefined &&
						b.year === undefined &&
						(m2 < m1 || (m2 === m1 && b.day < a.day))
					) {
						if (name.includes('元旦')) y1 = year - 1;
						else y2 = year + 1;
					}
					const from = dateOf(a, y1, m1, sentence);
					const to = b === a ? from : dateOf(b, y2, m2, sentence);
					if (!from || !to || to < from) {
						if (from && to) understood = false;
						continue;
					}
					const range: string[] = [];
					for (let d = from; d <= to && range.length < 60; d = addDays(d, 1)) range.push(d);
					range.forEach((d) => days.add(d));
					lastRange = range;
					if (count && Number(count[1]) !== range.length)
						problem('NOTICE_COUNT_MISMATCH', sentence, {
							stated: Number(count[1]),
							counted: range.length
						});
				} else if (/上班/.test(clause) && /^\uE000(?:\s*[、和及]\s*\uE000)*\s*上班$/.test(rest)) {
					let month = 1;
					for (const t of found) {
						month = t.month ?? month;
						// 元旦's December make-up day precedes the holiday, in the year before.
						const y = month === 12 && name.includes('元旦') ? year - 1 : year;
						const date = dateOf(t, y, month, sentence);
						if (!date) continue;
						const wd = weekday(date);
						if (wd !== 0 && wd !== 6) problem('NOTICE_WORKDAY_ON_WEEKDAY', sentence, { date });
						workdays.add(date);
						worked.add(date);
					}
				} else understood = false;
			}
			if (!understood) problem('NOTICE_SENTENCE_UNREADABLE', sentence);
		}
		if (days.size || worked.size)
			holidays.push({ name, dates: [...days].sort(), workdays: [...worked].sort() });
	}
	if (holidays.length === 0) problem('NOTICE_NO_HOLIDAYS', '');
	const outside = [...holidays.flatMap((h) => h.dates), ...workdays].filter(
		(d) => !d.startsWith(`${year}-`)
	);
	for (const date of outside)
		problem('NOTICE_DATE_OTHER_YEAR', '', { date, year: Number(date.slice(0, 4)) });
	return { year, holidays, workdays: [...workdays].sort(), problems };
}

/**
 * What the notice changes in its year's table: the Monday–Friday days off (with the festival's
 * name) and the Saturday/Sunday make-up workdays. Weekend days off change nothing and are left
 * out, like dates of another year.
 */
export function noticeDays(notice: ParsedNotice): {
	holidays: { date: string; name: string }[];
	workdays: string[];
} {
	const inYear = (d: string) => notice.year !== null && d.startsWith(`${notice.year}-`);
	const weekend = (d: string) => weekday(d) === 0 || weekday(d) === 6;
	return {
		holidays: notice.holidays
			.flatMap((h) => h.dates.map((date) => ({ date, name: h.name })))
			.filter((h) => inYear(h.date) && !weekend(h.date))
			.sort((a, b) => (a.date < b.date ? -1 : 1)),
		workdays: notice.workdays.filter((d) => inYear(d) && weekend(d))
	};
}
