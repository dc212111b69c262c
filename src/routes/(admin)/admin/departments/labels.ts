import type { MessageKey } from '$lib/i18n';

export const DEPARTMENT_LABELS: Record<string, MessageKey> = {
	code: 'departments.code',
	name: 'departments.name',
	kind: 'departments.kind',
	id: 'departments.name'
};

export const POST_LABELS: Record<string, MessageKey> = {
	code: 'posts.code',
	name: 'posts.name',
	duty: 'posts.duty',
	departmentId: 'departments.name',
	id: 'posts.name'
};
