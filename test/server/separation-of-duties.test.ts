import { describe, expect, it } from 'vitest';
import { emptyFlow } from '../../src/lib/domain/flow/types';
import { emptyForm } from '../../src/lib/domain/form/types';
import * as repo from '../../src/lib/server/repositories/catalogue-repository';
import {
	approve,
	approveItemVersion,
	createEntry,
	saveDraft,
	submit
} from '../../src/lib/server/services/catalogue-service';
import { saveDesign } from '../../src/lib/server/services/design-service';
import { createUser } from '../../src/lib/server/services/org-service';
import { validContent } from '../factories/catalogue';
import { seededDb, tempDir } from '../factories/db';
import { thrown } from '../factories/errors';

/**
 * Separation of duties (issue 16, item 2): a user holding both the editor and the legal role
 * cannot approve an entry or bundle they edited or submitted — the legal review is a review by
 * someone else (行政执法三项制度, 重大执法决定法制审核; 行政处罚法 第五十八条, LAW.md). The refusal
 * names the reason in Chinese, changes nothing and is audited.
 */
async function setup() {
	const s = await seededDb();
	const scjg = (
		s.db.prepare("SELECT id FROM departments WHERE code = 'SCJG'").get() as { id: number }
	).id;
	await createUser(s.ctx(s.actorOf('admin')), {
		username: 'both',
		password: 'long-enough-1',
		displayName: '市场监管局 填报兼审核',
		departmentId: scjg,
		roles: ['editor', 'legal'],
		postIds: []
	});
	const both = s.ctx(s.actorOf('both'));
	const editor = s.ctx(s.actorOf('editor'));
	const legal = s.ctx(s.actorOf('legal'));
	const refusals = (code: string) =>
		s.db
			.prepare(
				"SELECT actor_name, payload FROM audit_log WHERE action = 'catalogue.approve_refused' AND object_id = ?"
			)
			.all(code) as { actor_name: string; payload: string }[];
	return { ...s, both, editor, legal, refusals };
}

describe('separation of duties in the legal review', () => {
	it('refuses the approval of a submission the user drew up and submitted, and audits it', async () => {
		const { both, legal, db, refusals } = await setup();
		const { entryId, code } = createEntry(both, validContent());
		submit(both, entryId);
		const refused = thrown(() => approve(both, entryId));
		expect(refused.code).toBe('SEPARATION_OF_DUTIES');
		expect(repo.getOpenVersion(db, entryId)!.status).toBe('submitted');
		expect(refusals(code)).toHaveLength(1);
		expect(refusals(code)[0]!.actor_name).toBe('both');
		expect(JSON.parse(refusals(code)[0]!.payload)).toMatchObject({
			reason: 'SEPARATION_OF_DUTIES',
			parts: ['edited', 'submitted']
		});
		// Another reviewer approves it.
		approve(legal, entryId);
		expect(repo.getEntry(db, entryId)!.published_version).toBe(1);
	});

	it('refuses one who only edited the draft another submitted, and one who designed its flowchart', async () => {
		const { both, editor, refusals } = await setup();
		const a = createEntry(editor, validContent());
		saveDraft(both, a.entryId, validContent({ name: '食品经营许可（兼职人员修改）' }));
		saveDraft(editor, a.entryId, validContent());
		submit(editor, a.entryId);
		expect(thrown(() => approve(both, a.entryId)).code).toBe('SEPARATION_OF_DUTIES');
		expect(JSON.parse(refusals(a.code)[0]!.payload).parts).toEqual(['edited']);

		const b = createEntry(editor, validContent({ name: '食品生产许可' }));
		saveDesign(both, b.entryId, 'flow', 0, emptyFlow(b.code, '食品生产许可流程'));
		submit(editor, b.entryId);
		await expect(approveItemVersion(both, b.entryId, tempDir())).rejects.toMatchObject({
			code: 'SEPARATION_OF_DUTIES'
		});
		expect(JSON.parse(refusals(b.code)[0]!.payload).parts).toEqual(['designed']);
	});

	it('lets the same user approve what others drew up, even after editing a later form revision', async () => {
		const { both, editor, db, refusals } = await setup();
		const { entryId, code } = createEntry(editor, validContent());
		saveDesign(editor, entryId, 'form', 0, emptyForm(code, '食品经营许可申请书'));
		submit(editor, entryId);
		expect(repo.getOpenVersion(db, entryId)!.form_revision).toBe(1);
		// Saved after the submission: not part of the bundle under review (revision 1 is pinned).
		saveDesign(both, entryId, 'form', 1, emptyForm(code, '食品经营许可申请书（修订）'));
		approve(both, entryId);
		expect(repo.getEntry(db, entryId)!.published_version).toBe(1);
		expect(refusals(code)).toHaveLength(0);
	});

	it('says why in Chinese', async () => {
		const { translate } = await import('../../src/lib/i18n');
		expect(translate('zh', 'error.SEPARATION_OF_DUTIES')).toContain('不能由您本人审核批准');
	});
});
