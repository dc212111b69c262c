import type { FlowDocument } from '../../src/lib/domain/flow/types';
import { emptyFlow, newEdge, newNode } from '../../src/lib/domain/flow/types';

/**
 * A small complete flow: 受理 → 审查 → 决定 → 准予 / 不予 办结. Every node has a position, the
 * reject edge has a bend point, the review step has a control point and the decision's edges
 * carry outcomes. Override what a test is about.
 */
export function sampleFlow(over: Partial<FlowDocument> = {}): FlowDocument {
	const review = {
		...newNode('n2', 'task', '审查'),
		department: 'SCJ',
		post: 'review',
		timeLimitDays: 5,
		control: { kind: 'legal_review' as const, description: '法制审核', secondPerson: true }
	};
	const reject = { ...newNode('n5', 'end', '不予许可'), outcome: 'reject' as const };
	return {
		...emptyFlow('330000-XK-001', '食品经营许可'),
		semantics: {
			nodes: [
				newNode('n1', 'start', '受理'),
				review,
				newNode('n3', 'decision', '决定'),
				newNode('n4', 'end', '准予许可'),
				reject
			],
			edges: [
				newEdge('e1', 'n1', 'n2'),
				newEdge('e2', 'n2', 'n3'),
				{ ...newEdge('e3', 'n3', 'n4'), outcome: '同意', isDefault: true },
				{ ...newEdge('e4', 'n3', 'n5'), outcome: '不同意' }
			]
		},
		layout: {
			nodes: {
				n1: { x: 0, y: 0 },
				n2: { x: 200, y: 0 },
				n3: { x: 400, y: 0 },
				n4: { x: 600, y: -80 },
				n5: { x: 600, y: 80 }
			},
			edges: { e4: [{ x: 500, y: 80 }] }
		},
		...over
	};
}

/** A deterministic pseudo-random source in [0, 1) (mulberry32) for property-style tests. */
export { mulberry32 as seededRandom } from '../../src/lib/domain/seeded-random';
