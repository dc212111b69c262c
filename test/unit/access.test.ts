import { describe, expect, it } from 'vitest';
import { actionName, decideAccess } from '../../src/lib/server/auth/access';

const as = (...roles: ('admin' | 'legal' | 'editor' | 'officer' | 'supervisor')[]) => ({ roles });

describe('decideAccess', () => {
	it('lets anyone see the public hall and sends anonymous visitors of internal pages to login', () => {
		expect(decideAccess({ routeId: '/(hall)', method: 'GET', action: null, user: null })).toBe(
			'allow'
		);
		expect(
			decideAccess({ routeId: '/(admin)/admin', method: 'GET', action: null, user: null })
		).toBe('login');
	});

	it('grants a page only to the roles listed, and any of several roles is enough', () => {
		const studio = { routeId: '/(studio)/studio', method: 'GET', action: null };
		expect(decideAccess({ ...studio, user: as('legal') })).toBe('allow');
		expect(decideAccess({ ...studio, user: as('officer') })).toBe('forbidden');
		expect(decideAccess({ ...studio, user: as('officer', 'editor') })).toBe('allow');
	});

	it('checks form actions by name, separately from the page', () => {
		const users = { routeId: '/(admin)/admin/users/[id]', method: 'POST' };
		expect(decideAccess({ ...users, action: 'disable', user: as('admin') })).toBe('allow');
		expect(decideAccess({ ...users, action: 'disable', user: as('supervisor') })).toBe('forbidden');
		// An action the table does not name is refused even to the page's audience.
		expect(decideAccess({ ...users, action: 'dropEverything', user: as('admin') })).toBe(
			'forbidden'
		);
		// A page with no default action refuses a bare POST.
		expect(decideAccess({ ...users, action: 'default', user: as('admin') })).toBe('forbidden');
	});

	it('checks endpoints by HTTP method', () => {
		expect(
			decideAccess({ routeId: '/api/v1/health', method: 'GET', action: null, user: null })
		).toBe('allow');
		expect(
			decideAccess({ routeId: '/api/v1/health', method: 'DELETE', action: null, user: as('admin') })
		).toBe('forbidden');
	});

	it('refuses routes missing from the table (default deny), but leaves unknown URLs to 404', () => {
		expect(
			decideAccess({ routeId: '/secret', method: 'GET', action: null, user: as('admin') })
		).toBe('forbidden');
		expect(decideAccess({ routeId: '/secret', method: 'GET', action: null, user: null })).toBe(
			'login'
		);
		expect(decideAccess({ routeId: null, method: 'GET', action: null, user: null })).toBe('allow');
	});
});

describe('actionName', () => {
	it('reads the ?/name form action, or default', () => {
		expect(actionName(new URL('http://x/admin/users?/create'))).toBe('create');
		expect(actionName(new URL('http://x/login?next=/admin'))).toBe('default');
	});

	it('admits a department token only where the table names it', () => {
		const token = { roles: ['department-token' as const] };
		const push = { routeId: '/api/v1/departments/[code]/cases', method: 'POST', action: null };
		expect(decideAccess({ ...push, user: token })).toBe('allow');
		expect(decideAccess({ ...push, user: as('officer') })).toBe('forbidden');
		expect(decideAccess({ ...push, user: null })).toBe('login');
		const events = { routeId: '/api/v1/cases/[caseNo]/events', method: 'POST', action: null };
		expect(decideAccess({ ...events, user: token })).toBe('allow');
		expect(decideAccess({ ...events, user: as('officer') })).toBe('allow');
		expect(
			decideAccess({ routeId: '/(work)/work', method: 'GET', action: null, user: token })
		).toBe('forbidden');
	});
});
