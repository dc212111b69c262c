import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import type { CaseState } from '../../src/lib/engine/types';
import { systemClock } from '../../src/lib/server/clock';
import { openDatabase } from '../../src/lib/server/db/connection';
import { ANONYMOUS_ACTOR } from '../../src/lib/server/services/context';
import { submitApplication } from '../../src/lib/server/services/runner-service';
import { postMultipart, signIn } from '../factories/http';

/**
 * On the running server: a handler's attachments, 特别程序 and 延期 from the workbench, and the
 * applicant's 补正 materials sent from the tracking page — each checked, stored and refused with a
 * message that names what is wrong.
 */
const base = inject('serverUrl');
const dbPath = inject('serverDb');
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text} ${Date.now()}\n%%EOF\n`);

function caseRow(caseNo: string) {
	const db = new Database(dbPath, { readonly: true });
	const row = db
		.prepare('SELECT version, status, state FROM cases WHERE case_no = ?')
		.get(caseNo) as {
		version: number;
		status: string;
		state: string;
	};
	db.close();
	return { ...row, state: JSON.parse(row.state) as CaseState };
}

describe('case files, special procedures and extensions', () => {
	it('runs 补正 from the workbench to the tracking page with files, and keeps the clock rules', async () => {
		const db = openDatabase(dbPath);
		const root = join(dirname(dbPath), 'generated');
		const ctx = { db, clock: systemClock, actor: ANONYMOUS_ACTOR, ip: null };
		const { caseNo, queryCode } = submitApplication(ctx, root, {
			code: '990001-ZFB-QT-0001',
			data: {
				applicantType: 'person',
				mobile: '13800138000',
				address: '示例县人民路 3 号',
				content: '2025 年示例县教育经费支出明细',
				delivery: 'email',
				proof: { ref: `sha256-${'a'.repeat(64)}`, name: 'p.pdf', size: 10, type: 'application/pdf' }
			},
			applicant: { name: '王五' }
		});
		db.close();
		const cookie = await signIn(base, 'zfb', 'demo-officer-2026');
		const act = (
			action: string,
			fields: Record<string, string>,
			files = [] as Parameters<typeof postMultipart>[4]
		) =>
			postMultipart(
				base,
				cookie,
				`/work/cases/${caseNo}?/${action}`,
				{
					version: String(caseRow(caseNo).version),
					...fields
				},
				files
			);

		expect((await act('accept', { opinion: '予以受理' })).status).toBe(200);
		const task = caseRow(caseNo).state.tasks.find((t) => t.status === 'open')!;
		expect((await act('claim', { task: task.id })).status).toBe(200);

		// A file that is not a PDF, image or OFD is refused by name; nothing changes.
		const before = caseRow(caseNo).version;
		const bad = await act('complete', { task: task.id, opinion: '需补正', outcome: '需要补正' }, [
			{
				field: 'attachments',
				name: '说明.txt',
				bytes: Buffer.from('plain text'),
				type: 'text/plain'
			}
		]);
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('附件“说明.txt”未能保存');
		expect(caseRow(caseNo).version).toBe(before);

		const done = await act(
			'complete',
			{
				task: task.id,
				opinion: '请补正',
				outcome: '需要补正',
				missingMaterials: '授权委托书\n身份证明'
			},
			[{ field: 'attachments', name: '补正告知书.pdf', bytes: pdf('notice') }]
		);
		expect(done.status).toBe(200);
		let row = caseRow(caseNo);
		expect(row.status).toBe('supplement');
		const handled = row.state.tasks.find((t) => t.id === task.id)!;
		expect(handled.attachments).toEqual([
			{ ref: expect.stringMatching(/^sha256-[0-9a-f]{64}$/), name: '补正告知书.pdf' }
		]);
		// Staff open the stored file; the public cannot.
		const file = await fetch(`${base}/work/files/${handled.attachments[0]!.ref}?name=x.pdf`, {
			headers: { cookie }
		});
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe('application/pdf');
		expect((await file.text()).startsWith('%PDF-')).toBe(true);
		expect(
			(await fetch(`${base}/work/files/${handled.attachments[0]!.ref}`, { redirect: 'manual' }))
				.status
		).not.toBe(200);

		// The applicant: the form offers one file per material; a missing one is named.
		const send = (files: Parameters<typeof postMultipart>[4]) =>
			postMultipart(base, '', '/track?/supplement', { caseNo, queryCode }, files);
		const missing = await send([{ field: 'file-0', name: '委托书.pdf', bytes: pdf('a') }]);
		expect(missing.status).toBe(400);
		expect(await missing.text()).toContain('请上传“身份证明”。');
		const wrongType = await send([
			{ field: 'file-0', name: '委托书.pdf', bytes: pdf('a') },
			{ field: 'file-1', name: '身份证.png', bytes: Buffer.from('not a png'), type: 'image/png' }
		]);
		expect(wrongType.status).toBe(400);
		expect(await wrongType.text()).toContain('“身份证明”的文件未能接收');
		expect(caseRow(caseNo).status).toBe('supplement');

		const ok = await send([
			{ field: 'file-0', name: '委托书.pdf', bytes: pdf('a') },
			{ field: 'file-1', name: '身份证.pdf', bytes: pdf('b') }
		]);
		expect(ok.status).toBe(200);
		expect(await ok.text()).toContain('补正材料已提交');
		row = caseRow(caseNo);
		expect(row.status).toBe('in_progress');
		expect(row.state.supplements.at(-1)).toMatchObject({
			receivedMaterials: ['授权委托书', '身份证明'],
			receivedFiles: [
				{ name: '委托书.pdf', material: '授权委托书' },
				{ name: '身份证.pdf', material: '身份证明' }
			]
		});
		expect(row.state.clock.pauses.at(-1)!.end).not.toBeNull();
		// Sent once: the case no longer waits.
		const again = await send([{ field: 'file-0', name: 'x.pdf', bytes: pdf('c') }]);
		expect(again.status).toBe(409);
		expect(await again.text()).toContain('该办件目前不需要补正材料');
		const page = await (
			await fetch(`${base}/work/cases/${caseNo}`, { headers: { cookie } })
		).text();
		expect(page).toContain('补正材料：身份证明');
		expect(page).toContain('身份证.pdf');

		// 特别程序: a missing reason is named; a complete one stops the clock until it ends.
		const noReason = await act('special_start', {
			kind: 'consultation',
			reason: '',
			basis: '条例第三十二条'
		});
		expect(noReason.status).toBe(400);
		expect(await noReason.text()).toContain('请填写或更正“理由”');
		expect(
			(
				await act('special_start', {
					kind: 'consultation',
					reason: '涉及第三方权益',
					basis: '条例第三十二条'
				})
			).status
		).toBe(200);
		expect(caseRow(caseNo).status).toBe('suspended');
		expect((await act('special_end', { result: '第三方不同意公开' })).status).toBe(200);
		row = caseRow(caseNo);
		expect(row.status).toBe('in_progress');
		expect(row.state.clock.pauses.at(-1)).toMatchObject({ kind: 'special' });

		// 延期: at most the statutory 20 working days in all, with who approved and why.
		const statutoryBefore = row.state.clock.statutoryDue;
		const tooLong = await act('extend', {
			days: '21',
			approvedBy: '县政府办主任',
			reason: '需要检索大量档案'
		});
		expect(tooLong.status).toBe(400);
		expect(await tooLong.text()).toContain('延期总天数不能超过法定办结时限');
		const notNumber = await act('extend', {
			days: 'abc',
			approvedBy: '县政府办主任',
			reason: '检索档案'
		});
		expect(await notNumber.text()).toContain('延长的工作日数');
		expect(
			(await act('extend', { days: '20', approvedBy: '县政府办主任', reason: '需要检索大量档案' }))
				.status
		).toBe(200);
		row = caseRow(caseNo);
		expect(row.state.clock.extensions).toMatchObject([{ days: 20, approvedBy: '县政府办主任' }]);
		expect(row.state.clock.statutoryDue! > statutoryBefore!).toBe(true);
	});
});
