import type { MessageKey } from '$lib/i18n';

/** The label of each field the calendar service names in its errors. */
export const CALENDAR_LABELS: Record<string, MessageKey> = {
	date: 'calendar.date',
	kind: 'calendar.kind',
	note: 'calendar.note',
	notice: 'calendar.notice.label',
	year: 'calendar.year'
};
