import type { MessageKey } from '$lib/i18n';

/** Labels of the inputs a catalogue service error can name (besides the content's own fields). */
export const CATALOGUE_LABELS: Record<string, MessageKey> = {
	name: 'field.name',
	category: 'field.category',
	departmentId: 'field.department',
	reason: 'studio.retireReason',
	on: 'studio.basisChangedOn',
	cause: 'studio.basisChangeCause',
	comments: 'studio.generalComment'
};
