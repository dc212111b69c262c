import { hasMessage, translate, type Locale, type MessageKey } from '../../i18n';
import type { PerformancePage } from './performance-page';

const FIELD_LABELS: Record<string, MessageKey> = {
	month: 'perf.month',
	from: 'perf.from',
	to: 'perf.to',
	by: 'perf.by',
	department: 'perf.department'
};

/** The page's problem as a sentence naming the field, in the reader's language. */
export function performanceErrorMessage(locale: Locale, page: PerformancePage): string | null {
	if (!page.error) return null;
	const label = page.error.field ? FIELD_LABELS[page.error.field] : undefined;
	const field = label ? translate(locale, label) : '';
	const key = `error.${page.error.code}`;
	return hasMessage(key)
		? translate(locale, key, { field, ...page.error.params })
		: page.error.code;
}
