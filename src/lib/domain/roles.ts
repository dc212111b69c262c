/** The five roles; a user may hold several. */
export const ROLES = ['admin', 'legal', 'editor', 'officer', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Each role's home, in the order a user holding several roles lands on them after login. */
export const ROLE_HOMES: readonly { role: Role; path: string }[] = [
	{ role: 'admin', path: '/admin' },
	{ role: 'legal', path: '/studio' },
	{ role: 'editor', path: '/studio' },
	{ role: 'officer', path: '/work' },
	{ role: 'supervisor', path: '/supervision' }
];

export function homeFor(roles: readonly Role[]): string {
	return ROLE_HOMES.find((h) => roles.includes(h.role))?.path ?? '/account';
}

export const DEPARTMENT_KINDS = ['legal', 'supervision', 'ordinary'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];
