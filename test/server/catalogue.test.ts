import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/lib/domain/search-text';
import * as repo from '../../src/lib/server/repositories/catalogue-repository';
import { readCatalogueSources } from '../../src/lib/server/catalogue/sources';
import {
	approve,
	ContentInvalidError,
	createEntry,
	duplicateEntry,
	loadPublishedSources,
	recordBasisChange,
	requestRetirement,
	returnForChanges,
	saveDraft,
	startRevision,
	submit,
	withdraw
} from '../../src/lib/server/services/catalogue-service';
import { createUser } from '../../src/lib/server/services/org-service';
import { seededDb } from '../factories/db';
import { thrown } from '../factories/errors';
import { validContent } from '../factories/catalogue';

async function setup() {
	const s = await seededDb();
	const editor = s.ctx(s.actorOf('editor'));
	const legal = s.ctx(s.actorOf('legal'));
	const search = (q: string) => {
		const p = parseQuery(q);
		return repo
			.searchPublished(s.db, { match: p.match, limit: 50, offset: 0 })
			.rows.map((r) => r.code);
	};
	const actions = (code: string) =>
		(
			s.db
				.prepare(
					"SELECT action FROM audit_log WHERE object_type = 'catalogue_entry' AND object_id = ? ORDER BY seq"
				)
				.all(code) as { action: string }[]
		).map((r) => r.action);
	return { ...s, editor, legal, search, actions };
}

describe('the review cycle', () => {
	it('runs create → invalid submit → fix → submit → return with comments → resubmit → approve → published and searchable', async () => {
		const { editor, legal, db, search, actions } = await setup();
		const { entryId, code } = createEntry(editor, { ...validContent(), phone: '' });
		expect(code).toBe('990001-SCJG-XK-0001');

		const refused = thrown(() => submit(editor, entryId));
		expect(refused).toBeInstanceOf(ContentInvalidError);
		expect((refused as ContentInvalidError).issues).toEqual([{ field: 'phone', code: 'REQUIRED' }]);
		expect(repo.getOpenVersion(db, entryId)?.status).toBe('draft');

		saveDraft(
			editor,
			entryId,
			validContent({
				bases: [
					{
						law: '《中华人民共和国食品安全法》',
						article: '第三十五条',
						excerpt: '国家对食品生产经营实行许可制度。'
					}
				]
			})
		);
		const { reviewDue } = submit(editor, entryId);
		// Submitted Monday 2026-03-02: ten working days later is Monday 2026-03-16.
		expect(reviewDue).toBe('2026-03-16');
		expect(repo.listReviewQueue(db).map((r) => r.code)).toEqual([code]);

		returnForChanges(legal, entryId, [
			{ field: 'promisedDays', body: '承诺时限请压缩到 8 个工作日' }
		]);
		const v = repo.getOpenVersion(db, entryId)!;
		expect(v.status).toBe('returned');
		expect(repo.listComments(db, v.id)).toMatchObject([
			{
				field: 'promisedDays',
				round: 1,
				body: '承诺时限请压缩到 8 个工作日',
				author: '法制办 王审核'
			}
		]);
		expect(search('食品')).not.toContain(code); // nothing public yet

		saveDraft(editor, entryId, validContent({ promisedDays: 8 }));
		submit(editor, entryId);
		approve(legal, entryId);

		const entry = repo.getEntry(db, entryId)!;
		expect(entry.published_version).toBe(1);
		expect(repo.getVersion(db, entryId, 1)!.status).toBe('published');
		expect(search('食品安全法')).toContain(code);
		expect(search('营业执照')).toContain(code);
		expect(actions(code)).toEqual([
			'catalogue.create',
			'catalogue.edit',
			'catalogue.submit',
			'catalogue.return',
			'catalogue.edit',
			'catalogue.submit',
			'catalogue.approve',
			'catalogue.publish'
		]);
	});

	it('keeps the published version public and unchanged while a revision is edited, then supersedes it', async () => {
		const { editor, legal, db, search } = await setup();
		const { entryId, code } = createEntry(editor, validContent());
		submit(editor, entryId);
		approve(legal, entryId);

		expect(startRevision(editor, entryId)).toBe(2);
		saveDraft(editor, entryId, validContent({ name: '食品经营许可（含仅销售预包装食品备案）' }));
		expect(repo.getPublishedByCode(db, code)!.version).toBe(1);
		expect(JSON.parse(repo.getPublishedByCode(db, code)!.content).name).toBe('食品经营许可');
		expect(search('预包装')).toEqual([]);

		// The published row itself cannot be changed, even by SQL.
		expect(() =>
			db
				.prepare("UPDATE catalogue_versions SET content = '{}' WHERE entry_id = ? AND version = 1")
				.run(entryId)
		).toThrow(/CATALOGUE_VERSION_FROZEN/);
		expect(thrown(() => startRevision(editor, entryId)).code).toBe('VERSION_ALREADY_OPEN');

		submit(editor, entryId);
		approve(legal, entryId);
		expect(repo.getVersion(db, entryId, 1)!.status).toBe('superseded');
		expect(repo.getPublishedByCode(db, code)!.version).toBe(2);
		expect(search('预包装')).toEqual([code]);
	});

	it('refuses illegal steps with a stable code', async () => {
		const { editor, legal, db } = await setup();
		const { entryId } = createEntry(editor, validContent());
		expect(thrown(() => approve(legal, entryId)).code).toBe('REVIEW_TRANSITION_ILLEGAL');
		expect(thrown(() => withdraw(editor, entryId)).code).toBe('REVIEW_TRANSITION_ILLEGAL');
		expect(
			thrown(() => returnForChanges(legal, entryId, [{ field: 'name', body: 'x' }])).code
		).toBe('REVIEW_TRANSITION_ILLEGAL');
		submit(editor, entryId);
		expect(thrown(() => saveDraft(editor, entryId, validContent())).code).toBe(
			'REVIEW_TRANSITION_ILLEGAL'
		);
		expect(
			thrown(() => returnForChanges(legal, entryId, [{ field: 'name', body: '  ' }])).code
		).toBe('RETURN_COMMENT_REQUIRED');
		expect(thrown(() => approve(editor, entryId)).code).toBe('NOT_A_REVIEWER');
		expect(thrown(() => submit(legal, entryId)).code).toBe('NOT_AN_EDITOR');
		withdraw(editor, entryId);
		expect(repo.getOpenVersion(db, entryId)!.status).toBe('draft');
		expect(
			thrown(() => saveDraft(editor, entryId, validContent({ category: 'penalty' }))).code
		).toBe('CATEGORY_LOCKED');
	});

	it('lets an editor touch only their own department’s entries', async () => {
		const { editor, ctx, actorOf, db } = await setup();
		const { entryId } = createEntry(editor, validContent());
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
		const other = ctx(actorOf('zr.editor'));
		expect(thrown(() => saveDraft(other, entryId, validContent())).code).toBe(
			'ENTRY_OTHER_DEPARTMENT'
		);
		expect(thrown(() => submit(other, entryId)).code).toBe('ENTRY_OTHER_DEPARTMENT');
		expect(createEntry(other, validContent({ name: '建设用地规划许可证核发' })).code).toBe(
			'990001-ZRZY-XK-0001'
		);
	});

	it('retires an entry through the same review, removing it from the public catalogue', async () => {
		const { editor, legal, db, search, actions } = await setup();
		const { entryId, code } = createEntry(editor, validContent());
		submit(editor, entryId);
		approve(legal, entryId);
		expect(thrown(() => requestRetirement(editor, entryId, ' ')).field).toBe('reason');
		requestRetirement(editor, entryId, '上位法废止，职权取消');
		expect(repo.listReviewQueue(db).map((r) => r.open_kind)).toEqual(['retire']);
		approve(legal, entryId);
		expect(repo.getEntry(db, entryId)!.retired_at).not.toBeNull();
		expect(repo.getPublishedByCode(db, code)).toBeUndefined();
		expect(search('食品')).toEqual([]);
		expect(actions(code).slice(-3)).toEqual([
			'catalogue.retire.request',
			'catalogue.approve',
			'catalogue.retire'
		]);
	});

	it('duplicates into a new code and records basis changes with a 20-working-day deadline', async () => {
		const { editor, legal, db, clock } = await setup();
		const { entryId } = createEntry(editor, validContent());
		submit(editor, entryId);
		approve(legal, entryId);
		const copy = duplicateEntry(editor, entryId);
		expect(copy.code).toBe('990001-SCJG-XK-0002');
		expect(JSON.parse(repo.getOpenVersion(db, copy.entryId)!.content).name).toBe(
			'食品经营许可（副本）'
		);

		clock.set('2026-09-25T10:00:00+08:00');
		// Changed on Friday 2026-09-25: National Day (10-01..10-08) and the make-up workdays count.
		const due = recordBasisChange(editor, entryId, {
			on: '2026-09-25',
			cause: '《食品安全法》修正'
		});
		expect(due.missingYears).toEqual([]);
		expect(repo.getEntry(db, entryId)!.redeclare_due).toBe(due.date);
		expect(due.date > '2026-10-23').toBe(true); // later than 20 plain weekdays would give
		expect(
			thrown(() => recordBasisChange(editor, entryId, { on: '2026-13-01', cause: 'x' })).code
		).toBe('DATE_INVALID');
		expect(
			thrown(() => recordBasisChange(editor, entryId, { on: '2026-12-01', cause: 'x' })).code
		).toBe('DATE_IN_FUTURE');
	});

	it('says when a deadline falls in a year without holiday data', async () => {
		const { editor, clock } = await setup();
		clock.set('2026-12-24T10:00:00+08:00');
		const { entryId } = createEntry(editor, validContent());
		const lines: string[] = [];
		const original = console.warn;
		console.warn = (line: string) => lines.push(line);
		try {
			const r = submit(editor, entryId);
			expect(r.missingYears).toEqual([2027]);
		} finally {
			console.warn = original;
		}
		expect(lines.join('\n')).toContain('2027 年没有节假日安排');
	});
});

describe('the demo catalogue', () => {
	it('loads every source file as a published, searchable entry, once', async () => {
		const { ctx, db, search } = await setup();
		const files = readCatalogueSources();
		expect(files.length).toBeGreaterThanOrEqual(30);
		expect(loadPublishedSources(ctx(), files)).toBe(files.length);
		expect(loadPublishedSources(ctx(), files)).toBe(0);
		const counts = repo.publishedCounts(db);
		expect(counts.categories.length).toBe(9);
		expect(search('政府信息公开').length).toBeGreaterThan(0);
		expect(search('许可').length).toBeGreaterThan(3);
	});
});
