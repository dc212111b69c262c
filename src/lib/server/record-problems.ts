/**
 * Messages for problems of a GB/T 39046 case record (push or offline registration). The field
 * is named by the standard's element names, with the step's number for 事项办理 rows:
 * `事项办理.1.环节结束时间` → 第 2 个环节的“环节结束时间”.
 */
import type { RecordProblem } from '../domain/gbt39046/index';
import { hasMessage, translate, type Locale, type MessageKey } from '../i18n';

export function recordFieldLabel(locale: Locale, path: string): string {
	const parts = path.split('.');
	if (parts[0] === '事项办理' && parts[1] !== undefined && /^\d+$/.test(parts[1]))
		return translate(locale, 'integration.record.stepField', {
			n: Number(parts[1]) + 1,
			field: parts[2] ?? '事项办理'
		});
	return parts.at(-1) || path;
}

export function recordProblemMessage(locale: Locale, p: RecordProblem): string {
	const field = recordFieldLabel(locale, p.field);
	const params = {
		...p.params,
		field,
		...(typeof p.params.after === 'string'
			? { after: recordFieldLabel(locale, p.params.after) }
			: {})
	};
	for (const key of [`integration.record.${p.code}`, `formError.${p.code}`])
		if (hasMessage(key)) return translate(locale, key as MessageKey, params);
	return translate(locale, 'formError.INVALID', params);
}
