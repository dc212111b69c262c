/**
 * How a year's holiday table compares with a normal year's: a confirmed year with one holiday
 * is almost certainly a mistake, so confirming such a year asks again. Pure.
 */
export interface YearCounts {
	/** Monday–Friday days off. */
	holidays: number;
	/** Saturday/Sunday make-up workdays. */
	workdays: number;
}

export interface CountsRange {
	holidays: { min: number; max: number };
	workdays: { min: number; max: number };
}

/** The smallest and largest counts of the reference years. */
export function countsRange(years: readonly YearCounts[]): CountsRange {
	const span = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs) });
	return {
		holidays: span(years.map((y) => y.holidays)),
		workdays: span(years.map((y) => y.workdays))
	};
}

/**
 * Whether the counts are far from the reference: days off below half its smallest or above
 * half again its largest, or make-up workdays above twice its largest (none at all can happen).
 */
export function countsFarOff(counts: YearCounts, ref: CountsRange): boolean {
	return (
		counts.holidays < ref.holidays.min / 2 ||
		counts.holidays > ref.holidays.max * 1.5 ||
		counts.workdays > ref.workdays.max * 2
	);
}
