/**
 * Stage 2, normalize: the validated bundle in one canonical shape, so that what the designer
 * stored in a different order or with stray spaces compiles to the same bytes. Nodes and edges in
 * id order (numbers in ids numerically), text trimmed, properties a kind does not use cleared,
 * drawing positions dropped (they do not change what a case may do). Returns new objects; the
 * sources are not touched.
 */
import { compareIds } from '../domain/flow/graph';
import type { FlowEdge, FlowNode } from '../domain/flow/types';
import type { FormDocument } from '../domain/form/types';
import type { BundleSource } from './types';

export interface NormalizedBundle {
	item: BundleSource['item'];
	nodes: FlowNode[];
	edges: FlowEdge[];
	form: FormDocument | null;
	org: BundleSource['org'];
}

const STAFFED: ReadonlySet<string> = new Set(['start', 'task', 'supplement']);

export function normalizeBundle(src: BundleSource): NormalizedBundle {
	const nodes = (src.flow?.semantics.nodes ?? [])
		.map((n): FlowNode => {
			const staffed = STAFFED.has(n.kind);
			const timed = n.kind === 'task' || n.kind === 'supplement';
			return {
				id: n.id,
				kind: n.kind,
				name: n.name.trim(),
				department: staffed ? n.department.trim() : '',
				post: staffed ? n.post.trim() : '',
				duty: n.kind === 'task' ? n.duty.trim() : '',
				timeLimitDays: timed ? n.timeLimitDays : null,
				control:
					n.kind === 'task' && n.control
						? {
								kind: n.control.kind,
								description: n.control.description.trim(),
								secondPerson: n.control.secondPerson
							}
						: null,
				rights: n.kind === 'task' ? n.rights.trim() : '',
				complaint: n.kind === 'task' ? n.complaint.trim() : '',
				outcome: n.kind === 'end' ? n.outcome : null
			};
		})
		.sort((a, b) => compareIds(a.id, b.id));
	const edges = (src.flow?.semantics.edges ?? [])
		.map((e): FlowEdge => ({
			id: e.id,
			source: e.source,
			target: e.target,
			outcome: e.outcome.trim(),
			condition: e.condition,
			isDefault: e.isDefault
		}))
		.sort((a, b) => compareIds(a.id, b.id));
	return { item: src.item, nodes, edges, form: src.form, org: src.org };
}
