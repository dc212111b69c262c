import { describe, expect, it } from 'vitest';
import { caseWarnings, worstLevel } from '../../src/lib/supervision/warnings';
import { applicant, calendar, CaseDriver, demo, user } from './engine-helpers';

/**
 * 自动预警 with an injected day and the real working-day calendar: 政府信息公开申请 accepted on
 * Monday 2026-09-21 is promised within 15 working days (2026-10-19) and due by law within 20
 * (2026-10-26), across Mid-Autumn and National Day (10-10, a Saturday, is worked).
 */
const between = (from: string, to: string) => calendar.workingDaysBetween(from, to);
const zfb = demo('990001-ZFB-QT-0001');
const sl = user('g1', 'ZFB/XXGKSL');
const sh1 = user('h1', 'ZFB/XXGKSH');
const sh2 = user('h2', 'ZFB/XXGKSH');

function accepted(today = '2026-09-21') {
	const c = new CaseDriver(zfb, today);
	c.do({ type: 'accept', actor: sl });
	expect(c.state.clock).toMatchObject({ promisedDue: '2026-10-19', statutoryDue: '2026-10-26' });
	return c;
}
const at = (c: CaseDriver, day: string) => caseWarnings(c.state, day, between);
const levels = (c: CaseDriver, day: string) =>
	at(c, day).map((w) => `${w.scope}${w.node ? `:${w.node}` : ''}:${w.level}`);

describe('automatic warnings (自动预警)', () => {
	it('a step turns yellow at 80 % of its limit and red the day after it is due', () => {
		const c = accepted();
		// 登记与审查: 2 working days, due Wednesday 09-23.
		expect(c.state.tasks[0]).toMatchObject({ node: 'n2', limitDays: 2, due: '2026-09-23' });
		expect(levels(c, '2026-09-21')).toEqual([]);
		expect(levels(c, '2026-09-22')).toEqual([]); // 1 of 2 days used: below 80 %
		expect(levels(c, '2026-09-23')).toEqual(['step:n2:yellow']);
		expect(levels(c, '2026-09-24')).toEqual(['step:n2:red']);
		expect(at(c, '2026-09-23')[0]).toMatchObject({ used: 2, limit: 2, due: '2026-09-23' });
		// A lower threshold warns earlier.
		expect(caseWarnings(c.state, '2026-09-22', between, { yellowShare: 0.5 })).toHaveLength(1);
	});

	it('the case counts working days across National Day: yellow on 10-14, red from 10-20', () => {
		const c = accepted();
		c.handle('n2', sl, { outcome: '内容明确' });
		// 检索与征求意见 (10 days) is open too; look at the case alone.
		const promised = (day: string) => at(c, day).filter((w) => w.scope === 'promised');
		// Ten calendar days after the holiday began, only 8 of 15 working days are used.
		expect(promised('2026-10-09')).toEqual([]);
		expect(promised('2026-10-13')).toEqual([]); // 11 of 15 used
		expect(promised('2026-10-14')).toMatchObject([{ level: 'yellow', used: 12, limit: 15 }]);
		expect(promised('2026-10-19')).toMatchObject([{ level: 'yellow', used: 15 }]);
		expect(promised('2026-10-20')).toMatchObject([{ level: 'red' }]);
		// Past the statutory limit as well: a second red warning.
		expect(levels(c, '2026-10-27')).toContain('statutory:red');
		expect(levels(c, '2026-10-26')).not.toContain('statutory:red');
		expect(worstLevel(at(c, '2026-10-14'))).toBe('red'); // the 10-day step is overdue by then
		expect(worstLevel(at(c, '2026-09-21'))).toBeNull();
	});

	it('nothing turns yellow or red while the case waits for 补正; the count restarts on receipt', () => {
		const c = accepted();
		c.today = '2026-09-28';
		c.handle('n2', sl, { outcome: '需要补正' });
		expect(c.state.status).toBe('supplement');
		// Long past every due date on the calendar, but the clock stopped on 09-28.
		expect(at(c, '2026-10-30')).toEqual([]);
		expect(at(c, '2026-12-31')).toEqual([]);
		c.today = '2026-10-09';
		c.do({ type: 'supplement_received', actor: applicant, materials: ['身份证明'] });
		// 行政许可-style restart: 15 working days from 10-09 end on 10-29.
		expect(c.state.clock.promisedDue).toBe('2026-10-29');
		const promised = (day: string) => at(c, day).filter((w) => w.scope === 'promised');
		expect(promised('2026-10-23')).toEqual([]);
		expect(promised('2026-10-29')).toMatchObject([{ level: 'yellow' }]);
		expect(promised('2026-10-30')).toMatchObject([{ level: 'red' }]);
	});

	it('an approved extension (延期) moves the warnings with the due dates', () => {
		const c = accepted();
		c.handle('n2', sl, { outcome: '内容明确' });
		c.do({ type: 'extend', actor: sh1, days: 10, approvedBy: '县政府办主任', reason: '检索量大' });
		const promised = (day: string) => at(c, day).filter((w) => w.scope === 'promised');
		expect(promised('2026-10-20')).toEqual([]); // no longer overdue: 25 days now
		const due = c.state.clock.promisedDue!;
		expect(promised(due)).toMatchObject([{ level: 'yellow', limit: 25 }]);
	});

	it('a closed case has no warnings, however late it was', () => {
		const c = accepted();
		c.handle('n2', sl, { outcome: '内容明确' });
		c.today = '2026-11-02';
		expect(worstLevel(at(c, c.today))).toBe('red');
		c.handle('n5', sh1, { opinion: '已检索' });
		c.handle('n6', sh2, { opinion: '同意', outcome: '予以公开' });
		expect(c.state.status).toBe('closed');
		expect(at(c, '2026-11-02')).toEqual([]);
	});

	it('a case not yet accepted has none', () => {
		const c = new CaseDriver(zfb, '2026-09-21');
		expect(at(c, '2027-01-01')).toEqual([]);
	});
});
