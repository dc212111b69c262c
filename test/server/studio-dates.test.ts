import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntry, submit } from '../../src/lib/server/services/catalogue-service';
import { validContent } from '../factories/catalogue';
import { seededDb } from '../factories/db';
import { signIn } from '../factories/http';
import { startServer, type ServerProcess } from './server-process';

/**
 * Studio pages show Beijing dates (issue 17, item 12): a version submitted at 04:30 Beijing time
 * on 5 December is 20:30 UTC on 4 December, and the studio used to show the UTC date.
 */
describe('studio dates', () => {
	let server: ServerProcess;
	let path: string;
	let entryId: number;

	beforeAll(async () => {
		const s = await seededDb();
		path = s.path;
		s.clock.set('2026-12-04T20:30:00.000Z');
		const editor = s.ctx(s.actorOf('editor'));
		entryId = createEntry(editor, validContent()).entryId;
		submit(editor, entryId);
		s.db.close();
		server = await startServer({ dbPath: path });
	});
	afterAll(async () => {
		await server?.stop();
		rmSync(dirname(path), { recursive: true, force: true });
	});

	const page = async (who: string, password: string, url: string) => {
		const cookie = await signIn(server.url, who, password);
		const res = await fetch(`${server.url}${url}`, { headers: { cookie } });
		expect(res.status).toBe(200);
		return res.text();
	};

	it('the legal office queue, the review page and the version list show 2026-12-05', async () => {
		for (const [who, password, url] of [
			['legal', 'demo-legal-2026', '/studio'],
			['legal', 'demo-legal-2026', `/studio/review/${entryId}`],
			['editor', 'demo-editor-2026', `/studio/catalogue/${entryId}`]
		] as const) {
			// What the page shows, not the data it hydrates from (which carries the UTC instant).
			const shown = (await page(who, password, url)).replace(/<script[\s\S]*?<\/script>/g, '');
			expect(shown, url).toContain('2026-12-05');
			expect(shown, url).not.toContain('2026-12-04');
		}
	});
});
