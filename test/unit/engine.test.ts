import { describe, expect, it } from 'vitest';
import type { RuntimeDefinition } from '../../src/lib/compiler/types';
import { availableOutcomes, startCase, step } from '../../src/lib/engine';
import {
	applicant,
	calendar,
	CaseDriver,
	deepFreeze,
	demo,
	fastCalendar,
	golden,
	makeCtx,
	user
} from './engine-helpers';
import { addDays } from '../../src/lib/domain/working-days';

// Users of the demo organisation's posts (department/post codes).
const sl = user('sl', 'SCJG/SL');
const sh = user('sh', 'SCJG/SH');
const sh2 = user('sh2', 'SCJG/SH');
const sp = user('sp', 'SCJG/SP');
const shsp = user('shsp', 'SCJG/SH', 'SCJG/SP');
const stranger = user('x', 'GA/XX');

const clone = (d: RuntimeDefinition): RuntimeDefinition => structuredClone(d);

describe('engine: a linear flow (golden 01)', () => {
	const def = golden('01-linear');

	it('opens a case awaiting 受理 with a received notice and a 办事申请 note', () => {
		const { state, effects, audit } = startCase(
			def,
			{ data: { name: '张三', skip: undefined }, contentHash: 'h', channel: 'window' },
			makeCtx('2026-09-14', { n: 0 })
		);
		expect(state.status).toBe('submitted');
		expect(state.tokens.map((t) => t.node)).toEqual(['n1']);
		expect(state.data).toStrictEqual({ name: '张三' });
		expect(state.item).toEqual({ code: def.item.code, version: 1, contentHash: 'h' });
		expect(effects).toEqual([
			expect.objectContaining({ notification: 'received', key: `${state.id}:0:received` })
		]);
		expect(audit.map((a) => [a.action, a.dataset])).toEqual([['case.submitted', '办事申请']]);
		expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
	});

	it('runs 受理 → 审核 → 审批 → 办结 with due dates in working days', () => {
		const c = new CaseDriver(def, '2026-09-14');
		const accepted = c.do({ type: 'accept', actor: sl, opinion: '材料齐全' });
		// 2026-09-20 is a Sunday worked (调休); 2026-09-25 is the Mid-Autumn holiday.
		expect(c.state.clock).toMatchObject({
			acceptedOn: '2026-09-14',
			promisedDue: '2026-09-20',
			statutoryDue: '2026-09-28'
		});
		expect(accepted.effects.map((e) => e.notification)).toEqual(['accepted']);
		expect(accepted.audit[0]).toMatchObject({ action: 'case.accepted', dataset: '事项受理' });
		expect(c.state.status).toBe('in_progress');
		const n2 = c.state.tasks[0]!;
		expect(n2).toMatchObject({
			node: 'n2',
			status: 'open',
			post: { department: 'SCJG', post: 'SH' },
			due: '2026-09-16',
			route: ['n1', 'n2']
		});

		c.refused({ type: 'claim', actor: sp, task: n2.id }, 'WRONG_POST');
		c.refused({ type: 'complete', actor: sh, task: n2.id }, 'TASK_NOT_CLAIMED');
		c.do({ type: 'claim', actor: sh, task: n2.id });
		c.refused({ type: 'claim', actor: sh2, task: n2.id }, 'TASK_ALREADY_CLAIMED');
		c.refused({ type: 'complete', actor: sh2, task: n2.id }, 'TASK_NOT_CLAIMED');
		c.refused({ type: 'release', actor: sh2, task: n2.id }, 'TASK_NOT_CLAIMED');
		c.refused({ type: 'complete', actor: sh, task: n2.id, outcome: '同意' }, 'OUTCOME_UNKNOWN');
		c.today = '2026-09-15';
		c.do({ type: 'complete', actor: sh, task: n2.id, opinion: '同意' });
		c.refused({ type: 'complete', actor: sh, task: n2.id }, 'TASK_DONE');
		expect(c.waiting()).toEqual(['n3']);

		const closing = c.handle('n3', sp, { opinion: '准予' });
		expect(c.state.status).toBe('closed');
		expect(c.state.closure).toMatchObject({ outcome: 'approve', node: 'n4', on: '2026-09-15' });
		expect(c.state.tokens).toEqual([]);
		expect(closing.effects.map((e) => e.notification)).toEqual(['closed']);
		expect(closing.audit.map((a) => a.action)).toEqual(['task.completed', 'case.closed']);
		expect(closing.audit[1]!.dataset).toBe('事项办结');
		expect(c.state.timeline.map((t) => [t.step, t.action])).toEqual([
			['申请', '其他'],
			[def.nodes.n1!.name, '通过'],
			[def.nodes.n2!.name, '通过'],
			[def.nodes.n3!.name, '通过'],
			[def.nodes.n4!.name, '其他']
		]);
		expect(c.state.seq).toBe(5);
	});

	it('requires a second person for a step under a two-person control', () => {
		const c = new CaseDriver(def);
		c.do({ type: 'accept', actor: sl });
		c.handle('n2', shsp);
		const n3 = c.task('n3');
		expect(c.state.tasks.find((t) => t.id === n3)).toMatchObject({
			secondPerson: true,
			previousHandlers: ['shsp']
		});
		c.refused({ type: 'claim', actor: shsp, task: n3 }, 'SECOND_PERSON_REQUIRED');
		c.handle('n3', sp);
		expect(c.state.status).toBe('closed');
	});

	it('refuses events in the wrong state, on a closed case, from the wrong actor', () => {
		const c = new CaseDriver(def);
		c.refused({ type: 'claim', actor: sh, task: 'task-99' }, 'TASK_NOT_FOUND');
		c.refused(
			{ type: 'special_start', actor: sh, kind: 'hearing', reason: 'r', basis: 'b' },
			'EVENT_WRONG_STATE'
		);
		c.refused({ type: 'accept', actor: sh }, 'WRONG_POST');
		c.refused({ type: 'accept', actor: applicant }, 'ACTOR_NOT_ALLOWED');
		c.refused(
			{ type: 'supplement_received', actor: applicant, materials: ['x'] },
			'CLOCK_NOT_PAUSED'
		);
		c.refused({ type: 'special_end', actor: sh, result: 'x' }, 'CLOCK_NOT_PAUSED');
		c.do({ type: 'accept', actor: sl });
		c.refused({ type: 'accept', actor: sl }, 'EVENT_WRONG_STATE');
		c.refused({ type: 'refuse', actor: sl, reason: '迟了' }, 'EVENT_WRONG_STATE');
		c.refused({ type: 'withdraw', actor: sl }, 'ACTOR_NOT_ALLOWED');
		c.refused(
			{ type: 'extend', actor: stranger, days: 1, approvedBy: '局长', reason: 'r' },
			'WRONG_POST'
		);
		c.refused({ type: 'bogus' } as never, 'EVENT_UNKNOWN');
		c.handle('n2', sh);
		c.handle('n3', sp);
		for (const event of [
			{ type: 'accept', actor: sl },
			{ type: 'withdraw', actor: applicant },
			{ type: 'extend', actor: sp, days: 1, approvedBy: '局长', reason: 'r' }
		] as const) {
			c.refused(event, 'CASE_CLOSED');
		}
	});

	it('leaves a refused event’s input state deep-equal and unmutated', () => {
		const counter = { n: 0 };
		const started = startCase(
			def,
			{ data: {}, contentHash: 'h', channel: 'online' },
			makeCtx('2026-09-14', counter)
		);
		const accepted = step(
			def,
			started.state,
			{ type: 'accept', actor: sl },
			makeCtx('2026-09-14', counter)
		);
		if (!accepted.ok) throw new Error('accept refused');
		const frozen = deepFreeze(accepted.state);
		const copy = structuredClone(frozen);
		const task = frozen.tasks[0]!.id;
		// Refused deep inside the step (after the copy is changed): claim by a wrong post, complete
		// unclaimed, time running backwards.
		for (const [event, today] of [
			[{ type: 'claim', actor: sp, task }, '2026-09-14'],
			[{ type: 'complete', actor: sh, task }, '2026-09-14'],
			[{ type: 'claim', actor: sh, task }, '2026-09-13']
		] as const) {
			const result = step(def, frozen, event, makeCtx(today, counter));
			expect(result.ok).toBe(false);
			expect(frozen).toStrictEqual(copy);
		}
		const other = golden('02-decision-outcome');
		other.item.code = 'OTHER';
		expect(
			step(other, frozen, { type: 'claim', actor: sh, task }, makeCtx('2026-09-14', counter))
		).toEqual({
			ok: false,
			error: expect.objectContaining({ code: 'DEFINITION_MISMATCH' })
		});
		expect(
			step(def, frozen, { type: 'claim', actor: sh, task }, makeCtx('2026-09-13', counter))
		).toMatchObject({ ok: false, error: { code: 'TIME_WENT_BACKWARDS' } });
	});

	it('accepts by any user when the start names no post', () => {
		const d = clone(def);
		const start = d.nodes.n1!;
		if (start.kind !== 'start') throw new Error('n1 is the start');
		start.post = null;
		start.department = null;
		const c = new CaseDriver(d);
		c.refused({ type: 'accept', actor: applicant }, 'ACTOR_NOT_ALLOWED');
		c.do({ type: 'accept', actor: stranger });
		expect(c.waiting()).toEqual(['n2']);
	});

	it('gives an immediate case (即办件) its acceptance day as promised due date', () => {
		const d = clone(def);
		d.clock.caseType = 'immediate';
		d.clock.promisedDays = 0;
		const c = new CaseDriver(d, '2026-09-30');
		c.do({ type: 'accept', actor: sl });
		expect(c.state.caseType).toBe('immediate');
		expect(c.state.clock.promisedDue).toBe('2026-09-30');
		expect(c.state.clock.statutoryDue).toBe(c.ctx().calendar.addWorkingDays('2026-09-30', 10));
	});
});

describe('engine: refusal and withdrawal', () => {
	const def = golden('01-linear');

	it('不予受理 closes the case as refused with the reason', () => {
		const c = new CaseDriver(def);
		c.refused({ type: 'refuse', actor: sl, reason: '  ' }, 'EVENT_INVALID');
		c.refused({ type: 'refuse', actor: sh, reason: '不属于本机关职权' }, 'WRONG_POST');
		const r = c.do({ type: 'refuse', actor: sl, reason: '不属于本机关职权' });
		expect(c.state.status).toBe('refused');
		expect(c.state.closure).toMatchObject({
			outcome: 'refused',
			reason: '不属于本机关职权',
			node: null
		});
		expect(c.state.tokens).toEqual([]);
		expect(r.effects.map((e) => e.notification)).toEqual(['refused']);
		expect(r.audit.map((a) => [a.action, a.dataset])).toEqual([
			['case.refused', '事项受理'],
			['case.refused', '事项办结']
		]);
		c.refused({ type: 'accept', actor: sl }, 'CASE_CLOSED');
	});

	it('the applicant may withdraw before 受理 and while handling; open tasks are cancelled', () => {
		const early = new CaseDriver(def);
		early.do({ type: 'withdraw', actor: applicant });
		expect(early.state.status).toBe('withdrawn');

		const c = new CaseDriver(def);
		c.do({ type: 'accept', actor: sl });
		const n2 = c.task('n2');
		c.do({ type: 'claim', actor: sh, task: n2 });
		c.do({ type: 'request_supplement', actor: sh, task: n2, materials: ['营业执照'] });
		c.today = '2026-09-16';
		const r = c.do({ type: 'withdraw', actor: applicant, reason: '不再需要' });
		expect(c.state.status).toBe('withdrawn');
		expect(c.state.tasks.map((t) => t.status)).toEqual(['cancelled']);
		expect(c.state.clock.pauses[0]).toMatchObject({ end: '2026-09-16', pausedDays: 2 });
		expect(r.effects.map((e) => e.notification)).toEqual(['withdrawn']);
		c.refused(
			{ type: 'supplement_received', actor: applicant, materials: ['营业执照'] },
			'CASE_CLOSED'
		);
	});
});

describe('engine: decisions', () => {
	it('branches by the outcome the handler picks (golden 02)', () => {
		const def = golden('02-decision-outcome');
		expect(availableOutcomes(def, 'n2')).toEqual(['同意', '不同意']);
		const c = new CaseDriver(def);
		c.do({ type: 'accept', actor: sl });
		const n2 = c.task('n2');
		c.do({ type: 'claim', actor: sh, task: n2 });
		c.refused({ type: 'complete', actor: sh, task: n2 }, 'OUTCOME_REQUIRED');
		c.refused({ type: 'complete', actor: sh, task: n2, outcome: '也许' }, 'OUTCOME_UNKNOWN');
		c.do({ type: 'complete', actor: sh, task: n2, outcome: '不同意', opinion: '不符合条件' });
		expect(c.state.closure).toMatchObject({ outcome: 'reject', node: 'n5' });
		expect(c.state.tasks[0]).toMatchObject({ outcome: '不同意', route: ['n1', 'n2'] });
	});

	it('branches by condition on the form data, else by default (golden 03)', () => {
		const def = golden('03-decision-condition');
		const cases: [Record<string, unknown>, string | undefined, string][] = [
			[{ area: 600 }, undefined, 'n3'],
			[{ area: 100 }, undefined, 'n4'],
			[{ area: 100, kind: 'catering', chain: '某连锁' }, undefined, 'n3'],
			[{ area: 100, kind: 'catering' }, undefined, 'n4'],
			[{}, '需现场核查', 'n3']
		];
		for (const [data, outcome, next] of cases) {
			const c = new CaseDriver(def, '2026-09-14', data);
			c.do({ type: 'accept', actor: sl, ...(outcome ? { outcome } : {}) });
			expect(c.waiting(), JSON.stringify(data)).toEqual([next]);
			expect(c.state.tasks[0]!.route).toEqual(['n1', 'n2', next]);
		}
		const c = new CaseDriver(def, '2026-09-14', { area: 100 });
		c.refused({ type: 'accept', actor: sl, outcome: '随便' }, 'OUTCOME_UNKNOWN');
	});

	it('refuses the completing event when no branch matches (no default)', () => {
		const def = clone(golden('03-decision-condition'));
		const n2 = def.nodes.n2!;
		if (n2.kind !== 'decision') throw new Error('n2 is a decision');
		n2.default = null;
		n2.branches[0]!.outcome = '';
		const c = new CaseDriver(def, '2026-09-14', { area: 10 });
		c.refused({ type: 'accept', actor: sl }, 'NO_BRANCH_MATCHES');
		expect(c.state.status).toBe('submitted');
	});
});

describe('engine: joint processing (parallel)', () => {
	const zrzy = {
		sc: user('zsc', 'ZRZY/SC'),
		sp: user('zsp', 'ZRZY/SP'),
		xzsl: user('xsl', 'XZSP/ZHSL'),
		xzsp: user('xsp', 'XZSP/SP')
	};

	it('splits into one task per branch and joins once every branch arrived (golden 04)', () => {
		const c = new CaseDriver(golden('04-parallel-joint'));
		c.do({ type: 'accept', actor: zrzy.xzsl });
		expect(c.waiting()).toEqual(['n3', 'n4']);
		expect(c.state.joins).toHaveLength(1);
		const [t3, t4] = ['n3', 'n4'].map((n) => c.state.tokens.find((t) => t.node === n)!);
		expect(t3!.frames).toEqual([{ activation: c.state.joins[0]!.id, split: 'n2', edge: 'e2' }]);
		expect(t4!.frames[0]!.edge).toBe('e3');

		c.handle('n4', zrzy.sc);
		expect(c.waiting()).toEqual(['n3', 'n5']);
		c.handle('n3', sh);
		expect(c.waiting()).toEqual(['n5']);
		expect(c.state.joins[0]).toMatchObject({ arrivals: [{ edge: 'e2' }], firedAt: null });
		c.handle('n5', zrzy.sp);
		expect(c.waiting()).toEqual(['n7']);
		expect(c.state.joins[0]!.firedAt).not.toBeNull();
		expect(c.state.joins[0]!.arrivals.map((a) => a.edge)).toEqual(['e2', 'e3']);
		const n7 = c.state.tasks.find((t) => t.node === 'n7')!;
		expect(n7.previousHandlers).toEqual(['sh', 'zsp']);
		expect(n7.route).toEqual(['n5', 'n6', 'n7']);
		expect(c.state.tokens[0]!.frames).toEqual([]);
		c.handle('n7', zrzy.xzsp);
		expect(c.state.status).toBe('closed');
	});

	it('enforces the second person across the split and the join (demo ZRZY-XK-0002)', () => {
		const def = demo('990001-ZRZY-XK-0002');
		const acceptor = user('a', 'ZRZY/SL', 'ZRZY/SC');
		const both = user('b', 'XZSP/SC', 'FZB/HFXSH');
		const c = new CaseDriver(def);
		c.do({ type: 'accept', actor: acceptor });
		c.handle('n2', acceptor);
		c.refused({ type: 'claim', actor: acceptor, task: c.task('n4') }, 'SECOND_PERSON_REQUIRED');
		c.handle('n4', user('c', 'ZRZY/SC'));
		c.handle('n5', both);
		c.refused({ type: 'claim', actor: both, task: c.task('n7') }, 'SECOND_PERSON_REQUIRED');
		c.handle('n7', user('d', 'FZB/HFXSH'));
		c.handle('n8', user('e', 'ZRZY/SP'), { outcome: '准予' });
		expect(c.state.closure?.outcome).toBe('approve');
	});

	/** Golden 04 with a 退回 loop inside a branch (n5 → n4) and one from after the join (n7 → n2). */
	function loopy(): RuntimeDefinition {
		const d = clone(golden('04-parallel-joint'));
		const n5 = d.nodes.n5!;
		const n7 = d.nodes.n7!;
		if (n5.kind !== 'task' || n7.kind !== 'task') throw new Error('tasks expected');
		n5.next = 'd1';
		n7.next = 'd2';
		d.nodes.d1 = {
			kind: 'decision',
			name: '复核',
			branches: [
				{ edge: 'x1', to: 'n4', outcome: '退回', when: null },
				{ edge: 'x2', to: 'n6', outcome: '通过', when: null }
			],
			default: null
		};
		d.nodes.d2 = {
			kind: 'decision',
			name: '审批',
			branches: [
				{ edge: 'x3', to: 'n2', outcome: '重新会审', when: null },
				{ edge: 'x4', to: 'n8', outcome: '准予', when: null }
			],
			default: null
		};
		const join = d.nodes.n6!;
		if (join.kind !== 'parallel_join') throw new Error('join expected');
		join.expects = ['e2', 'e3'];
		return d;
	}

	it('fires the join once per split activation through 退回 loops inside and around the branches', () => {
		const c = new CaseDriver(loopy());
		c.do({ type: 'accept', actor: zrzy.xzsl });
		c.handle('n4', zrzy.sc);
		const back = c.handle('n5', zrzy.sp, { outcome: '退回' });
		expect(c.state.timeline.at(-1)).toMatchObject({ step: c.def.nodes.n5!.name, action: '退回' });
		expect(back.ok).toBe(true);
		expect(c.waiting()).toEqual(['n3', 'n4']);
		c.handle('n4', zrzy.sc);
		c.handle('n5', zrzy.sp, { outcome: '通过' });
		expect(c.state.joins[0]!.firedAt).toBeNull();
		c.handle('n3', sh);
		expect(c.waiting()).toEqual(['n7']);
		expect(c.state.joins[0]!.arrivals).toHaveLength(2);

		c.handle('n7', zrzy.xzsp, { outcome: '重新会审' });
		expect(c.state.joins).toHaveLength(2);
		expect(c.waiting()).toEqual(['n3', 'n4']);
		c.handle('n3', sh);
		c.handle('n4', zrzy.sc);
		c.handle('n5', zrzy.sp, { outcome: '通过' });
		expect(c.state.joins.map((j) => j.firedAt !== null)).toEqual([true, true]);
		c.handle('n7', zrzy.xzsp, { outcome: '准予' });
		expect(c.state.status).toBe('closed');
		expect(c.state.tasks.filter((t) => t.node === 'n7')).toHaveLength(2);
	});

	it('an end reached inside a branch closes the whole case and cancels the other branches', () => {
		const d = clone(golden('04-parallel-joint'));
		const n3 = d.nodes.n3!;
		if (n3.kind !== 'task') throw new Error('task expected');
		n3.next = 'n9';
		d.nodes.n9 = { kind: 'end', name: '不予许可', outcome: 'reject' };
		const c = new CaseDriver(d);
		c.do({ type: 'accept', actor: zrzy.xzsl });
		c.do({ type: 'claim', actor: zrzy.sc, task: c.task('n4') });
		c.handle('n3', sh);
		expect(c.state.status).toBe('closed');
		expect(c.state.closure).toMatchObject({ outcome: 'reject', node: 'n9' });
		expect(c.state.tasks.find((t) => t.node === 'n4')!.status).toBe('cancelled');
	});
});

describe('engine: the statutory clock', () => {
	const zfb = demo('990001-ZFB-QT-0001');
	const xxgk = user('g1', 'ZFB/XXGKSL');
	const xxgk2 = user('g2', 'ZFB/XXGKSL');

	it('依申请公开: 补正 at a supplement node stops the clock and, under restart, counts afresh', () => {
		const c = new CaseDriver(zfb, '2026-09-21');
		c.do({ type: 'accept', actor: xxgk });
		// 15 and 20 working days across Mid-Autumn and National Day (10-10 is a Saturday worked).
		expect(c.state.clock).toMatchObject({ promisedDue: '2026-10-19', statutoryDue: '2026-10-26' });
		c.today = '2026-09-28';
		const asked = c.handle('n2', xxgk, { outcome: '需要补正' });
		expect(c.state.status).toBe('supplement');
		expect(c.waiting()).toEqual(['n4']);
		expect(c.state.timeline.at(-1)).toMatchObject({ action: '退回' });
		expect(asked.effects.map((e) => e.notification)).toEqual(['supplement_requested']);
		expect(c.state.supplements[0]).toMatchObject({
			node: 'n4',
			task: null,
			applicantDue: '2026-09-29'
		});
		c.refused(
			{ type: 'supplement_received', actor: xxgk, materials: ['身份证明'] },
			'ACTOR_NOT_ALLOWED'
		);
		c.refused(
			{ type: 'special_start', actor: xxgk, kind: 'consultation', reason: 'r', basis: 'b' },
			'EVENT_WRONG_STATE'
		);

		c.today = '2026-10-09';
		c.do({ type: 'supplement_received', actor: applicant, materials: ['身份证明'] });
		expect(c.state.status).toBe('in_progress');
		expect(c.state.clock.pauses[0]).toMatchObject({
			start: '2026-09-28',
			end: '2026-10-09',
			pausedDays: 4,
			restart: true
		});
		expect(c.state.clock).toMatchObject({
			origin: '2026-10-09',
			promisedDue: '2026-10-29',
			statutoryDue: '2026-11-05'
		});
		expect(c.state.supplements[0]).toMatchObject({ receivedMaterials: ['身份证明'] });
		// Back to 登记审查 along the supplement node's next.
		expect(c.waiting()).toEqual(['n2']);
		const again = c.state.tasks.at(-1)!;
		expect(again).toMatchObject({ node: 'n2', route: ['n4', 'n2'], openedOn: '2026-10-09' });
		c.handle('n2', xxgk2, { outcome: '内容明确' });
		expect(c.waiting()).toEqual(['n5']);
	});

	it('keeps the files sent with 补正 materials and a handler’s attachments; malformed ones are refused', () => {
		const ref = (c: string) => `sha256-${c.repeat(64)}`;
		const c = new CaseDriver(zfb, '2026-09-21');
		c.do({ type: 'accept', actor: xxgk });
		c.handle('n2', xxgk, { outcome: '需要补正' });
		for (const files of [
			[{ ref: 'sha256-short', name: 'a.pdf', material: '身份证明' }],
			[{ ref: ref('a'), name: '', material: '身份证明' }],
			[{ ref: ref('a'), name: 'a.pdf' }],
			'a.pdf'
		])
			c.refused(
				{ type: 'supplement_received', actor: applicant, materials: ['身份证明'], files } as never,
				'EVENT_INVALID'
			);
		expect(c.state.status).toBe('supplement');
		const files = [{ ref: ref('a'), name: '身份证.pdf', material: '身份证明' }];
		c.do({ type: 'supplement_received', actor: applicant, materials: ['身份证明'], files });
		expect(c.state.supplements[0]).toMatchObject({ receivedFiles: files });
		const task = c.task('n2');
		c.do({ type: 'claim', actor: xxgk2, task });
		c.refused(
			{ type: 'complete', actor: xxgk2, task, attachments: [{ ref: 'x', name: 'y' }] },
			'EVENT_INVALID'
		);
		const attachments = [{ ref: ref('b'), name: '审查记录.pdf' }];
		c.do({ type: 'complete', actor: xxgk2, task, outcome: '内容明确', attachments });
		expect(c.state.tasks.find((t) => t.id === task)).toMatchObject({ attachments });
	});

	it('under resume, the used days continue: due dates move by the paused working days', () => {
		const d = clone(zfb);
		d.clock.supplement = 'resume';
		const c = new CaseDriver(d, '2026-09-21');
		c.do({ type: 'accept', actor: xxgk });
		c.today = '2026-09-28';
		c.handle('n2', xxgk, { outcome: '需要补正' });
		c.today = '2026-10-09';
		c.do({ type: 'supplement_received', actor: applicant, materials: ['身份证明'] });
		expect(c.state.clock).toMatchObject({
			origin: '2026-09-21',
			promisedDue: '2026-10-23',
			statutoryDue: '2026-10-30'
		});
	});

	it('a handler’s 补正 request pauses the task’s due date too', () => {
		const c = new CaseDriver(golden('01-linear'), '2026-09-28');
		c.do({ type: 'accept', actor: sl });
		const n2 = c.task('n2');
		expect(c.state.tasks[0]!.due).toBe('2026-09-30');
		c.today = '2026-09-30';
		c.refused({ type: 'request_supplement', actor: sh, task: n2, materials: [] }, 'EVENT_INVALID');
		c.refused(
			{ type: 'request_supplement', actor: sp, task: n2, materials: ['章程'] },
			'WRONG_POST'
		);
		c.do({
			type: 'request_supplement',
			actor: sh,
			task: n2,
			materials: ['章程'],
			reason: '缺章程'
		});
		expect(c.state.status).toBe('supplement');
		c.do({ type: 'claim', actor: sh, task: n2 });
		c.refused({ type: 'complete', actor: sh, task: n2 }, 'EVENT_WRONG_STATE');
		c.refused(
			{ type: 'request_supplement', actor: sh, task: n2, materials: ['x'] },
			'EVENT_WRONG_STATE'
		);
		c.today = '2026-10-09';
		c.do({ type: 'supplement_received', actor: applicant, materials: ['章程'] });
		expect(c.state.tasks[0]).toMatchObject({ pausedDays: 2, due: '2026-10-09', status: 'claimed' });
		// golden 01 is a licence: restart from the day the materials arrived.
		expect(c.state.clock.statutoryDue).toBe('2026-10-22');
		c.do({ type: 'complete', actor: sh, task: n2 });
		expect(c.waiting()).toEqual(['n3']);
	});

	it('after 补正 before a decision by outcome, the supplement post reviews and chooses (golden 05)', () => {
		const c = new CaseDriver(golden('05-supplement'));
		c.refused({ type: 'accept', actor: sl }, 'OUTCOME_REQUIRED');
		c.do({ type: 'accept', actor: sl, outcome: '需补正', missingMaterials: ['租赁合同'] });
		expect(c.state.status).toBe('supplement');
		expect(c.state.supplements[0]).toMatchObject({ materials: ['租赁合同'], node: 'n3' });
		c.do({ type: 'supplement_received', actor: applicant, materials: ['租赁合同'] });
		const review = c.state.tasks[0]!;
		expect(review).toMatchObject({
			kind: 'supplement_review',
			node: 'n3',
			post: { department: 'SCJG', post: 'SL' }
		});
		c.do({ type: 'claim', actor: sl, task: review.id });
		c.refused({ type: 'complete', actor: sl, task: review.id }, 'OUTCOME_REQUIRED');
		c.do({ type: 'complete', actor: sl, task: review.id, outcome: '齐全' });
		expect(c.waiting()).toEqual(['n4']);
		c.handle('n4', sh);
		expect(c.state.status).toBe('closed');
	});

	it('特别程序 stops the clock from its start to its end', () => {
		const c = new CaseDriver(golden('01-linear'), '2026-09-21');
		c.do({ type: 'accept', actor: sl });
		expect(c.state.clock.statutoryDue).toBe('2026-10-12');
		c.today = '2026-09-28';
		c.refused(
			{ type: 'special_start', actor: sh, kind: 'nap' as never, reason: 'r', basis: 'b' },
			'EVENT_INVALID'
		);
		c.refused(
			{ type: 'special_start', actor: sh, kind: 'hearing', reason: '', basis: 'b' },
			'EVENT_INVALID'
		);
		c.do({
			type: 'special_start',
			actor: sh,
			kind: 'hearing',
			reason: '申请人要求听证',
			basis: '《行政许可法》第四十七条'
		});
		expect(c.state.status).toBe('suspended');
		c.do({ type: 'claim', actor: sh, task: c.task('n2') });
		c.refused({ type: 'complete', actor: sh, task: c.task('n2') }, 'EVENT_WRONG_STATE');
		c.refused(
			{ type: 'special_start', actor: sh, kind: 'testing', reason: 'r', basis: 'b' },
			'EVENT_WRONG_STATE'
		);
		c.refused(
			{ type: 'supplement_received', actor: applicant, materials: ['x'] },
			'CLOCK_NOT_PAUSED'
		);
		c.today = '2026-10-09';
		c.do({ type: 'special_end', actor: sh, result: '听证结束' });
		expect(c.state.clock.pauses[0]).toMatchObject({
			kind: 'special',
			specialKind: 'hearing',
			pausedDays: 4,
			restart: false,
			result: '听证结束'
		});
		// Never a restart: the origin stays the acceptance day.
		expect(c.state.clock).toMatchObject({ origin: '2026-09-21', statutoryDue: '2026-10-16' });
		c.refused({ type: 'special_end', actor: sh, result: 'x' }, 'CLOCK_NOT_PAUSED');
	});

	it('延期: at most the statutory days in total, and the due dates move', () => {
		const c = new CaseDriver(zfb, '2026-09-21');
		const ext = {
			type: 'extend',
			actor: xxgk,
			approvedBy: '县政府办主任',
			reason: '需征求第三方意见'
		} as const;
		c.refused({ ...ext, days: 5 }, 'EVENT_WRONG_STATE');
		c.do({ type: 'accept', actor: xxgk });
		c.refused({ ...ext, days: 0 }, 'EVENT_INVALID');
		c.refused({ ...ext, days: 1.5 }, 'EVENT_INVALID');
		c.refused({ ...ext, days: 21 }, 'EXTENSION_TOO_LONG');
		const r = c.do({ ...ext, days: 15 });
		expect(r.effects.map((e) => e.notification)).toEqual(['extended']);
		c.refused({ ...ext, days: 6 }, 'EXTENSION_TOO_LONG');
		expect(c.last).toMatchObject({ error: { params: { days: 6, used: 15, max: 20 } } });
		c.do({ ...ext, days: 5 });
		expect(c.state.clock.extensions.map((e) => e.days)).toEqual([15, 5]);
		const add = c.ctx().calendar.addWorkingDays;
		expect(c.state.clock.statutoryDue).toBe(add('2026-09-21', 40));
		expect(c.state.clock.promisedDue).toBe(add('2026-09-21', 35));
		c.refused({ ...ext, days: 1 }, 'EXTENSION_TOO_LONG');
	});
});

describe('engine: effects', () => {
	it('gives every notification of a case a distinct idempotency key', () => {
		const c = new CaseDriver(demo('990001-ZFB-QT-0001'), '2026-09-21');
		const keys = [`${c.state.id}:0:received`];
		const g = user('g', 'ZFB/XXGKSL');
		const collect = (r: { effects: { key: string }[] }) =>
			keys.push(...r.effects.map((e) => e.key));
		collect(c.do({ type: 'accept', actor: g }));
		collect(c.handle('n2', g, { outcome: '需要补正' }));
		collect(c.do({ type: 'supplement_received', actor: applicant, materials: ['m'] }));
		collect(c.do({ type: 'extend', actor: g, days: 3, approvedBy: '主任', reason: 'r' }));
		collect(c.do({ type: 'withdraw', actor: applicant }));
		expect(keys).toHaveLength(5);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys.every((k) => k.startsWith(`${c.state.id}:`))).toBe(true);
	});
});

describe('engine test fixtures', () => {
	it('the precomputed calendar of the random tests agrees with working-days.ts', () => {
		for (let i = 0; i < 400; i++) {
			const from = addDays('2025-12-20', (i * 37) % 1500);
			const to = addDays(from, (i * 11) % 200);
			const n = (i * 7) % 190;
			expect(fastCalendar.addWorkingDays(from, n), `${from} + ${n}`).toBe(
				calendar.addWorkingDays(from, n)
			);
			expect(fastCalendar.workingDaysBetween(from, to)).toBe(calendar.workingDaysBetween(from, to));
		}
	});
});
