import {
	newEdge,
	newNode,
	type FlowEdge,
	type FlowNode,
	type FlowSemantics,
	type NodeKind
} from '../../src/lib/domain/flow/types';

const NAMES: Record<NodeKind, string> = {
	start: '申请',
	task: '办理',
	decision: '',
	parallel_split: '',
	parallel_join: '',
	supplement: '补正',
	end: '办结'
};

/**
 * A node that passes every rule about its own properties: start, steps and ends named (gateways
 * not), steps with a department and a post, tasks with a 2-day time limit, ends approving.
 */
export function node(id: string, kind: NodeKind, over: Partial<FlowNode> = {}): FlowNode {
	const n = newNode(id, kind, NAMES[kind]);
	if (kind === 'task' || kind === 'supplement') {
		n.department = 'XZSP';
		n.post = '审批岗';
	}
	if (kind === 'task') n.timeLimitDays = 2;
	return { ...n, ...over };
}

/** An edge from `source` to `target`, with id `source>target` unless `over` gives one. */
export function edge(source: string, target: string, over: Partial<FlowEdge> = {}): FlowEdge {
	return { ...newEdge(`${source}>${target}`, source, target), ...over };
}

/**
 * A flow from nodes (`{ id: kind }`, or full nodes) and links (`'a>b'`, or full edges):
 * `flowWith({ s: 'start', t: 'task', e: 'end' }, ['s>t', 't>e'])`.
 */
export function flowWith(
	nodes: Record<string, NodeKind | FlowNode>,
	links: readonly (string | FlowEdge)[]
): FlowSemantics {
	return {
		nodes: Object.entries(nodes).map(([id, n]) => (typeof n === 'string' ? node(id, n) : n)),
		edges: links.map((l) => {
			if (typeof l !== 'string') return l;
			const [source = '', target = ''] = l.split('>');
			return edge(source, target);
		})
	};
}

/** A copy of the flow with the node or edge of that id changed. */
export function patch(
	flow: FlowSemantics,
	id: string,
	over: Partial<FlowNode> | Partial<FlowEdge>
): FlowSemantics {
	if (!flow.nodes.some((n) => n.id === id) && !flow.edges.some((e) => e.id === id))
		throw new Error(`no node or edge ${id}`);
	return {
		nodes: flow.nodes.map((n) => (n.id === id ? { ...n, ...(over as Partial<FlowNode>) } : n)),
		edges: flow.edges.map((e) => (e.id === id ? { ...e, ...(over as Partial<FlowEdge>) } : e))
	};
}

/** A copy of the flow with more nodes and links (as `flowWith` takes them). */
export function extend(
	flow: FlowSemantics,
	nodes: Record<string, NodeKind | FlowNode>,
	links: readonly (string | FlowEdge)[]
): FlowSemantics {
	const more = flowWith(nodes, links);
	return { nodes: [...flow.nodes, ...more.nodes], edges: [...flow.edges, ...more.edges] };
}

/** start → task → end: the smallest valid flow. */
export function linearFlow(): FlowSemantics {
	return flowWith({ s: 'start', t: 'task', e: 'end' }, ['s>t', 't>e']);
}

/** start → task → decision `d` with branches 准予 (→ end `ok`) and 不予 (→ end `no`). */
export function decisionFlow(): FlowSemantics {
	return flowWith(
		{
			s: 'start',
			t: 'task',
			d: 'decision',
			ok: 'end',
			no: node('no', 'end', { outcome: 'reject' })
		},
		['s>t', 't>d', edge('d', 'ok', { outcome: '准予' }), edge('d', 'no', { outcome: '不予' })]
	);
}

/** start → split `p` → tasks `a`, `b` → join `j` → task `t` → end. */
export function parallelFlow(): FlowSemantics {
	return flowWith(
		{
			s: 'start',
			p: 'parallel_split',
			a: 'task',
			b: 'task',
			j: 'parallel_join',
			t: 'task',
			e: 'end'
		},
		['s>p', 'p>a', 'p>b', 'a>j', 'b>j', 'j>t', 't>e']
	);
}

/**
 * A realistic licensing flow (its longest path takes 1 + 5 + max(3, 4) + 2 = 12 working days):
 * 申请 → 受理 → 审查 → 审查结论: 准予 → 联合会签 (自然资源局, 住建局 in parallel) → 汇合 →
 * 法制审核 (legal review) → 办结（准予）; 不予 → 办结（不予）.
 */
export function licensingFlow(): FlowSemantics {
	const step = (id: string, name: string, department: string, post: string, days: number) =>
		node(id, 'task', { name, department, post, timeLimitDays: days, duty: `${name}职责` });
	return flowWith(
		{
			apply: node('apply', 'start', { name: '申请' }),
			accept: step('accept', '受理', 'XZSP', '受理岗', 1),
			review: step('review', '审查', 'XZSP', '审查岗', 5),
			verdict: node('verdict', 'decision', { name: '审查结论' }),
			cosign: node('cosign', 'parallel_split', { name: '联合会签' }),
			land: step('land', '会签（自然资源局）', 'ZRZY', '会签岗', 3),
			housing: step('housing', '会签（住建局）', 'ZJJ', '会签岗', 4),
			cosigned: node('cosigned', 'parallel_join', { name: '会签汇合' }),
			legal: {
				...step('legal', '法制审核', 'SFJ', '法制审核岗', 2),
				control: {
					kind: 'legal_review',
					description: '重大行政决定作出前由法制审核岗审核合法性',
					secondPerson: true
				}
			},
			approved: node('approved', 'end', { name: '准予许可', outcome: 'approve' }),
			refused: node('refused', 'end', { name: '不予许可', outcome: 'reject' })
		},
		[
			'apply>accept',
			'accept>review',
			'review>verdict',
			edge('verdict', 'cosign', { outcome: '准予' }),
			edge('verdict', 'refused', { outcome: '不予' }),
			'cosign>land',
			'cosign>housing',
			'land>cosigned',
			'housing>cosigned',
			'cosigned>legal',
			'legal>approved'
		]
	);
}
