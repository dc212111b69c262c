import type { MessageKey } from '$lib/i18n';
import type { FlowDocument } from '$lib/domain/flow/types';
import type { FormDocument, FormField } from '$lib/domain/form/types';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Every field of a form with its path (`group.child` inside a repeating group) and label. */
export function formTargets(form: FormDocument | null): { id: string; label: string }[] {
	const out: { id: string; label: string }[] = [];
	const walk = (fields: readonly FormField[], prefix: string, parent: string) => {
		for (const f of fields) {
			const label = parent ? `${parent} › ${f.label || f.id}` : f.label || f.id;
			out.push({ id: `${prefix}${f.id}`, label });
			if (f.kind === 'group') walk(f.fields ?? [], `${prefix}${f.id}.`, label);
		}
	};
	walk(form?.fields ?? [], '', '');
	return out;
}

/**
 * What a review comment is about, as a label: an entry element (`name`), a flowchart step
 * (`flow:n3`), a form field (`form:applicant`), the flowchart or form as a whole (`flow`,
 * `form`), or general remarks.
 */
export function commentLabel(
	field: string,
	flow: FlowDocument | null,
	form: FormDocument | null,
	t: Translate
): string {
	if (field === 'flow') return t('review.onFlow');
	if (field === 'form') return t('review.onForm');
	if (field.startsWith('flow:')) {
		const id = field.slice(5);
		const n = flow?.semantics.nodes.find((x) => x.id === id);
		return t('review.onStep', { name: n ? n.name || t(`flowKind.${n.kind}`) : id });
	}
	if (field.startsWith('form:')) {
		const id = field.slice(5);
		return t('review.onField', { name: formTargets(form).find((f) => f.id === id)?.label ?? id });
	}
	return t(`field.${field}` as MessageKey);
}
