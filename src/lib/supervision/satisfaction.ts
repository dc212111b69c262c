/**
 * 公众评议: the five satisfaction levels of GB/T 39046-2020 服务评价 (满意度), best first. The
 * number is what is stored and reported; the Chinese name is the standard's.
 */
export type SatisfactionLevel = 1 | 2 | 3 | 4 | 5;

export const SATISFACTION_LEVELS: readonly SatisfactionLevel[] = [5, 4, 3, 2, 1];

export const SATISFACTION_NAMES: Readonly<Record<SatisfactionLevel, string>> = {
	5: '非常满意',
	4: '满意',
	3: '基本满意',
	2: '不满意',
	1: '非常不满意'
};

/** A submitted level (form text or number) as a level, or null when it is none of the five. */
export function parseSatisfactionLevel(v: unknown): SatisfactionLevel | null {
	const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
	return /^[1-5]$/.test(s) ? (Number(s) as SatisfactionLevel) : null;
}

/** The mean of levels to one decimal, or null when there are none. */
export function meanLevel(sum: number, count: number): number | null {
	return count ? Math.round((sum / count) * 10) / 10 : null;
}

/** 投诉 / 举报 tracking numbers: TS, the region code, the China date and a four-digit sequence. */
export const COMPLAINT_NO_PATTERN = /^TS\d{6}\d{8}\d{4,}$/;
