import type { MessageKey } from '$lib/i18n';
import type { Role } from '$lib/domain/roles';

export interface NavItem {
	href: string;
	label: MessageKey;
	/** Shown to holders of any of these roles; empty means everyone. */
	roles: readonly Role[];
}

export const NAV: readonly NavItem[] = [
	{ href: '/', label: 'nav.hall', roles: [] },
	{ href: '/track', label: 'nav.track', roles: [] },
	{ href: '/statistics', label: 'nav.statistics', roles: [] },
	{ href: '/complaints', label: 'nav.complaints', roles: [] },
	{ href: '/studio', label: 'nav.studio', roles: ['legal', 'editor'] },
	{ href: '/work', label: 'nav.work', roles: ['officer'] },
	{ href: '/supervision', label: 'nav.supervision', roles: ['supervisor'] },
	{ href: '/admin', label: 'nav.admin', roles: ['admin'] },
	{ href: '/audit', label: 'nav.audit', roles: ['admin', 'supervisor'] }
];

export function navFor(roles: readonly Role[]): NavItem[] {
	return NAV.filter((n) => n.roles.length === 0 || n.roles.some((r) => roles.includes(r)));
}
