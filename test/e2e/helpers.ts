import {
	expect,
	test as base,
	type Browser,
	type BrowserContext,
	type ConsoleMessage,
	type Page
} from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** What Chromium says when the Content-Security-Policy blocked something. */
const CSP_VIOLATION = /Content Security Policy|Refused to/;

/**
 * Every journey's `test`: fails the test when Chromium reports a Content-Security-Policy violation
 * (a blocked script, style, eval, connection or frame) in any page of any context the test opens —
 * the default one and those made with `freshContext` or `browser.newPage`.
 */
export const test = base.extend<{ cspGuard: void }>({
	cspGuard: [
		async ({ context, browser }, use) => {
			const violations: string[] = [];
			const watch = (ctx: BrowserContext) => {
				ctx.on('console', (msg: ConsoleMessage) => {
					if (CSP_VIOLATION.test(msg.text()))
						violations.push(`${msg.location().url}: ${msg.text()}`);
				});
				ctx.on('weberror', (err) => {
					if (CSP_VIOLATION.test(String(err.error()))) violations.push(String(err.error()));
				});
			};
			watch(context);
			const newContext = browser.newContext.bind(browser);
			browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
				const ctx = await newContext(...args);
				watch(ctx);
				return ctx;
			};
			try {
				await use();
			} finally {
				browser.newContext = newContext;
			}
			expect(violations, 'Content-Security-Policy violations in the console').toEqual([]);
		},
		{ auto: true }
	]
});
export { expect };

/** The demo county's accounts, as seeded into every fresh e2e database. */
export interface DemoUser {
	role: 'admin' | 'legal' | 'editor' | 'officer' | 'supervisor';
	username: string;
	password: string;
	/** Where the user lands after signing in. */
	home: string;
	/** The h1 of that home page. */
	heading: string;
	displayName: string;
}

export const DEMO_USERS = {
	admin: {
		role: 'admin',
		username: 'admin',
		password: 'demo-admin-2026',
		home: '/admin',
		heading: '系统管理',
		displayName: '系统管理员'
	},
	legal: {
		role: 'legal',
		username: 'legal',
		password: 'demo-legal-2026',
		home: '/studio',
		heading: '编制工作室',
		displayName: '法制办 王审核'
	},
	editor: {
		role: 'editor',
		username: 'editor',
		password: 'demo-editor-2026',
		home: '/studio',
		heading: '编制工作室',
		displayName: '市场监管局 李填报'
	},
	officer: {
		role: 'officer',
		username: 'officer',
		password: 'demo-officer-2026',
		home: '/work',
		heading: '办件工作台',
		displayName: '市场监管局 张办理'
	},
	supervisor: {
		role: 'supervisor',
		username: 'supervisor',
		password: 'demo-supervisor-2026',
		home: '/supervision',
		heading: '电子监察',
		displayName: '监察局 赵监察'
	}
} as const satisfies Record<string, DemoUser>;

export const DEMO_USER_LIST: readonly DemoUser[] = Object.values(DEMO_USERS);

export const SESSION_COOKIE = 'sunlit_session';

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A URL matcher for an exact pathname (any query string allowed). */
export function atPath(pathname: string): RegExp {
	return new RegExp(`^[^?#]*://[^/]+${escapeRegExp(pathname)}(?:[?#].*)?$`);
}

/**
 * Signs in through the login form and waits until the browser has left /login.
 * Does not assert where it lands; callers check that against the role's home.
 */
export async function login(page: Page, username: string, password: string): Promise<void> {
	await page.goto('/login');
	await hydrated(page);
	await fillLoginForm(page, username, password);
	await expect(page).not.toHaveURL(atPath('/login'));
}

/** Fills and submits the login form on the current page (which must be /login). */
export async function fillLoginForm(page: Page, username: string, password: string): Promise<void> {
	await expect(page.getByRole('heading', { level: 1, name: '工作人员登录' })).toBeVisible();
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Signs out with the header's 退出登录 button and waits for the login page. */
export async function logout(page: Page): Promise<void> {
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page).toHaveURL(atPath('/login'));
}

/** A fresh, cookie-less browser context with the project's settings (base URL, locale). */
export async function freshContext(browser: Browser): Promise<BrowserContext> {
	const use = base.info().project.use;
	return browser.newContext({
		baseURL: use.baseURL,
		locale: use.locale,
		timezoneId: use.timezoneId
	});
}

/** The absolute path of `screenshots/<name>.png`, creating the folder when missing. */
export function screenshotPath(name: string): string {
	const dir = join(process.cwd(), 'screenshots');
	mkdirSync(dir, { recursive: true });
	return join(dir, `${name}.png`);
}

/** Waits until the page's scripts have hydrated it, so typing is not overwritten by hydration. */
export async function hydrated(page: Page): Promise<void> {
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
}
