import { describe, expect, it } from 'vitest';
import { CONDITION_PROBLEMS, checkCondition } from '../../src/lib/domain/flow/conditions';
import {
	LINT_CODES,
	LINT_PARAMS,
	lintFlow,
	longestPathDays,
	type LintCode,
	type LintContext
} from '../../src/lib/domain/flow/lint';
import type { Condition, FlowSemantics } from '../../src/lib/domain/flow/types';
import { zh } from '../../src/lib/i18n/messages';
import {
	decisionFlow,
	edge,
	extend,
	flowWith,
	licensingFlow,
	linearFlow,
	node,
	parallelFlow,
	patch
} from '../factories/flow';

const codes = (flow: FlowSemantics, context?: LintContext) =>
	lintFlow(flow, context).map((i) => i.code);

interface Case {
	flow: FlowSemantics;
	context?: LintContext;
	/** Where the issue must point (fires only). */
	at?: { nodeId?: string; edgeId?: string };
}

const amountOver100: Condition = { field: 'amount', op: 'gt', value: 100 };

/** A decision whose 大额 branch is taken by condition and the other by default. */
const conditionalFlow = (condition: Condition = amountOver100) =>
	patch(patch(decisionFlow(), 'd>ok', { outcome: '', condition }), 'd>no', {
		outcome: '',
		isDefault: true
	});

/** Split `p`: branch `a` joins `j`, branch `b` decides between `j` and its own end `x`. */
const escapingBranch = () =>
	extend(
		patch(parallelFlow(), 'b>j', { target: 'bd', id: 'b>bd' }),
		{
			bd: 'decision',
			x: 'end'
		},
		[edge('bd', 'j', { outcome: '同意' }), edge('bd', 'x', { outcome: '不同意' })]
	);

/** Decision `d`: 联合 → split `p` (→ `a`, `b`), 单独 → task `c`; `a`, `b` and `c` all enter join `j`. */
const mixedJoin = () =>
	flowWith(
		{
			s: 'start',
			d: 'decision',
			p: 'parallel_split',
			a: 'task',
			b: 'task',
			c: 'task',
			j: 'parallel_join',
			e: 'end'
		},
		[
			's>d',
			edge('d', 'p', { outcome: '联合' }),
			edge('d', 'c', { outcome: '单独' }),
			'p>a',
			'p>b',
			'a>j',
			'b>j',
			'c>j',
			'j>e'
		]
	);

/** One fixture that fires each code and one near miss that does not. */
const CASES: Record<LintCode, { fires: Case; clean: Case }> = {
	START_MISSING: {
		fires: { flow: flowWith({ t: 'task', e: 'end' }, ['t>e']) },
		clean: { flow: linearFlow() }
	},
	START_MULTIPLE: {
		fires: { flow: extend(linearFlow(), { s2: 'start' }, ['s2>t']), at: { nodeId: 's2' } },
		clean: { flow: linearFlow() }
	},
	START_HAS_INCOMING: {
		fires: {
			flow: extend(
				patch(linearFlow(), 't>e', { source: 'd', id: 'd>e', outcome: '通过' }),
				{
					d: 'decision'
				},
				['t>d', edge('d', 's', { outcome: '退回' })]
			),
			at: { nodeId: 's' }
		},
		// The same 退回 loop back to the task instead of the start is fine.
		clean: {
			flow: extend(
				patch(linearFlow(), 't>e', { source: 'd', id: 'd>e', outcome: '通过' }),
				{
					d: 'decision'
				},
				['t>d', edge('d', 't', { outcome: '退回' })]
			)
		}
	},
	START_OUTGOING: {
		fires: { flow: extend(linearFlow(), { t2: 'task' }, ['s>t2', 't2>e']), at: { nodeId: 's' } },
		clean: { flow: linearFlow() }
	},
	END_MISSING: {
		fires: { flow: flowWith({ s: 'start', t: 'task' }, ['s>t']) },
		clean: { flow: linearFlow() }
	},
	END_NO_OUTCOME: {
		fires: { flow: patch(linearFlow(), 'e', { outcome: null }), at: { nodeId: 'e' } },
		clean: { flow: patch(linearFlow(), 'e', { outcome: 'other' }) }
	},
	END_HAS_OUTGOING: {
		fires: { flow: extend(linearFlow(), {}, ['e>t']), at: { nodeId: 'e' } },
		clean: { flow: linearFlow() }
	},
	EDGE_DANGLING: {
		fires: { flow: extend(linearFlow(), {}, ['t>ghost']), at: { edgeId: 't>ghost' } },
		clean: { flow: linearFlow() }
	},
	EDGE_SELF_LOOP: {
		fires: { flow: extend(linearFlow(), {}, ['t>t']), at: { nodeId: 't', edgeId: 't>t' } },
		clean: { flow: decisionFlow() }
	},
	EDGE_DUPLICATE: {
		fires: {
			flow: extend(decisionFlow(), {}, [edge('d', 'ok', { id: 'd>ok#2', outcome: '附条件准予' })]),
			at: { nodeId: 'd', edgeId: 'd>ok#2' }
		},
		clean: {
			flow: extend(decisionFlow(), { ok2: 'end' }, [edge('d', 'ok2', { outcome: '附条件准予' })])
		}
	},
	NODE_UNREACHABLE: {
		fires: { flow: extend(linearFlow(), { x: 'task' }, ['x>e']), at: { nodeId: 'x' } },
		clean: {
			flow: extend(patch(linearFlow(), 't>e', { target: 'x', id: 't>x' }), { x: 'task' }, ['x>e'])
		}
	},
	NODE_NO_PATH_TO_END: {
		fires: {
			flow: extend(decisionFlow(), { x: 'task', y: 'task' }, [
				edge('d', 'x', { outcome: '退回' }),
				'x>y',
				'y>x'
			]),
			at: { nodeId: 'x' }
		},
		// A 退回 loop with a way out.
		clean: {
			flow: extend(decisionFlow(), { x: 'task' }, [edge('d', 'x', { outcome: '退回' }), 'x>t'])
		}
	},
	TASK_OUTGOING: {
		fires: { flow: extend(linearFlow(), { e2: 'end' }, ['t>e2']), at: { nodeId: 't' } },
		clean: { flow: linearFlow() }
	},
	DECISION_TOO_FEW_EDGES: {
		fires: {
			flow: flowWith({ s: 'start', d: 'decision', e: 'end' }, [
				's>d',
				edge('d', 'e', { outcome: '通过' })
			]),
			at: { nodeId: 'd' }
		},
		clean: { flow: decisionFlow() }
	},
	DECISION_OUTCOME_MISSING: {
		fires: { flow: patch(decisionFlow(), 'd>no', { outcome: ' ' }), at: { edgeId: 'd>no' } },
		clean: { flow: patch(decisionFlow(), 'd>no', { outcome: '', isDefault: true }) }
	},
	DECISION_DUPLICATE_OUTCOME: {
		// The later edge in id order is the duplicate.
		fires: { flow: patch(decisionFlow(), 'd>no', { outcome: '准予' }), at: { edgeId: 'd>ok' } },
		clean: { flow: decisionFlow() }
	},
	DECISION_NO_DEFAULT: {
		fires: { flow: patch(decisionFlow(), 'd>ok', { condition: amountOver100 }) },
		// Outcome-labelled branches are exhaustive: no default needed.
		clean: { flow: decisionFlow() }
	},
	DECISION_MULTIPLE_DEFAULTS: {
		fires: { flow: patch(conditionalFlow(), 'd>ok', { isDefault: true }), at: { nodeId: 'd' } },
		clean: { flow: conditionalFlow() }
	},
	CONDITION_INVALID: {
		fires: { flow: conditionalFlow({ all: [] }), at: { nodeId: 'd', edgeId: 'd>ok' } },
		clean: { flow: conditionalFlow({ any: [amountOver100, { field: 'urgent', op: 'not_empty' }] }) }
	},
	CONDITION_UNKNOWN_FIELD: {
		fires: { flow: conditionalFlow(), context: { formFields: ['area'] }, at: { edgeId: 'd>ok' } },
		clean: { flow: conditionalFlow(), context: { formFields: ['area', 'amount'] } }
	},
	PARALLEL_SPLIT_OUTGOING: {
		fires: { flow: patch(parallelFlow(), 'p>b', { source: 's', id: 's>b' }), at: { nodeId: 'p' } },
		clean: { flow: parallelFlow() }
	},
	PARALLEL_JOIN_INCOMING: {
		fires: { flow: patch(parallelFlow(), 'b>j', { target: 't', id: 'b>t' }), at: { nodeId: 'j' } },
		clean: { flow: parallelFlow() }
	},
	PARALLEL_JOIN_OUTGOING: {
		fires: { flow: extend(parallelFlow(), { e2: 'end' }, ['j>e2']), at: { nodeId: 'j' } },
		clean: { flow: parallelFlow() }
	},
	PARALLEL_UNMATCHED: {
		fires: { flow: escapingBranch(), at: { nodeId: 'p' } },
		// A 退回 loop inside a branch still joins.
		clean: {
			flow: extend(patch(parallelFlow(), 'b>j', { target: 'bd', id: 'b>bd' }), { bd: 'decision' }, [
				edge('bd', 'j', { outcome: '同意' }),
				edge('bd', 'b', { outcome: '退回' })
			])
		}
	},
	PARALLEL_JOIN_UNMATCHED: {
		// A join used to merge exclusive branches waits forever.
		fires: {
			flow: extend(
				patch(patch(decisionFlow(), 'd>ok', { target: 'j', id: 'd>j' }), 'd>no', {
					target: 'x',
					id: 'd>x'
				}),
				{ x: 'task', j: 'parallel_join' },
				['x>j', 'j>ok']
			),
			at: { nodeId: 'j' }
		},
		clean: { flow: parallelFlow() }
	},
	TASK_NO_DEPARTMENT: {
		fires: { flow: patch(linearFlow(), 't', { department: ' ' }), at: { nodeId: 't' } },
		clean: { flow: linearFlow() }
	},
	TASK_NO_POST: {
		fires: { flow: patch(linearFlow(), 't', { post: '' }), at: { nodeId: 't' } },
		clean: { flow: linearFlow() }
	},
	TASK_NO_TIME_LIMIT: {
		fires: { flow: patch(linearFlow(), 't', { timeLimitDays: null }), at: { nodeId: 't' } },
		clean: { flow: patch(linearFlow(), 't', { timeLimitDays: 1 }) }
	},
	NODE_NAME_MISSING: {
		fires: { flow: patch(linearFlow(), 't', { name: '  ' }), at: { nodeId: 't' } },
		// Gateways need no name.
		clean: { flow: parallelFlow() }
	},
	CONTROL_DESCRIPTION_MISSING: {
		fires: {
			flow: patch(linearFlow(), 't', {
				control: { kind: 'collective', description: '', secondPerson: false }
			}),
			at: { nodeId: 't' }
		},
		clean: {
			flow: patch(linearFlow(), 't', {
				control: { kind: 'collective', description: '局务会议集体讨论', secondPerson: false }
			})
		}
	},
	TIME_EXCEEDS_PROMISED: {
		fires: { flow: licensingFlow(), context: { promisedDays: 11 } },
		clean: { flow: licensingFlow(), context: { promisedDays: 12 } }
	}
};

describe('lintFlow: one rule at a time', () => {
	it('has a case for every code, and nothing else', () => {
		expect(Object.keys(CASES).sort()).toEqual([...LINT_CODES].sort());
	});

	for (const code of LINT_CODES) {
		const { fires, clean } = CASES[code];
		it(`${code} fires on its fixture and not on the near miss`, () => {
			const issues = lintFlow(fires.flow, fires.context);
			expect(issues).toContainEqual(expect.objectContaining({ code, ...fires.at }));
			expect(codes(clean.flow, clean.context)).not.toContain(code);
		});
	}

	it('carries exactly the documented params, which fill the message with the name', () => {
		for (const code of LINT_CODES) {
			const { fires } = CASES[code];
			for (const issue of lintFlow(fires.flow, fires.context).filter((i) => i.code === code)) {
				expect(Object.keys(issue.params ?? {}).sort(), code).toEqual([...LINT_PARAMS[code]].sort());
				const given = [...Object.keys(issue.params ?? {}), ...(issue.nodeId ? ['name'] : [])];
				const used = [...zh[`lint.${code}`].matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
				expect(given, code).toEqual(expect.arrayContaining(used));
			}
		}
	});

	it('the near misses lint clean', () => {
		const dirty = (Object.keys(CASES) as LintCode[]).filter(
			(code) => lintFlow(CASES[code].clean.flow, CASES[code].clean.context).length > 0
		);
		expect(dirty).toEqual([]);
	});
});

describe('lintFlow: whole flows', () => {
	it('finds nothing wrong with a realistic licensing flow', () => {
		expect(lintFlow(licensingFlow(), { promisedDays: 12, formFields: ['name', 'amount'] })).toEqual(
			[]
		);
	});

	it('says only that an empty flow lacks a start and an end', () => {
		expect(lintFlow({ nodes: [], edges: [] })).toEqual([
			{ code: 'START_MISSING', severity: 'error' },
			{ code: 'END_MISSING', severity: 'error' }
		]);
	});

	it('reports the details of an issue', () => {
		expect(lintFlow(patch(decisionFlow(), 'd>no', { outcome: '准予' }))).toEqual([
			{
				code: 'DECISION_DUPLICATE_OUTCOME',
				severity: 'error',
				nodeId: 'd',
				edgeId: 'd>ok',
				params: { outcome: '准予' }
			}
		]);
		expect(lintFlow(licensingFlow(), { promisedDays: 10 })).toEqual([
			{ code: 'TIME_EXCEEDS_PROMISED', severity: 'error', params: { total: 12, promised: 10 } }
		]);
	});

	it('makes missing names and control descriptions warnings, everything else errors', () => {
		const flow = patch(patch(linearFlow(), 'e', { name: '' }), 't', {
			post: '',
			control: { kind: 'recusal', description: '', secondPerson: false }
		});
		expect(lintFlow(flow).map((i) => `${i.code}:${i.severity}`)).toEqual([
			'TASK_NO_POST:error',
			'NODE_NAME_MISSING:warning',
			'CONTROL_DESCRIPTION_MISSING:warning'
		]);
	});

	it('refuses time limits that are not whole days of at least 1, for tasks only', () => {
		for (const days of [null, 0, -1, 2.5, Number.NaN])
			expect(codes(patch(linearFlow(), 't', { timeLimitDays: days }))).toEqual([
				'TASK_NO_TIME_LIMIT'
			]);
		const supplement = extend(
			patch(linearFlow(), 't>e', { target: 'd', id: 't>d' }),
			{ d: 'decision', fix: node('fix', 'supplement', { timeLimitDays: null }) },
			[edge('d', 'e', { outcome: '齐全' }), edge('d', 'fix', { outcome: '需补正' }), 'fix>t']
		);
		expect(lintFlow(supplement)).toEqual([]);
		expect(codes(patch(supplement, 'fix', { department: '' }))).toEqual(['TASK_NO_DEPARTMENT']);
	});

	it('reports a split whose branch escapes to an end, and its join', () => {
		expect(codes(escapingBranch())).toEqual(['PARALLEL_UNMATCHED', 'PARALLEL_JOIN_UNMATCHED']);
	});

	it('reports a join that mixes a split’s branches with an exclusive branch', () => {
		expect(lintFlow(mixedJoin()).map((i) => `${i.code}:${i.nodeId}`)).toEqual([
			'PARALLEL_UNMATCHED:p',
			'PARALLEL_JOIN_UNMATCHED:j'
		]);
	});

	it('matches nested splits, and a branch that goes straight to the join', () => {
		const nested = extend(
			patch(parallelFlow(), 'a>j', { target: 'p2', id: 'a>p2' }),
			{ p2: 'parallel_split', a1: 'task', a2: 'task', j2: 'parallel_join', c: 'task' },
			['p2>a1', 'p2>a2', 'a1>j2', 'a2>j2', 'j2>j', 'p>c', 'c>j']
		);
		expect(lintFlow(nested)).toEqual([]);
		expect(lintFlow(extend(parallelFlow(), {}, ['p>j']))).toEqual([]);
	});

	it('reports a split inside another split that shares the outer join', () => {
		const shared = extend(
			patch(parallelFlow(), 'a>j', { target: 'p2', id: 'a>p2' }),
			{ p2: 'parallel_split', a1: 'task', a2: 'task' },
			['p2>a1', 'p2>a2', 'a1>j', 'a2>j']
		);
		expect(lintFlow(shared).map((i) => `${i.code}:${i.nodeId}`)).toEqual(['PARALLEL_UNMATCHED:p2']);
	});

	it('does not hang on cycles, and reports a cycle with no way out', () => {
		const ring = flowWith({ s: 'start', a: 'task', b: 'task', c: 'task', e: 'end' }, [
			's>a',
			'a>b',
			'b>c',
			'c>a'
		]);
		expect(lintFlow(ring).map((i) => `${i.code}:${i.nodeId ?? ''}`)).toEqual([
			'NODE_UNREACHABLE:e',
			'NODE_NO_PATH_TO_END:a',
			'NODE_NO_PATH_TO_END:b',
			'NODE_NO_PATH_TO_END:c',
			'NODE_NO_PATH_TO_END:s'
		]);
		expect(longestPathDays(ring)).toBe(0);
	});

	it('gives the same list whatever order nodes and edges are stored in, ids in numeric order', () => {
		const flow = flowWith({ n1: 'start', n2: 'task', n10: 'task', n3: 'end' }, [
			'n1>n2',
			'n2>n3',
			'n10>n3'
		]);
		const broken = patch(patch(flow, 'n2', { post: '' }), 'n10', { post: '' });
		const reversed = { nodes: [...broken.nodes].reverse(), edges: [...broken.edges].reverse() };
		const got = lintFlow(broken).map((i) => `${i.code}:${i.nodeId}`);
		expect(got).toEqual(['NODE_UNREACHABLE:n10', 'TASK_NO_POST:n2', 'TASK_NO_POST:n10']);
		expect(lintFlow(reversed)).toEqual(lintFlow(broken));
	});
});

describe('longestPathDays', () => {
	it('takes the longest of parallel branches, not their sum', () => {
		expect(longestPathDays(licensingFlow())).toBe(12);
		expect(longestPathDays(patch(licensingFlow(), 'land', { timeLimitDays: 9 }))).toBe(17);
	});

	it('takes the longer branch of a decision', () => {
		const flow = extend(
			patch(decisionFlow(), 'd>no', { target: 'x', id: 'd>x' }),
			{ x: node('x', 'task', { timeLimitDays: 7 }) },
			['x>no']
		);
		expect(longestPathDays(flow)).toBe(9);
	});

	it('counts supplement steps as 0 and runs a 退回 loop once', () => {
		const flow = extend(
			patch(linearFlow(), 't>e', { target: 'd', id: 't>d' }),
			{ d: 'decision', fix: node('fix', 'supplement', { timeLimitDays: 15 }) },
			[edge('d', 'e', { outcome: '齐全' }), edge('d', 'fix', { outcome: '需补正' }), 'fix>t']
		);
		expect(longestPathDays(flow)).toBe(2);
		expect(longestPathDays(extend(flow, {}, [edge('d', 's', { outcome: '重新申请' })]))).toBe(2);
	});

	it('is 0 without a reachable end', () => {
		expect(longestPathDays({ nodes: [], edges: [] })).toBe(0);
		expect(longestPathDays(flowWith({ s: 'start', t: 'task' }, ['s>t']))).toBe(0);
	});
});

describe('checkCondition', () => {
	it('names the first problem of a malformed condition', () => {
		const cases: [unknown, (typeof CONDITION_PROBLEMS)[number] | null][] = [
			[amountOver100, null],
			[{ field: 'x', op: 'empty' }, null],
			[{ field: 'kind', op: 'in', value: ['a', 1] }, null],
			[{ all: [amountOver100, { any: [{ field: 'flag', op: 'eq', value: false }] }] }, null],
			[{ any: [] }, 'empty_group'],
			[{ all: [amountOver100, { all: [] }] }, 'empty_group'],
			[{ field: '', op: 'eq', value: 1 }, 'field_missing'],
			[{ field: 'x', op: 'like', value: 1 }, 'unknown_op'],
			[{ field: 'x', op: 'eq' }, 'value_missing'],
			[{ field: 'x', op: 'ge', value: ' ' }, 'value_missing'],
			[{ field: 'x', op: 'in', value: [] }, 'value_missing'],
			[{ field: 'x', op: 'in', value: 'a' }, 'list_required'],
			[{ field: 'x', op: 'eq', value: ['a'] }, 'list_not_allowed'],
			[{ field: 'x', op: 'in', value: [{}] }, 'malformed'],
			[{ op: 'eq', value: 1 }, 'malformed'],
			[{ all: 'x' }, 'malformed'],
			[null, 'malformed']
		];
		for (const [c, problem] of cases)
			expect(checkCondition(c as Condition).problem, JSON.stringify(c)).toBe(problem);
		expect([...CONDITION_PROBLEMS].sort()).toEqual(
			[...new Set(cases.map(([, p]) => p).filter((p) => p !== null))].sort()
		);
	});

	it('lists every unknown field once, in order', () => {
		const c: Condition = {
			all: [
				{ field: 'b', op: 'eq', value: 1 },
				{
					any: [
						{ field: 'a', op: 'empty' },
						{ field: 'b', op: 'ne', value: 2 }
					]
				},
				{ field: 'known', op: 'empty' }
			]
		};
		expect(checkCondition(c, new Set(['known'])).unknownFields).toEqual(['b', 'a']);
		expect(checkCondition(c).unknownFields).toEqual([]);
	});
});
