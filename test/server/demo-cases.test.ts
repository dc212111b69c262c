import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/lib/server/repositories/audit-repository';
import { seedDemoCases } from '../../src/lib/server/services/demo-cases';
import { supervisionOverview } from '../../src/lib/server/services/supervision-service';
import { runnableCounty } from '../factories/county';
import { tempDir } from '../factories/db';

/** The demo county's cases: made through the real services, they light up supervision. */
describe('demo cases', () => {
	it('makes a red, a yellow, a waiting, a closed and rated, an offline case and a complaint', async () => {
		const s = await runnableCounty();
		const root = s.root;
		const now = new Date('2026-11-23T10:00:00+08:00');
		expect(await seedDemoCases(s.db, root, tempDir(), now)).toBe(5);

		const count = (sql: string) => (s.db.prepare(sql).get() as { n: number }).n;
		expect(count("SELECT COUNT(*) AS n FROM cases WHERE item_code = '990001-ZFB-QT-0001'")).toBe(4);
		expect(count("SELECT COUNT(*) AS n FROM cases WHERE status = 'supplement'")).toBe(1);
		expect(count("SELECT COUNT(*) AS n FROM cases WHERE status = 'closed' AND on_time = 1")).toBe(
			2
		);
		expect(count('SELECT COUNT(*) AS n FROM evaluations WHERE level = 5')).toBe(1);
		expect(count("SELECT COUNT(*) AS n FROM complaints WHERE status = 'open'")).toBe(1);
		expect(
			count("SELECT COUNT(*) AS n FROM supervision_exceptions WHERE type = 'offline_incomplete'")
		).toBe(1);
		const zfb = supervisionOverview(s.db).departments.find((d) => d.code === 'ZFB')!;
		expect(zfb).toMatchObject({ inProgress: 3, redCases: 1, yellowCases: 1 });
		expect(verifyAuditChain(s.db).ok).toBe(true);
	});
});
