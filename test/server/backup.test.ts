import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connection';
import { schemaVersion } from '../../src/lib/server/db/migrate';
import { appendAudit, verifyAuditChain } from '../../src/lib/server/repositories/audit-repository';
import { tempDb, tempDir } from '../factories/db';

function backupCli(source: string, target: string) {
	return spawn(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', target], {
		env: { ...process.env, SUNLIT_DB: source }
	});
}

describe('npm run backup', () => {
	it('makes a consistent, restorable copy while another connection keeps writing', async () => {
		const { db, path } = tempDb();
		const write = (i: number) =>
			appendAudit(
				db,
				{
					actorId: null,
					actorName: 'system',
					role: null,
					action: 'test.write',
					objectType: 'test',
					objectId: i,
					payload: { i, text: '数据'.repeat(200) }
				},
				new Date(Date.UTC(2026, 10, 23, 0, 0, 0, i))
			);
		for (let i = 0; i < 2000; i++) write(i);

		const target = join(tempDir(), 'backup.db');
		const child = backupCli(path, target);
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d));
		child.stderr.on('data', (d: Buffer) => (out += d));
		const done = new Promise<number | null>((r) => child.on('exit', r));
		// Keep writing, one transaction per tick, until the backup has finished.
		let i = 2000;
		let finished = false;
		void done.then(() => (finished = true));
		while (!finished) {
			write(i++);
			await new Promise((r) => setTimeout(r, 1));
		}
		expect(await done, out).toBe(0);
		expect(out).toContain('备份完成');
		expect(out).toContain('integrity ok');
		expect(i).toBeGreaterThan(2000); // writes really happened during the backup

		// The copy opens on its own, has the schema and an intact chain of a prefix of the writes.
		const copy = openDatabase(target, { readonly: true });
		expect(schemaVersion(copy)).toBe(schemaVersion(db));
		const verified = verifyAuditChain(copy);
		expect(verified.ok).toBe(true);
		expect(verified.checked).toBeGreaterThanOrEqual(2000);
		expect(verified.checked).toBeLessThanOrEqual(i);
		copy.close();
	});

	it('refuses to overwrite an existing file and explains usage without a target', () => {
		const { db, path } = tempDb();
		db.close();
		const existing = join(tempDir(), 'there.db');
		spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', existing], {
			env: { ...process.env, SUNLIT_DB: path }
		});
		expect(existsSync(existing)).toBe(true);
		const again = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', existing], {
			env: { ...process.env, SUNLIT_DB: path },
			encoding: 'utf8'
		});
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('不会覆盖');
		const usage = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts'], {
			env: { ...process.env, SUNLIT_DB: path },
			encoding: 'utf8'
		});
		expect(usage.status).toBe(2);
		expect(usage.stderr).toContain('npm run backup -- ');
	});
});
