import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { noticeDays, parseHolidayNotice } from '../../src/lib/domain/holiday-notice';
import { builtinCalendar } from '../../src/lib/server/calendar/builtin-calendar';

const notice = (year: number) =>
	readFileSync(new URL(`../fixtures/holiday-notices/${year}.txt`, import.meta.url), 'utf8');

describe('the State Council notice', () => {
	for (const year of [2024, 2025, 2026]) {
		it(`reads the real ${year} notice into exactly chinese-days' ${year}`, () => {
			const parsed = parseHolidayNotice(notice(year));
			expect(parsed.year).toBe(year);
			const days = noticeDays(parsed);
			const builtin = builtinCalendar().get(year)!;
			expect(days.holidays.map((h) => h.date)).toEqual([...builtin.holidays]);
			expect(days.workdays).toEqual([...builtin.workdays]);
			expect(parsed.holidays).toHaveLength(year === 2025 ? 6 : 7);
		});
	}

	it('reads 2025 phrase by phrase, with no problem', () => {
		const parsed = parseHolidayNotice(notice(2025));
		expect(parsed.problems).toEqual([]);
		expect(parsed.holidays[0]).toEqual({ name: '元旦', dates: ['2025-01-01'], workdays: [] });
		expect(parsed.holidays[1]).toEqual({
			name: '春节',
			dates: [
				'2025-01-28',
				'2025-01-29',
				'2025-01-30',
				'2025-01-31',
				'2025-02-01',
				'2025-02-02',
				'2025-02-03',
				'2025-02-04'
			],
			workdays: ['2025-01-26', '2025-02-08']
		});
		expect(parsed.holidays[5]!.name).toBe('国庆节、中秋节');
		expect(parsed.workdays).toEqual([
			'2025-01-26',
			'2025-02-08',
			'2025-04-27',
			'2025-09-28',
			'2025-10-11'
		]);
	});

	it('reports the sentence it cannot read instead of dropping it (2024: 除夕 休息)', () => {
		const parsed = parseHolidayNotice(notice(2024));
		expect(parsed.problems).toEqual([
			{
				code: 'NOTICE_SENTENCE_UNREADABLE',
				sentence: '鼓励各单位结合带薪年休假等制度落实,安排职工在除夕(2月9日)休息',
				params: {}
			}
		]);
		expect(parsed.holidays[0]).toEqual({ name: '元旦', dates: ['2024-01-01'], workdays: [] });
	});

	it('reads half-width and full-width text alike', () => {
		const full = notice(2026);
		const half = full.replace(
			/[（）：，；]/g,
			(c) => ({ '（': '(', '）': ')', '：': ':', '，': ',', '；': ';' })[c]!
		);
		const wide = full.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
		expect(parseHolidayNotice(half)).toEqual(parseHolidayNotice(full));
		expect(parseHolidayNotice(wide)).toEqual(parseHolidayNotice(full));
	});

	it('puts a December-to-January 元旦 range in the year before', () => {
		const parsed = parseHolidayNotice(
			'国务院办公厅关于2030年部分节假日安排的通知\n一、元旦：12月30日至1月1日放假调休，共3天。12月29日（星期六）上班。'
		);
		expect(parsed.holidays).toEqual([
			{
				name: '元旦',
				dates: ['2029-12-30', '2029-12-31', '2030-01-01'],
				workdays: ['2029-12-29']
			}
		]);
		expect(parsed.problems.map((p) => p.params.date)).toEqual([
			'2029-12-30',
			'2029-12-31',
			'2029-12-29'
		]);
		expect(noticeDays(parsed)).toEqual({
			holidays: [{ date: '2030-01-01', name: '元旦' }],
			workdays: []
		});
	});

	it('reads explicit years across the year end', () => {
		const parsed = parseHolidayNotice(
			'现将2023年元旦、春节放假调休日期的具体安排通知如下。\n一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。'
		);
		expect(parsed.year).toBe(2023);
		expect(parsed.holidays[0]!.dates).toEqual(['2022-12-31', '2023-01-01', '2023-01-02']);
	});

	it('reports wrong weekdays, counts, weekday 上班, bad dates and a missing year', () => {
		const parsed = parseHolidayNotice(
			'关于2027年部分节假日安排\n一、春节：2月5日（周一）至11日放假调休，共8天。2月3日（周三）上班。\n二、劳动节：2月30日放假。\n三、国庆节：10月1日左右休息。'
		);
		expect(parsed.problems.map((p) => [p.code, p.params])).toEqual([
			['NOTICE_WEEKDAY_MISMATCH', { date: '2027-02-05', named: '周一', actual: '周五' }],
			['NOTICE_COUNT_MISMATCH', { stated: 8, counted: 7 }],
			['NOTICE_WORKDAY_ON_WEEKDAY', { date: '2027-02-03' }],
			['NOTICE_DATE_INVALID', { date: '2027年2月30日' }],
			['NOTICE_SENTENCE_UNREADABLE', {}]
		]);
		expect(parseHolidayNotice('元旦放假').problems.map((p) => p.code)).toEqual([
			'NOTICE_YEAR_MISSING'
		]);
		expect(parseHolidayNotice('2027年部分节假日安排').problems.map((p) => p.code)).toEqual([
			'NOTICE_YEAR_MISSING'
		]);
		expect(
			parseHolidayNotice('关于2027年部分节假日安排的通知').problems.map((p) => p.code)
		).toEqual(['NOTICE_NO_HOLIDAYS']);
	});
});
