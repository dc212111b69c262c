/**
 * 异常处理 and 督办 (supervision notices), the pure part: the exception types with their Chinese
 * names (as reported in the feed's 监察预警类型), the notice number (督办编号) and when a reply is
 * overdue. No database, no clock.
 */

/** The kinds of exception supervision raises (supervision_exceptions.type). */
export const EXCEPTION_TYPES = [
	'overdue',
	'repeated_supplement',
	'discretion_range',
	'same_person',
	'offline_incomplete',
	'audit_chain',
	'late_push'
] as const;
export type ExceptionType = (typeof EXCEPTION_TYPES)[number];

/** The types' names in Chinese, as the feed reports them whatever the reader's language. */
export const EXCEPTION_TYPE_NAMES: Record<ExceptionType, string> = {
	overdue: '超期',
	repeated_supplement: '多次补正或退回',
	discretion_range: '超出裁量基准',
	same_person: '同一人完成制约环节',
	offline_incomplete: '线下办件要素缺失',
	audit_chain: '审计链校验失败',
	late_push: '部门报送迟延'
};

export const EXCEPTION_SEVERITIES = ['low', 'medium', 'high'] as const;
export type ExceptionSeverity = (typeof EXCEPTION_SEVERITIES)[number];
export const EXCEPTION_STATUSES = ['open', 'notified', 'closed'] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

export const NOTICE_STATUSES = ['issued', 'replied', 'closed'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const FAULTS = ['none', 'found'] as const;
/** 过错责任: none found, or found (with its detail). */
export type Fault = (typeof FAULTS)[number];

export function isExceptionType(s: string): s is ExceptionType {
	return (EXCEPTION_TYPES as readonly string[]).includes(s);
}

/** The prefix of a day's notice numbers: `DB` and the China date without dashes. */
export function noticePrefix(day: string): string {
	return `DB${day.replaceAll('-', '')}`;
}

/** The `seq`-th notice number of a China day: `DB20261102001` (at least three digits). */
export function noticeNo(day: string, seq: number): string {
	return `${noticePrefix(day)}${String(seq).padStart(3, '0')}`;
}

export const NOTICE_NO_PATTERN = /^DB\d{8}\d{3,}$/;

/** Whether a notice still awaiting its reply is past its reply date (China date `today`). */
export function replyOverdue(n: { status: NoticeStatus; reply_due: string }, today: string) {
	return n.status === 'issued' && n.reply_due < today;
}

/**
 * An exception's evidence (stored as JSON) as label/value lines to show: an object's keys in
 * order, nested values as compact JSON; anything else as one line.
 */
export function evidenceLines(evidence: string): { key: string; value: string }[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(evidence);
	} catch {
		return [{ key: '', value: evidence }];
	}
	const show = (v: unknown) =>
		v === null || v === undefined
			? '—'
			: typeof v === 'string'
				? v
				: typeof v === 'number' || typeof v === 'boolean'
					? String(v)
					: Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)
						? v.join('、')
						: JSON.stringify(v);
	if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
		return Object.entries(parsed).map(([key, value]) => ({ key, value: show(value) }));
	return [{ key: '', value: show(parsed) }];
}
