import { describe, expect, it } from 'vitest';
import { emptyFlow, newEdge, newNode, type FlowDocument } from '../../src/lib/domain/flow/types';
import { emptyForm } from '../../src/lib/domain/form/types';
import { readCatalogueSources, readDesignSources } from '../../src/lib/server/catalogue/sources';
import {
	approveItemVersion,
	createEntry,
	loadPublishedSources,
	submit
} from '../../src/lib/server/services/catalogue-service';
import { createUser } from '../../src/lib/server/services/org-service';
import {
	DesignStaleError,
	loadDesign,
	loadDesignSources,
	publishedDesign,
	saveDesign
} from '../../src/lib/server/services/design-service';
import { validContent } from '../factories/catalogue';
import { seededDb, tempDir } from '../factories/db';
import { thrown } from '../factories/errors';

async function setup() {
	const s = await seededDb();
	const editor = s.ctx(s.actorOf('editor'));
	const legal = s.ctx(s.actorOf('legal'));
	const { entryId, code } = createEntry(editor, validContent());
	const flow = (name = '食品经营许可流程'): FlowDocument => {
		const f = emptyFlow(code, name);
		f.semantics.nodes.push(newNode('n1', 'start', '受理'));
		return f;
	};
	return { ...s, editor, legal, entryId, code, flow };
}

describe('saving designs', () => {
	it('numbers revisions, refuses a save based on a stale revision and overwrites nothing', async () => {
		const { editor, legal, entryId, flow, db } = await setup();
		expect(saveDesign(editor, entryId, 'flow', 0, flow()).revision).toBe(1);
		// A second tab still based on revision 0 tries to save: refused, naming who saved.
		const stale = thrown(() => saveDesign(legal, entryId, 'flow', 0, flow('另一个标签页的修改')));
		expect(stale).toBeInstanceOf(DesignStaleError);
		expect(stale.code).toBe('DESIGN_STALE');
		expect(stale.params).toMatchObject({ current: 1, savedBy: '市场监管局 李填报' });
		expect(loadDesign<FlowDocument>(editor, entryId, 'flow').document?.name).toBe(
			'食品经营许可流程'
		);
		// Based on the latest revision it goes through.
		expect(saveDesign(legal, entryId, 'flow', 1, flow('法制办修改后')).revision).toBe(2);
		const audited = db
			.prepare(
				"SELECT actor_name, payload FROM audit_log WHERE action = 'design.flow.save' ORDER BY seq"
			)
			.all() as { actor_name: string; payload: string }[];
		expect(audited.map((a) => [a.actor_name, JSON.parse(a.payload).revision])).toEqual([
			['editor', 1],
			['legal', 2]
		]);
	});

	it('does not make a new revision for an identical document', async () => {
		const { editor, entryId, flow } = await setup();
		saveDesign(editor, entryId, 'flow', 0, flow());
		expect(saveDesign(editor, entryId, 'flow', 1, flow()).revision).toBe(1);
	});

	it('checks the format and the item, and who may design', async () => {
		const { editor, entryId, flow, ctx, actorOf, db } = await setup();
		expect(thrown(() => saveDesign(editor, entryId, 'flow', 0, { format: 'other' })).code).toBe(
			'DESIGN_FORMAT_INVALID'
		);
		expect(thrown(() => saveDesign(editor, entryId, 'form', 0, flow())).code).toBe(
			'DESIGN_FORMAT_INVALID'
		);
		expect(
			thrown(() => saveDesign(editor, entryId, 'flow', 0, { ...flow(), item: '990001-X-XK-0001' }))
				.code
		).toBe('DESIGN_ITEM_MISMATCH');
		expect(thrown(() => saveDesign(ctx(actorOf('officer')), entryId, 'flow', 0, flow())).code).toBe(
			'NOT_A_DESIGNER'
		);
		const zrzy = (
			db.prepare("SELECT id FROM departments WHERE code = 'ZRZY'").get() as { id: number }
		).id;
		await createUser(ctx(actorOf('admin')), {
			username: 'zr.editor',
			password: 'long-enough-1',
			displayName: '自然资源局 填报',
			departmentId: zrzy,
			roles: ['editor'],
			postIds: []
		});
		expect(
			thrown(() => saveDesign(ctx(actorOf('zr.editor')), entryId, 'flow', 0, flow())).code
		).toBe('ENTRY_OTHER_DEPARTMENT');
	});

	it('pins the revisions an entry is submitted with; later saves do not change what the public sees', async () => {
		const { editor, legal, entryId, code, flow, db } = await setup();
		const valid = flow('公布时的流程');
		valid.semantics.nodes = [
			{ ...newNode('n1', 'start', '受理'), department: 'SCJG', post: 'SL' },
			{ ...newNode('n2', 'task', '审核'), department: 'SCJG', post: 'SH', timeLimitDays: 2 },
			newNode('n3', 'end', '办结')
		];
		valid.semantics.edges = [newEdge('e1', 'n1', 'n2'), newEdge('e2', 'n2', 'n3')];
		saveDesign(editor, entryId, 'flow', 0, valid);
		saveDesign(editor, entryId, 'form', 0, emptyForm(code, '食品经营许可申请书'));
		expect(publishedDesign(legal, code, 'flow')).toBeNull();
		submit(editor, entryId);
		await approveItemVersion(legal, entryId, tempDir());
		saveDesign(editor, entryId, 'flow', 1, flow('公布后继续修改'));
		expect(publishedDesign<FlowDocument>(legal, code, 'flow')).toMatchObject({
			revision: 1,
			document: { name: '公布时的流程' }
		});
		expect(publishedDesign(legal, code, 'form')).toMatchObject({ revision: 1 });
		expect(() =>
			db.prepare("UPDATE design_revisions SET document = '{}' WHERE revision = 1").run()
		).toThrow(/DESIGN_REVISION_FROZEN/);
	});
});

describe('the demo designs', () => {
	it('load as the first revision of three items, pinned to their published versions, once', async () => {
		const { ctx, db } = await seededDb();
		loadPublishedSources(ctx(), readCatalogueSources());
		const files = readDesignSources();
		expect(files.map((f) => f.name)).toEqual([
			'990001-SCJG-CF-0001.flow.json',
			'990001-SCJG-CF-0001.form.json',
			'990001-ZFB-QT-0001.flow.json',
			'990001-ZFB-QT-0001.form.json',
			'990001-ZRZY-XK-0002.flow.json',
			'990001-ZRZY-XK-0002.form.json'
		]);
		expect(loadDesignSources(ctx(), files)).toBe(6);
		expect(loadDesignSources(ctx(), files)).toBe(0);
		const gk = publishedDesign<FlowDocument>({ db }, '990001-ZFB-QT-0001', 'flow');
		expect(gk?.document.semantics.nodes.some((n) => n.kind === 'supplement')).toBe(true);
		const xk = publishedDesign<FlowDocument>({ db }, '990001-ZRZY-XK-0002', 'flow');
		const departments = new Set(
			xk?.document.semantics.nodes.filter((n) => n.kind === 'task').map((n) => n.department)
		);
		expect(departments.has('ZRZY') && departments.has('XZSP')).toBe(true);
		expect(xk?.document.semantics.nodes.some((n) => n.control?.kind === 'legal_review')).toBe(true);
	});
});
