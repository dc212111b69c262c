import type { MessageKey } from './messages';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A catalogue field path's label for messages: `bases.1.excerpt` → 设定依据第 2 项：条文内容. */
export function pathLabel(path: string, t: Translate): string {
	const [top, index, sub] = path.split('.');
	const topLabel = t(`field.${top}` as MessageKey);
	if (index === undefined) return topLabel;
	const row = t('validation.row', { row: Number(index) + 1 });
	return sub ? `${topLabel}${row}：${t(`field.${top}.${sub}` as MessageKey)}` : `${topLabel}${row}`;
}
