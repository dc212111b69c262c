import { describe, expect, it } from 'vitest';
import {
	emptyTally,
	figuresOf,
	isDate,
	meanOfHistogram,
	medianOfHistogram,
	mergeTally,
	monthPeriod,
	monthsEnding,
	percent,
	periodBounds,
	resolvePeriod
} from '../../src/lib/supervision/performance';

const hist = (values: number[]) => {
	const m = new Map<number, number>();
	for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
	return m;
};

describe('medianOfHistogram', () => {
	it('is the middle value, or the mean of the two middle values', () => {
		expect(medianOfHistogram(new Map())).toBeNull();
		expect(medianOfHistogram(hist([7]))).toBe(7);
		expect(medianOfHistogram(hist([9, 2, 5]))).toBe(5);
		expect(medianOfHistogram(hist([2, 4, 9, 5]))).toBe(4.5);
		expect(medianOfHistogram(hist([1, 1, 1, 10]))).toBe(1);
		expect(medianOfHistogram(hist([1, 1, 10, 10]))).toBe(5.5);
		expect(
			medianOfHistogram(
				new Map([
					[3, 0],
					[4, 2]
				])
			)
		).toBe(4);
	});

	it('agrees with sorting the values', () => {
		let seed = 7;
		const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		for (let round = 0; round < 200; round++) {
			const values = Array.from({ length: 1 + Math.floor(rnd() * 40) }, () =>
				Math.floor(rnd() * 30)
			);
			const sorted = [...values].sort((a, b) => a - b);
			const n = sorted.length;
			const expected = (sorted[Math.floor((n - 1) / 2)]! + sorted[Math.floor(n / 2)]!) / 2;
			expect(medianOfHistogram(hist(values))).toBe(expected);
		}
	});
});

describe('figuresOf', () => {
	it('gives rates against their own denominators and none without one', () => {
		const t = emptyTally();
		expect(figuresOf(t)).toMatchObject({
			onTimeRate: null,
			meanDays: null,
			medianDays: null,
			supplementRate: null,
			refusalRate: null,
			satisfaction: null,
			satisfiedRate: null
		});
		Object.assign(t, {
			received: 10,
			closed: 4,
			refused: 1,
			withdrawn: 3,
			onTime: 2,
			timed: 3,
			supplemented: 1,
			evaluationSum: 13,
			evaluations: 3,
			satisfied: 2,
			days: hist([1, 2, 2, 10])
		});
		const f = figuresOf(t);
		expect(f.onTimeRate).toBeCloseTo(2 / 3);
		expect(f.supplementRate).toBe(0.25);
		// Withdrawn cases are not decisions.
		expect(f.refusalRate).toBe(0.2);
		expect(f.meanDays).toBe(3.8);
		expect(f.medianDays).toBe(2);
		expect(f.satisfaction).toBe(4.33);
		expect(f.satisfiedRate).toBeCloseTo(2 / 3);
	});

	it('merges tallies for totals, histograms included', () => {
		const a = emptyTally();
		a.closed = 2;
		a.days = hist([1, 3]);
		const b = emptyTally();
		b.closed = 3;
		b.days = hist([3, 3, 9]);
		const total = mergeTally(mergeTally(emptyTally(), a), b);
		expect(total.closed).toBe(5);
		expect(medianOfHistogram(total.days)).toBe(3);
		expect(meanOfHistogram(total.days)).toBe(3.8);
		// The inputs are untouched.
		expect(a.days.get(3)).toBe(1);
	});

	it('prints percentages with one decimal', () => {
		expect(percent(null)).toBe('—');
		expect(percent(2 / 3)).toBe('66.7%');
		expect(percent(1)).toBe('100.0%');
	});
});

describe('periods', () => {
	it('bounds China dates by Beijing midnight in UTC', () => {
		expect(periodBounds('2026-11-01', '2026-11-30')).toEqual({
			start: '2026-10-31T16:00:00.000Z',
			end: '2026-11-30T16:00:00.000Z'
		});
		expect(periodBounds('2027-01-01', '2027-01-01')).toEqual({
			start: '2026-12-31T16:00:00.000Z',
			end: '2027-01-01T16:00:00.000Z'
		});
	});

	it('knows months and their lengths', () => {
		expect(monthPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
		expect(monthPeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
		expect(monthsEnding('2027-02', 4)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
		expect(() => monthPeriod('2026-13')).toThrow();
		expect(isDate('2026-02-29')).toBe(false);
		expect(isDate('2028-02-29')).toBe(true);
	});

	it('resolves a request to a period, or names the field at fault', () => {
		expect(resolvePeriod({}, '2026-11-24')).toEqual({
			from: '2026-11-01',
			to: '2026-11-30',
			month: '2026-11'
		});
		expect(resolvePeriod({ month: '2026-02' }, '2026-11-24')).toMatchObject({
			from: '2026-02-01',
			to: '2026-02-28'
		});
		expect(resolvePeriod({ from: '2026-03-01', to: '2026-03-31' }, '2026-11-24')).toEqual({
			from: '2026-03-01',
			to: '2026-03-31',
			month: '2026-03'
		});
		expect(resolvePeriod({ from: '2026-03-05', to: '2026-03-09' }, 'x')).toMatchObject({
			month: null
		});
		expect(resolvePeriod({ month: '2026-13' }, '2026-11-24')).toEqual({
			error: { field: 'month', code: 'PERF_MONTH_INVALID' }
		});
		expect(resolvePeriod({ from: '2026-02-30', to: '2026-03-01' }, 'x')).toEqual({
			error: { field: 'from', code: 'PERF_DATE_INVALID' }
		});
		expect(resolvePeriod({ from: '2026-03-01' }, 'x')).toEqual({
			error: { field: 'to', code: 'PERF_DATE_INVALID' }
		});
		expect(resolvePeriod({ from: '2026-03-09', to: '2026-03-01' }, 'x')).toEqual({
			error: { field: 'to', code: 'PERF_PERIOD_REVERSED' }
		});
		expect(resolvePeriod({ from: '2016-01-01', to: '2026-03-01' }, 'x')).toEqual({
			error: { field: 'to', code: 'PERF_PERIOD_LONG' }
		});
	});
});
