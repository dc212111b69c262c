import type { FlowDocument, FlowEdge, FlowNode, Point } from '$lib/domain/flow/types';
import type { FlowClipboard } from '../clipboard';
import type { Command, CommandLabel } from '../command';
import { translate } from '../geometry';
import { IdAllocator } from '../ids';
import { deepCopy, setEntry } from '../plain';

interface Pasted {
	nodes: FlowNode[];
	edges: FlowEdge[];
	positions: Record<string, Point>;
	bends: Record<string, Point[]>;
}

/** Where pasted nodes go relative to the copied ones unless told otherwise. */
export const PASTE_OFFSET: Point = { x: 40, y: 40 };

/**
 * Adds copies of the clipboard's nodes and of the edges among them at the ends of the lists, with
 * fresh ids (chosen
 * on the first execute and reused on redo) and positions and bend points moved by `offset`.
 * `pastedIds` then lists the new ids, for selecting them. An empty clipboard is a no-op.
 */
export class PasteCommand implements Command<FlowDocument> {
	readonly label: CommandLabel;
	private pasted: Pasted | undefined;

	constructor(
		private readonly clip: FlowClipboard,
		private readonly offset: Point = PASTE_OFFSET
	) {
		this.label = { key: 'command.paste', params: { count: clip.nodes.length } };
	}

	/** The new node and edge ids; empty until executed. */
	get pastedIds(): { nodes: string[]; edges: string[] } {
		return {
			nodes: this.pasted?.nodes.map((n) => n.id) ?? [],
			edges: this.pasted?.edges.map((e) => e.id) ?? []
		};
	}

	execute(doc: FlowDocument): boolean {
		if (this.clip.nodes.length === 0) return false;
		const pasted = (this.pasted ??= this.build(doc));
		const taken = new Set(doc.semantics.nodes.map((n) => n.id));
		if (pasted.nodes.some((n) => taken.has(n.id))) return false;
		doc.semantics.nodes.push(...deepCopy(pasted.nodes));
		doc.semantics.edges.push(...deepCopy(pasted.edges));
		for (const [id, p] of Object.entries(pasted.positions)) setEntry(doc.layout.nodes, id, p);
		for (const [id, b] of Object.entries(pasted.bends)) setEntry(doc.layout.edges, id, b);
		return true;
	}

	revert(doc: FlowDocument): void {
		if (!this.pasted) return;
		const nodeIds = new Set(this.pasted.nodes.map((n) => n.id));
		const edgeIds = new Set(this.pasted.edges.map((e) => e.id));
		removeWhere(doc.semantics.nodes, (n) => nodeIds.has(n.id));
		removeWhere(doc.semantics.edges, (e) => edgeIds.has(e.id));
		for (const id of Object.keys(this.pasted.positions)) delete doc.layout.nodes[id];
		for (const id of Object.keys(this.pasted.bends)) delete doc.layout.edges[id];
	}

	private build(doc: FlowDocument): Pasted {
		const ids = new IdAllocator(doc);
		const nodeIds = new Map(this.clip.nodes.map((n) => [n.id, ids.next('n')]));
		const inner = this.clip.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target));
		const edgeIds = new Map(inner.map((e) => [e.id, ids.next('e')]));
		const renamed = (map: Map<string, string>, id: string) => map.get(id) ?? id;
		const pasted: Pasted = {
			nodes: this.clip.nodes.map((n) => ({ ...deepCopy(n), id: renamed(nodeIds, n.id) })),
			edges: inner.map((e) => ({
				...deepCopy(e),
				id: renamed(edgeIds, e.id),
				source: renamed(nodeIds, e.source),
				target: renamed(nodeIds, e.target)
			})),
			positions: {},
			bends: {}
		};
		for (const [id, p] of Object.entries(this.clip.positions)) {
			if (nodeIds.has(id)) pasted.positions[renamed(nodeIds, id)] = translate(p, this.offset);
		}
		for (const [id, points] of Object.entries(this.clip.bends)) {
			if (!edgeIds.has(id)) continue;
			pasted.bends[renamed(edgeIds, id)] = points.map((p) => translate(p, this.offset));
		}
		return pasted;
	}
}

/** Removes, in place, the items matching `match`. */
function removeWhere<T>(list: T[], match: (item: T) => boolean): void {
	for (let i = list.length - 1; i >= 0; i--) if (match(list[i] as T)) list.splice(i, 1);
}
