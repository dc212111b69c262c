import { nextId, type FlowDocument } from '$lib/domain/flow/types';

/**
 * Allocates fresh node (`n…`) and edge (`e…`) ids for a document: above every id its semantics
 * and its layout use, and above every id allocated before by this allocator.
 */
export class IdAllocator {
	private used: { n: string[]; e: string[] };

	constructor(doc: FlowDocument) {
		this.used = {
			n: [...doc.semantics.nodes.map((n) => n.id), ...Object.keys(doc.layout.nodes)],
			e: [...doc.semantics.edges.map((e) => e.id), ...Object.keys(doc.layout.edges)]
		};
	}

	next(prefix: 'n' | 'e'): string {
		const id = nextId(prefix, this.used[prefix]);
		this.used[prefix].push(id);
		return id;
	}
}
