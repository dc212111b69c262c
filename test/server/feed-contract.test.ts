import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, signIn } from '../factories/http';
import { componentValidator, spec, type Json } from '../factories/openapi';
import { startServer, type ServerProcess } from './server-process';

/**
 * 实时报送 records against docs/openapi.yaml, strictly: every event of a demo county's feed — its
 * demo cases accepted, stepped, overdue (a warning), closed, evaluated, an offline case with an
 * exception, a complaint, plus a notice issued and the complaint answered here — must
 * match exactly one FeedEvent branch, the one its `kind` selects, whose record schema admits no
 * undocumented element. The 电子监察 warning values are GB/T 39046's as docs/feed.md gives them:
 * 监察预警类型 黄牌 / 红牌, 监察规则编号 YJ-01 承诺时限 / YJ-02 法定时限 / YJ-03 环节时限.
 */

let server: ServerProcess;
let dir: string;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'sunlit-feed-contract-'));
	// The demo cases on (the shared test server has them off): they make every case dataset.
	server = await startServer({ dbPath: join(dir, 'sunlit.db'), env: { SUNLIT_DEMO_CASES: '1' } });
}, 60_000);

afterAll(async () => {
	await server?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Line {
	seq: number;
	kind: string;
	dataset: string;
	record: Record<string, unknown>;
}

async function readFeed(base: string, cookie: string): Promise<Line[]> {
	const res = await fetch(`${base}/api/v1/feed?after=0&limit=1000`, { headers: { cookie } });
	expect(res.status).toBe(200);
	return (await res.text())
		.split('\n')
		.filter((l) => l !== '')
		.map((l) => JSON.parse(l) as Line);
}

describe('feed records against the spec, one schema per kind', () => {
	it('every event of every kind matches exactly the FeedEvent branch its kind selects', async () => {
		const base = server.url;
		const supervisor = await signIn(base, 'supervisor', 'demo-supervisor-2026');
		const mapping: Record<string, string> = spec.components.schemas.FeedEvent.discriminator.mapping;
		const branches = Object.entries(mapping).map(([kind, ref]) => ({
			kind,
			name: ref.split('/').at(-1)!,
			validate: componentValidator(ref.split('/').at(-1)!)
		}));
		// Every kind the spec's FeedEvent enumerates has a branch, and every branch is one kind.
		expect(
			(spec.components.schemas.FeedEvent.oneOf as Json[]).map((b) => b.$ref.split('/').at(-1))
		).toEqual(branches.map((b) => b.name));

		// Two kinds the demo does not make, made as a supervisor makes them: a 督办 notice about the
		// demo's exception, and the answer to the demo's complaint.
		// The demo's warnings come from the supervision sweep; wait for it rather than race it.
		let before = await readFeed(base, supervisor);
		for (let i = 0; i < 50 && !before.some((l) => l.kind === 'warning_raised'); i++) {
			await new Promise((r) => setTimeout(r, 200));
			before = await readFeed(base, supervisor);
		}
		const exception = before.find((l) => l.kind === 'exception_raised')!;
		const issued = await postForm(base, supervisor, '/supervision/notices/new', {
			department: 'SCJG',
			case: String(exception.record.办件编号),
			subject: '线下办件要素缺失',
			content: '请补录受理文书编号并说明原因。',
			replyDue: '2099-12-31'
		});
		expect(issued.status, (await issued.text()).slice(0, 300)).toBe(303);
		const complaint = before.find((l) => l.kind === 'complaint')!;
		const replied = await postForm(
			base,
			supervisor,
			`/supervision/complaints/${String(complaint.record.投诉编号)}?/reply`,
			{ reply: '已责成县人民政府办公室在三个工作日内答复，并说明超期原因。' }
		);
		expect(replied.status).toBe(200);

		const lines = await readFeed(base, supervisor);
		const feedEvent = componentValidator('FeedEvent');
		for (const line of lines) {
			const matching = branches.filter((b) => b.validate(line)).map((b) => b.kind);
			const own = branches.find((b) => b.kind === line.kind);
			expect(own, `kind ${line.kind} has a schema`).toBeDefined();
			own!.validate(line);
			expect(
				own!.validate.errors ?? [],
				`seq ${line.seq} (${line.kind}): ${JSON.stringify(line.record)}`
			).toEqual([]);
			expect(matching, `seq ${line.seq} matches one branch only`).toEqual([line.kind]);
			expect(feedEvent(line), `seq ${line.seq} against FeedEvent (oneOf)`).toBe(true);
		}
		const kinds = new Set(lines.map((l) => l.kind));
		for (const k of [
			'case_received',
			'step_completed',
			'case_closed',
			'warning_raised',
			'exception_raised',
			'evaluation',
			'complaint',
			'notice_issued',
			'complaint_replied'
		])
			expect(kinds, k).toContain(k);

		// The demo's overdue step is a red card of the step-limit rule.
		const warnings = lines.filter((l) => l.kind === 'warning_raised').map((l) => l.record);
		expect(warnings).toContainEqual(
			expect.objectContaining({ 监察预警类型: '红牌', 监察规则编号: 'YJ-03' })
		);
		for (const w of warnings) {
			expect(['黄牌', '红牌']).toContain(w.监察预警类型);
			expect(['YJ-01', 'YJ-02', 'YJ-03']).toContain(w.监察规则编号);
		}
	});

	it('a record with an undocumented element, or under another kind, is refused', () => {
		const step = {
			seq: 1,
			kind: 'step_completed',
			dataset: '事项办理',
			at: '2026-03-03T02:00:00.000Z',
			caseNo: '990001202603020007',
			departmentCode: 'SCJG',
			record: {
				办件编号: '990001202603020007',
				事项编码: '990001-SCJG-XK-0001',
				环节名称: '材料审查',
				业务动作: '通过',
				环节处理人: '李审查',
				环节开始时间: '2026-03-02T01:30:00.000Z',
				环节结束时间: '2026-03-03T02:00:00.000Z',
				环节办理状态: '已办'
			}
		};
		const feedEvent = componentValidator('FeedEvent');
		expect(feedEvent(step)).toBe(true);
		expect(feedEvent({ ...step, record: { ...step.record, 经办人证件号码: 'x' } })).toBe(false);
		expect(feedEvent({ ...step, kind: 'case_closed' })).toBe(false);
		expect(feedEvent({ ...step, dataset: '事项办结' })).toBe(false);
	});
});
