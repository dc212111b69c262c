import { expect, test as plain, type ConsoleMessage, type Page } from '@playwright/test';
import { DEMO_USERS, login } from './helpers';

/**
 * Issue 16, item 13, in Chromium: the Content-Security-Policy is in force. These journeys expect
 * violations, so they use Playwright's own `test`, not the guarded one of helpers.ts.
 */

function violations(page: Page): string[] {
	const seen: string[] = [];
	page.on('console', (msg: ConsoleMessage) => {
		if (/Content Security Policy|Refused to/.test(msg.text())) seen.push(msg.text());
	});
	return seen;
}

plain('no page can be framed, not even by a page of its own site', async ({ page }) => {
	await login(page, DEMO_USERS.officer.username, DEMO_USERS.officer.password);
	await page.goto('/work');
	// frame-ancestors 'none'. (A page of another site could not reach this local server at all:
	// Chromium's private network rules would hide what the policy does.)
	await page.evaluate(() => {
		const frame = document.createElement('iframe');
		frame.src = '/work';
		document.body.append(frame);
	});
	// Chromium refuses to show the framed page: the frame holds its own error page instead.
	await expect
		.poll(
			() =>
				page
					.frames()
					.find((f) => f !== page.mainFrame())
					?.url(),
			{ timeout: 10_000 }
		)
		.toMatch(/^chrome-error:/);
});

plain('a script injected into a page does not run', async ({ page }) => {
	const seen = violations(page);
	await page.goto('/login');
	await page.evaluate(() => {
		const s = document.createElement('script');
		s.textContent = 'window.__injected = true;';
		document.head.append(s);
	});
	await expect
		.poll(() => seen.some((t) => /inline script/i.test(t) && t.includes('script-src')))
		.toBe(true);
	expect(
		await page.evaluate(() => (window as { __injected?: boolean }).__injected)
	).toBeUndefined();
});
