import type { Role } from '../../domain/roles';

/**
 * Who may call: a role of a signed-in user, `department-token`, a department's system calling
 * an API endpoint with its API token (`Authorization: Bearer …`, see api-token.ts), or
 * `feed-token`, an upstream hall reading the feed (实时报送) with a feed token (feed-service.ts).
 * A request with a token is that token and nothing else (its session cookie, if any, is ignored).
 */
export type Principal = Role | 'department-token' | 'feed-token';
export const DEPARTMENT_TOKEN = 'department-token' as const;
export const FEED_TOKEN = 'feed-token' as const;

/** Who may reach a route: anyone, any signed-in user, or holders of one of the principals. */
export type Audience = 'public' | 'signed-in' | readonly Principal[];

export interface AccessRule {
	/** The SvelteKit route id (`event.route.id`). */
	route: string;
	/** Page GET (and its data request). Omitted for routes that are only endpoints. */
	page?: Audience;
	/** Form actions by name (`default` for the unnamed one). */
	actions?: Readonly<Record<string, Audience>>;
	/** +server.ts handlers by method (a route is either a page or an endpoint, never both). */
	methods?: Readonly<Record<string, Audience>>;
}

const PUBLIC = 'public' as const;
const SIGNED_IN = 'signed-in' as const;
const ADMIN: readonly Role[] = ['admin'];
const EDITOR: readonly Role[] = ['editor'];
const LEGAL: readonly Role[] = ['legal'];
const TOKEN = DEPARTMENT_TOKEN;

/**
 * The one table of every route, form action and API handler with the roles allowed. The server
 * hook refuses anything not granted here (a route missing from the table is refused to all), and
 * a server test walks it with every role and anonymously.
 */
export const ACCESS_TABLE: readonly AccessRule[] = [
	{ route: '/(hall)', page: PUBLIC },
	{ route: '/(hall)/catalogue/[code]', page: PUBLIC },
	{ route: '/(hall)/catalogue.csv', methods: { GET: PUBLIC } },
	{ route: '/(hall)/catalogue.xlsx', methods: { GET: PUBLIC } },
	{ route: '/(hall)/audit-checkpoints', page: PUBLIC },
	{ route: '/(hall)/statistics', page: PUBLIC },
	{
		route: '/(hall)/track',
		page: PUBLIC,
		actions: { lookup: PUBLIC, supplement: PUBLIC, evaluate: PUBLIC }
	},
	// ── 投诉举报: anyone files and follows a complaint (number + query code) ──
	{ route: '/(hall)/complaints', page: PUBLIC, actions: { default: PUBLIC } },
	{ route: '/(hall)/complaints/track', page: PUBLIC, actions: { default: PUBLIC } },
	// ── public intake (外网受理): anonymous applicants ──
	{ route: '/(hall)/items/[code]/apply', page: PUBLIC, actions: { default: PUBLIC } },
	{ route: '/(hall)/items/[code]/receipt/[caseNo]', page: PUBLIC },
	{ route: '/api/v1/uploads', methods: { POST: PUBLIC } },
	{ route: '/api/v1/audit/checkpoints', methods: { GET: PUBLIC } },
	{ route: '/api/v1/catalogue', methods: { GET: PUBLIC } },
	{ route: '/api/v1/catalogue/[code]', methods: { GET: PUBLIC } },
	{ route: '/api/v1/items/[code]/flow.bpmn', methods: { GET: PUBLIC } },
	{ route: '/api/v1/items/[code]/frozen/[version]/[file]', methods: { GET: PUBLIC } },
	// ── integration: cases over the API (docs/integration.md) ──
	// Intake and status by number + query code are anonymous like the hall's forms.
	{ route: '/api/v1/cases', methods: { POST: PUBLIC } },
	{ route: '/api/v1/cases/[caseNo]', methods: { GET: PUBLIC } },
	// Officer actions: a signed-in officer or a department's token (its posts; checked by the engine).
	{ route: '/api/v1/cases/[caseNo]/events', methods: { POST: ['officer', TOKEN] } },
	// The case as GB/T 39046 records: the handler also checks the case's department.
	{ route: '/api/v1/cases/[caseNo]/gbt39046', methods: { GET: ['officer', 'supervisor', TOKEN] } },
	// 实时报送: a department's system pushes its own cases (its own department only).
	{ route: '/api/v1/departments/[code]/cases', methods: { POST: [TOKEN] } },
	// 实时报送 to an upstream hall: its feed token, or a supervisor signed in.
	{ route: '/api/v1/feed', methods: { GET: ['supervisor', FEED_TOKEN] } },
	{ route: '/login', page: PUBLIC, actions: { default: PUBLIC } },
	{ route: '/logout', page: SIGNED_IN, actions: { default: SIGNED_IN } },
	{ route: '/lang', methods: { POST: PUBLIC } },
	{ route: '/forbidden', page: PUBLIC },
	{ route: '/api/v1/health', methods: { GET: PUBLIC } },
	{ route: '/account', page: SIGNED_IN, actions: { password: SIGNED_IN } },
	{ route: '/(studio)/studio', page: ['legal', 'editor'] },
	{ route: '/(studio)/studio/catalogue/new', page: EDITOR, actions: { default: EDITOR } },
	{
		route: '/(studio)/studio/catalogue/[id]',
		page: ['editor', 'legal'],
		actions: {
			save: EDITOR,
			submit: EDITOR,
			withdraw: EDITOR,
			revise: EDITOR,
			retire: EDITOR,
			basisChange: EDITOR,
			duplicate: EDITOR
		}
	},
	{
		route: '/(studio)/studio/review/[id]',
		page: LEGAL,
		actions: { return: LEGAL, approve: LEGAL }
	},
	{
		route: '/(studio)/studio/catalogue/[id]/flow',
		page: ['editor', 'legal'],
		actions: {
			save: ['editor', 'legal'],
			exportBpmn: ['editor', 'legal'],
			importBpmn: ['editor', 'legal']
		}
	},
	{
		route: '/(studio)/studio/catalogue/[id]/form',
		page: ['editor', 'legal'],
		actions: { save: ['editor', 'legal'] }
	},
	// ── catalogue import and export (studio) ──
	{
		route: '/(studio)/studio/catalogue/import',
		page: ['editor'],
		actions: { upload: ['editor'], confirm: ['editor'] }
	},
	{ route: '/(studio)/studio/catalogue/template.xlsx', methods: { GET: ['editor'] } },
	{ route: '/(studio)/studio/catalogue/export.xlsx', methods: { GET: ['editor'] } },
	// ── working-day calendar (admin) ──
	{
		route: '/(admin)/admin/calendar',
		page: ADMIN,
		actions: {
			setDay: ADMIN,
			removeDay: ADMIN,
			confirmYear: ADMIN,
			unconfirmYear: ADMIN,
			previewNotice: ADMIN,
			importNotice: ADMIN
		}
	},
	{ route: '/(work)/work', page: ['officer'] },
	// 线下办件登记: an officer records a case handled outside the system.
	{ route: '/(work)/work/offline', page: ['officer'], actions: { default: ['officer'] } },
	{
		route: '/(work)/work/cases/[caseNo]',
		page: ['officer'],
		actions: {
			accept: ['officer'],
			refuse: ['officer'],
			claim: ['officer'],
			release: ['officer'],
			complete: ['officer'],
			supplement: ['officer'],
			special_start: ['officer'],
			special_end: ['officer'],
			extend: ['officer']
		}
	},
	{ route: '/(work)/work/files/[ref]', methods: { GET: ['officer', 'supervisor'] } },
	{ route: '/(supervision)/supervision', page: ['supervisor'] },
	// 绩效评估: the page, its Excel download and the printable monthly report.
	{ route: '/(supervision)/supervision/performance', page: ['supervisor'] },
	{ route: '/(supervision)/supervision/performance.xlsx', methods: { GET: ['supervisor'] } },
	{ route: '/(supervision)/supervision/report', page: ['supervisor'] },
	// The live overview (server-sent events) and its drill-down: a department's cases, one case.
	{ route: '/(supervision)/supervision/live', methods: { GET: ['supervisor'] } },
	{ route: '/(supervision)/supervision/departments/[code]', page: ['supervisor'] },
	{ route: '/(supervision)/supervision/cases/[caseNo]', page: ['supervisor'] },
	// 异常处理 and 督办: the supervisor issues and closes notices; the department's officers reply.
	{ route: '/(supervision)/supervision/exceptions', page: ['supervisor'] },
	{ route: '/(supervision)/supervision/notices', page: ['supervisor'] },
	{
		route: '/(supervision)/supervision/notices/new',
		page: ['supervisor'],
		actions: { default: ['supervisor'] }
	},
	{
		route: '/(supervision)/supervision/notices/[no]',
		page: ['supervisor'],
		actions: { close: ['supervisor'] }
	},
	{ route: '/(work)/work/notices', page: ['officer'] },
	{ route: '/(work)/work/notices/[no]', page: ['officer'], actions: { reply: ['officer'] } },
	{ route: '/(supervision)/supervision/complaints', page: ['supervisor'] },
	{
		route: '/(supervision)/supervision/complaints/[no]',
		page: ['supervisor'],
		actions: { reply: ['supervisor'] }
	},
	{ route: '/audit', page: ['admin', 'supervisor'] },
	{ route: '/(admin)/admin', page: ADMIN },
	{ route: '/(admin)/admin/feed', page: ADMIN, actions: { issue: ADMIN, revoke: ADMIN } },
	{ route: '/(admin)/admin/users', page: ADMIN, actions: { create: ADMIN } },
	{
		route: '/(admin)/admin/users/[id]',
		page: ADMIN,
		actions: { update: ADMIN, disable: ADMIN, enable: ADMIN, password: ADMIN }
	},
	{ route: '/(admin)/admin/departments', page: ADMIN, actions: { create: ADMIN } },
	{
		route: '/(admin)/admin/departments/[id]',
		page: ADMIN,
		actions: {
			update: ADMIN,
			disable: ADMIN,
			enable: ADMIN,
			createPost: ADMIN,
			disablePost: ADMIN,
			enablePost: ADMIN,
			issueToken: ADMIN,
			revokeToken: ADMIN
		}
	}
];

const byRoute = new Map(ACCESS_TABLE.map((r) => [r.route, r]));

export type Decision = 'allow' | 'login' | 'forbidden';

export interface AccessRequest {
	routeId: string | null;
	method: string;
	/** The form action's name when a page is POSTed to, else null. */
	action: string | null;
	user: { roles: readonly Principal[] } | null;
}

function admits(audience: Audience | undefined, user: AccessRequest['user']): Decision {
	if (audience === undefined) return user ? 'forbidden' : 'login';
	if (audience === 'public') return 'allow';
	if (!user) return 'login';
	if (audience === 'signed-in') return 'allow';
	return audience.some((r) => user.roles.includes(r)) ? 'allow' : 'forbidden';
}

/** Default deny: what the table does not grant is refused. Unknown URLs (no route) fall to 404. */
export function decideAccess(req: AccessRequest): Decision {
	if (req.routeId === null) return 'allow';
	const rule = byRoute.get(req.routeId);
	if (!rule) return req.user ? 'forbidden' : 'login';
	if (rule.methods) return admits(rule.methods?.[req.method], req.user);
	if (req.method === 'POST') return admits(rule.actions?.[req.action ?? 'default'], req.user);
	return admits(rule.page, req.user);
}

/** The action a POST to a page names: `?/name`, or `default`. */
export function actionName(url: URL): string {
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
	return 'default';
}
