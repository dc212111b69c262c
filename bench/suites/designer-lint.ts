/**
 * Designer lint: how long `lintFlow` (run by the flow designer on every edit, and by the freezing
 * compiler) takes on a realistic 300-node flow, side by side with the bare cost of indexing the
 * graph and walking it once, so the ratio shows what the rules add.
 */
import { buildGraph, nodesOfKind, visited } from '../../src/lib/domain/flow/graph';
import { lintFlow, longestPathDays, type LintContext } from '../../src/lib/domain/flow/lint';
import {
	newEdge,
	newNode,
	type FlowEdge,
	type FlowNode,
	type FlowSemantics,
	type NodeKind
} from '../../src/lib/domain/flow/types';
import { median, mulberry32, percentile, pick, randInt, timed, type Rng, type Suite } from '../lib';

const NODES = 300;
const SEED = 20261124;
const WARMUP_RUNS = 200;
const RUNS = 2000;
/** The goal the issue states for one lint of a 300-node flow. */
const GOAL_MS = 50;
/** The largest segment `segment` adds (a split with 4 branches of 3 steps and a 退回 loop). */
const MAX_SEGMENT = 16;

const DEPARTMENTS = ['XZSP', 'SCJG', 'ZRZY', 'ZJJ', 'SFJ'] as const;
const POSTS = ['受理岗', '审查岗', '审核岗', '会签岗', '决定岗'] as const;
const STEPS = ['审查', '现场核查', '审核', '专家评审', '复核', '决定', '制证', '送达'] as const;
const FORM_FIELDS = ['amount', 'area', 'kind', 'urgent'] as const;

/** Builds a flow node by node, edges as it goes; ids `n1…`, `e1…` as the designer gives them. */
class FlowBuilder {
	readonly nodes: FlowNode[] = [];
	readonly edges: FlowEdge[] = [];

	constructor(private readonly rng: Rng) {}

	add(kind: NodeKind, name = '', over: Partial<FlowNode> = {}): string {
		const id = `n${this.nodes.length + 1}`;
		this.nodes.push({ ...newNode(id, kind, name), ...over });
		return id;
	}

	/** A task at a random department and post, 1–5 working days, sometimes under control. */
	task(name: string = pick(this.rng, STEPS)): string {
		const control =
			this.rng() < 0.1
				? { kind: 'collective' as const, description: '重大事项集体讨论决定', secondPerson: false }
				: null;
		return this.add('task', name, {
			department: pick(this.rng, DEPARTMENTS),
			post: pick(this.rng, POSTS),
			duty: `负责${name}`,
			timeLimitDays: randInt(this.rng, 1, 5),
			control
		});
	}

	link(source: string, target: string, over: Partial<FlowEdge> = {}): void {
		this.edges.push({ ...newEdge(`e${this.edges.length + 1}`, source, target), ...over });
	}

	/** 1–`max` tasks in a row after `from`; returns the last. */
	chain(from: string, max: number): string {
		let at = from;
		for (let i = randInt(this.rng, 1, max); i > 0; i--) {
			const next = this.task();
			this.link(at, next);
			at = next;
		}
		return at;
	}
}

/** One random stretch of flow after `from`, at most MAX_SEGMENT nodes; returns its last node. */
function segment(b: FlowBuilder, rng: Rng, from: string): string {
	const r = rng();
	if (r < 0.35) return b.chain(from, 3);
	if (r < 0.55) {
		// 准予 continues, 不予 ends after a refusal decision.
		const d = b.add('decision', '审查结论');
		b.link(from, d);
		const go = b.task();
		b.link(d, go, { outcome: '准予' });
		const refuse = b.task('不予许可决定');
		b.link(d, refuse, { outcome: '不予' });
		const end = b.add('end', '不予许可', { outcome: 'reject' });
		b.link(refuse, end);
		return go;
	}
	if (r < 0.7) {
		// Branches by form condition, with a default, merging at the next task.
		const d = b.add('decision', '是否重大');
		b.link(from, d);
		const big = b.task('集体讨论');
		b.link(d, big, {
			condition: {
				all: [
					{ field: 'amount', op: 'gt', value: randInt(rng, 10, 100) * 1000 },
					{ field: 'kind', op: 'in', value: ['企业', '个体工商户'] }
				]
			}
		});
		const small = b.task();
		b.link(d, small, { isDefault: true });
		const merge = b.task('汇总');
		b.link(big, merge);
		b.link(small, merge);
		return merge;
	}
	if (r < 0.85) {
		// Joint handling by 2–4 departments, one branch with a 退回 loop.
		const split = b.add('parallel_split', '联合办理');
		b.link(from, split);
		const join = b.add('parallel_join', '汇合');
		const branches = randInt(rng, 2, 4);
		for (let i = 0; i < branches; i++) {
			const first = b.task('会签');
			b.link(split, first);
			let last = b.chain(first, 2);
			if (i === 0 && rng() < 0.5) {
				const d = b.add('decision', '会签意见');
				b.link(last, d);
				b.link(d, first, { outcome: '退回' });
				last = d;
				b.link(d, join, { outcome: '同意' });
			} else b.link(last, join);
		}
		const after = b.task();
		b.link(join, after);
		return after;
	}
	// Completeness check with a supplement step back to it (the clock pauses).
	const check = b.task('材料审查');
	b.link(from, check);
	const d = b.add('decision', '材料是否齐全');
	b.link(check, d);
	const fix = b.add('supplement', '补正材料', {
		department: 'XZSP',
		post: '受理岗',
		timeLimitDays: 5
	});
	b.link(d, fix, { outcome: '需补正' });
	b.link(fix, check);
	const go = b.task();
	b.link(d, go, { outcome: '齐全' });
	return go;
}

/** The same realistic flow of exactly NODES nodes on every run; lint-clean by construction. */
export function generatedFlow(): FlowSemantics {
	const rng = mulberry32(SEED);
	const b = new FlowBuilder(rng);
	const start = b.add('start', '申请');
	let at = b.task('受理');
	b.link(start, at);
	while (b.nodes.length < NODES - 2 - MAX_SEGMENT) at = segment(b, rng, at);
	while (b.nodes.length < NODES - 2) {
		const next = b.task();
		b.link(at, next);
		at = next;
	}
	const legal = b.add('task', '法制审核', {
		department: 'SFJ',
		post: '法制审核岗',
		timeLimitDays: 3,
		control: { kind: 'legal_review', description: '作出决定前审核合法性', secondPerson: true }
	});
	b.link(at, legal);
	b.link(legal, b.add('end', '准予许可', { outcome: 'approve' }));
	return { nodes: b.nodes, edges: b.edges };
}

/** The peer: index the graph and walk it once from the start, nothing else. */
function graphWalk(flow: FlowSemantics): number {
	const g = buildGraph(flow);
	return visited(g.nodes.length, g.succ, nodesOfKind(g, 'start')).filter(Boolean).length;
}

export const designerLint: Suite = {
	name: 'designer-lint',
	async run({ log }) {
		const flow = generatedFlow();
		const count = (kind: NodeKind) => flow.nodes.filter((n) => n.kind === kind).length;
		const days = longestPathDays(flow);
		const context: LintContext = { promisedDays: days, formFields: FORM_FIELDS };
		log(
			`${flow.nodes.length} nodes, ${flow.edges.length} edges: ${count('task')} tasks, ` +
				`${count('decision')} decisions, ${count('parallel_split')} splits, ` +
				`${count('supplement')} supplements, ${count('end')} ends; longest path ${days} days`
		);
		// A fast wrong answer is worthless: the flow must be whole and lint clean.
		if (flow.nodes.length !== NODES) throw new Error(`generated ${flow.nodes.length} nodes`);
		const issues = lintFlow(flow, context);
		if (issues.length)
			throw new Error(`generated flow not clean: ${issues.map((i) => i.code).join(', ')}`);
		if (graphWalk(flow) !== NODES) throw new Error('graph walk missed nodes');
		if (lintFlow(flow, { ...context, promisedDays: days - 1 }).length !== 1)
			throw new Error('TIME_EXCEEDS_PROMISED not reported one day short');

		const lintMs: number[] = [];
		const walkMs: number[] = [];
		log(`${WARMUP_RUNS} warm-up + ${RUNS} runs of each, alternating`);
		for (let i = 0; i < WARMUP_RUNS + RUNS; i++) {
			const lint = () => timed(() => lintFlow(flow, context)).ms;
			const walk = () => timed(() => graphWalk(flow)).ms;
			// Alternate which goes first, so neither always finds the caches warm.
			let l: number;
			let w: number;
			if (i % 2) {
				l = lint();
				w = walk();
			} else {
				w = walk();
				l = lint();
			}
			if (i >= WARMUP_RUNS) {
				lintMs.push(l);
				walkMs.push(w);
			}
		}
		const lint50 = median(lintMs);
		const lint95 = percentile(lintMs, 95);
		const walk50 = median(walkMs);
		log(
			`lint p50 ${lint50.toFixed(3)} ms, p95 ${lint95.toFixed(3)} ms; ` +
				`walk p50 ${walk50.toFixed(3)} ms` +
				(lint95 >= GOAL_MS ? `; misses the ${GOAL_MS} ms goal` : '')
		);
		return [
			{ name: 'designer.lint_300_ms', value: lint50, unit: 'ms' },
			{ name: 'designer.lint_300_p95_ms', value: lint95, unit: 'ms' },
			{ name: 'designer.graph_walk_300_ms', value: walk50, unit: 'ms' },
			{ name: 'designer.lint_300_vs_walk', value: lint50 / walk50, unit: 'x' }
		];
	}
};
