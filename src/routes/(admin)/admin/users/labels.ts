import type { MessageKey } from '$lib/i18n';

export const USER_FIELD_LABELS: Record<string, MessageKey> = {
	username: 'users.username',
	displayName: 'users.displayName',
	departmentId: 'users.department',
	roles: 'users.roles',
	postIds: 'users.posts',
	password: 'users.password',
	id: 'users.username'
};
