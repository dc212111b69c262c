/**
 * Stage 3, lower: the normalized bundle as an executable graph. Departments and posts resolved to
 * their names, each step's working-day limit, decisions as ordered branches with compiled
 * conditions and an explicit default, every parallel split paired with the join that closes it
 * and that join's expected branch set, the clock rules of the item. Runs only on a bundle without
 * errors (the lint guarantees the degrees and matches used here).
 */
import { APPLICATION_CATEGORIES } from '../domain/catalogue/types';
import { buildGraph, nodesOfKind } from '../domain/flow/graph';
import { longestPathDays } from '../domain/flow/lint';
import { matchParallel } from '../domain/flow/parallel';
import type { FlowNode } from '../domain/flow/types';
import { formSchemaId } from '../domain/form/to-schema';
import { compileCondition } from './expr';
import type { NormalizedBundle } from './normalize';
import {
	GENERATED_HEADER,
	type RuntimeDefinition,
	type RuntimeNode,
	type RuntimePost
} from './types';

/** Whether a bundle's lowering failed on something validate should have caught (a compiler bug). */
export class LoweringError extends Error {}

/** The versioned `$id` of an item version's form schema. */
export function frozenSchemaId(code: string, version: number): string {
	return `${formSchemaId(code)}:v${version}`;
}

export function lowerBundle(b: NormalizedBundle): RuntimeDefinition {
	const { content } = b.item;
	const flow = { nodes: b.nodes, edges: b.edges };
	const g = buildGraph(flow);
	const index = new Map(b.nodes.map((n, i) => [n.id, i]));
	const departments = new Map(b.org.departments.map((d) => [d.code, d]));
	const starts = nodesOfKind(g, 'start');
	const ends = nodesOfKind(g, 'end');
	const parallel = matchParallel(g, starts, ends);
	const splitOf = new Map<number, number>();
	for (const [split, join] of parallel.closing) splitOf.set(join, split);

	const one = (i: number): string => {
		const out = g.out[i]!;
		if (out.length !== 1) throw new LoweringError(`${b.nodes[i]!.id}: ${out.length} outgoing`);
		return out[0]!.target;
	};
	const staffed = (n: FlowNode): RuntimePost => {
		const d = departments.get(n.department);
		const p = d?.posts.find((x) => x.code === n.post);
		if (!d || !p) throw new LoweringError(`${n.id}: unknown post ${n.department}/${n.post}`);
		return { department: { code: d.code, name: d.name }, post: { code: p.code, name: p.name } };
	};

	const nodes: Record<string, RuntimeNode> = {};
	b.nodes.forEach((n, i) => {
		const base = { name: n.name };
		switch (n.kind) {
			case 'start': {
				const d = n.department ? departments.get(n.department) : undefined;
				const p = d && n.post ? d.posts.find((x) => x.code === n.post) : undefined;
				nodes[n.id] = {
					kind: 'start',
					...base,
					department: d ? { code: d.code, name: d.name } : null,
					post: p ? { code: p.code, name: p.name } : null,
					next: one(i)
				};
				break;
			}
			case 'task':
				nodes[n.id] = {
					kind: 'task',
					...base,
					...staffed(n),
					duty: n.duty,
					limitDays: n.timeLimitDays ?? 0,
					control: n.control,
					rights: n.rights,
					complaint: n.complaint,
					next: one(i)
				};
				break;
			case 'supplement':
				nodes[n.id] = {
					kind: 'supplement',
					...base,
					...staffed(n),
					limitDays: n.timeLimitDays,
					next: one(i)
				};
				break;
			case 'decision': {
				const out = g.out[i]!;
				const fallback = out.find((e) => e.isDefault);
				nodes[n.id] = {
					kind: 'decision',
					...base,
					branches: out
						.filter((e) => !e.isDefault)
						.map((e) => ({
							edge: e.id,
							to: e.target,
							outcome: e.outcome,
							when: e.condition ? compileCondition(e.condition) : null
						})),
					default: fallback ? { edge: fallback.id, to: fallback.target } : null
				};
				break;
			}
			case 'parallel_split': {
				const join = parallel.closing.get(i);
				if (join === undefined) throw new LoweringError(`${n.id}: split without join`);
				nodes[n.id] = {
					kind: 'parallel_split',
					...base,
					branches: g.out[i]!.map((e) => ({ edge: e.id, to: e.target })),
					join: b.nodes[join]!.id
				};
				break;
			}
			case 'parallel_join': {
				const split = splitOf.get(i);
				if (split === undefined) throw new LoweringError(`${n.id}: join without split`);
				nodes[n.id] = {
					kind: 'parallel_join',
					...base,
					split: b.nodes[split]!.id,
					expects: g.out[split]!.map((e) => e.id),
					next: one(i)
				};
				break;
			}
			case 'end':
				nodes[n.id] = { kind: 'end', ...base, outcome: n.outcome ?? 'other' };
				break;
		}
	});
	const start = b.nodes[starts[0]!]?.id;
	if (start === undefined || !index.has(start)) throw new LoweringError('no start');

	const uploads: Record<string, string> = {};
	for (const f of b.form?.fields ?? [])
		for (const field of f.kind === 'group'
			? (f.fields ?? []).map((x) => ({ ...x, id: `${f.id}.${x.id}` }))
			: [f])
			if (field.kind === 'file' && field.material) uploads[field.id] = field.material.trim();
	const uploadOf = new Map(Object.entries(uploads).map(([id, m]) => [m, id]));
	const department = departments.get(b.item.department);

	return {
		$comment: GENERATED_HEADER,
		format: 'sunlit.definition',
		formatVersion: 1,
		item: {
			code: b.item.code,
			version: b.item.version,
			name: content.name.trim(),
			category: content.category,
			department: { code: b.item.department, name: department?.name ?? b.item.department }
		},
		clock: {
			statutoryDays: content.statutoryDays,
			promisedDays: content.promisedDays,
			caseType: content.promisedDays === 0 ? 'immediate' : 'promised',
			supplement:
				APPLICATION_CATEGORIES.includes(content.category) || content.category === 'other'
					? 'restart'
					: 'resume',
			longestPathDays: longestPathDays(flow)
		},
		start,
		nodes,
		materials: content.materials.map((m) => ({
			name: m.name.trim(),
			required: m.required,
			upload: uploadOf.get(m.name.trim()) ?? null
		})),
		form: {
			schemaId: b.form ? frozenSchemaId(b.item.code, b.item.version) : null,
			uploads
		},
		discretion: content.category === 'penalty' ? content.discretion : []
	};
}
