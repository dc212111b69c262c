import { readCatalogueSources, readDesignSources } from '../../src/lib/server/catalogue/sources';
import { loadPublishedSources } from '../../src/lib/server/services/catalogue-service';
import type { Actor } from '../../src/lib/server/services/context';
import { loadDesignSources } from '../../src/lib/server/services/design-service';
import { freezePublishedSources } from '../../src/lib/server/services/freeze-service';
import { createUser } from '../../src/lib/server/services/org-service';
import { seededDb, tempDir } from './db';

/** The demo penalty item (立案 by the authority) and facts its form accepts. */
export const PENALTY = '990001-SCJG-CF-0001';
export const FACTS = {
	party: '示例县某某食品店',
	facts: '未取得食品经营许可销售预包装食品',
	goodsValue: 5000,
	firstOffence: 'yes'
};

/**
 * The demo county with its published items loaded and frozen into a temporary folder, ready for
 * the runner; beside the demo officer (受理岗, 审核岗) a second handler `officer.sh` (审核岗) and
 * an approver `officer.sp` (审批岗) at 市场监管局. `as(username)` is a context acting as that user,
 * `applicant` an anonymous one.
 */
export async function runnableCounty() {
	const s = await seededDb();
	const root = tempDir();
	loadPublishedSources(s.ctx(), readCatalogueSources());
	loadDesignSources(s.ctx(), readDesignSources());
	await freezePublishedSources(s.ctx(), root);
	const scjg = s.db.prepare("SELECT id, code, name FROM departments WHERE code = 'SCJG'").get() as {
		id: number;
		code: string;
		name: string;
	};
	const post = (code: string) =>
		(
			s.db
				.prepare('SELECT id FROM posts WHERE department_id = ? AND code = ?')
				.get(scjg.id, code) as { id: number }
		).id;
	for (const [username, posts] of [
		['officer.sh', ['SH']],
		['officer.sp', ['SP']]
	] as const)
		await createUser(s.ctx(s.actorOf('admin')), {
			username,
			password: 'long-enough-1',
			displayName: username,
			departmentId: scjg.id,
			roles: ['officer'],
			postIds: posts.map(post)
		});
	const as = (username: string) => s.ctx(s.actorOf(username));
	const applicant = s.ctx({ id: null, name: 'applicant', roles: [] } as Actor);
	return { ...s, root, as, applicant, scjg };
}
