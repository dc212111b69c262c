import { describe, expect, it } from 'vitest';
import { NODE_KINDS, type FlowDocument } from '../../src/lib/domain/flow/types';
import {
	AddNodeCommand,
	ApplyLayoutCommand,
	CommandStack,
	ConnectCommand,
	DeleteElementsCommand,
	MoveNodesCommand,
	PasteCommand,
	RenameFlowCommand,
	UpdateEdgeCommand,
	UpdateNodeCommand,
	copySelection,
	setDefaultBranch,
	type Command
} from '../../src/lib/editor/flow';
import { editorZh } from '../../src/lib/i18n/editor-messages';
import { sampleFlow, seededRandom } from '../factories/flow-editor';
import { expectSame } from './flow-commands-helpers';

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T | undefined =>
	items[Math.floor(random() * items.length)];
const point = (random: Random) => ({
	x: Math.round(random() * 50) * 20,
	y: Math.round(random() * 30) * 20
});
const someOf = <T>(random: Random, items: readonly T[]) => items.filter(() => random() < 0.3);

/** A random command over `doc` as it is now (it may be a no-op or refused). */
function randomCommand(doc: FlowDocument, random: Random): Command<FlowDocument> {
	const nodeIds = doc.semantics.nodes.map((n) => n.id);
	const edgeIds = doc.semantics.edges.map((e) => e.id);
	const anyNode = () => pick(random, nodeIds) ?? 'n404';
	const anyEdge = () => pick(random, edgeIds) ?? 'e404';
	const makers: (() => Command<FlowDocument>)[] = [
		() =>
			new AddNodeCommand(pick(random, NODE_KINDS) ?? 'task', random() < 0.8 ? point(random) : null),
		() =>
			new MoveNodesCommand(
				Object.fromEntries(someOf(random, nodeIds).map((id) => [id, point(random)]))
			),
		() => new MoveNodesCommand({ [anyNode()]: point(random) }, { mergeable: true }),
		() => new ConnectCommand(anyNode(), anyNode()),
		() => new DeleteElementsCommand(someOf(random, nodeIds), someOf(random, edgeIds)),
		() => new UpdateNodeCommand(anyNode(), { name: `步骤${Math.floor(random() * 5)}` }),
		() =>
			new UpdateNodeCommand(anyNode(), {
				timeLimitDays: random() < 0.5 ? null : 1 + Math.floor(random() * 20),
				control:
					random() < 0.5
						? null
						: { kind: 'publicity', description: '公示', secondPerson: random() < 0.5 }
			}),
		() =>
			new UpdateEdgeCommand(anyEdge(), {
				outcome: pick(random, ['', '同意', '不同意']) ?? '',
				condition:
					random() < 0.5 ? null : { field: 'area', op: 'gt', value: Math.floor(random() * 9) }
			}),
		() => setDefaultBranch(doc, anyEdge()),
		() => new PasteCommand(copySelection(doc, someOf(random, nodeIds)), point(random)),
		() =>
			new ApplyLayoutCommand({
				nodes: Object.fromEntries(nodeIds.map((id) => [id, point(random)])),
				edges: Object.fromEntries(someOf(random, edgeIds).map((id) => [id, [point(random)]]))
			}),
		() => new RenameFlowCommand(`流程${Math.floor(random() * 3)}`)
	];
	return (pick(random, makers) ?? makers[0]!)();
}

describe('a seeded sequence of random edits', () => {
	it.each([1, 2, 3, 42, 2024])(
		'undoes all to the original and redoes all to the end (seed %i)',
		(seed) => {
			const random = seededRandom(seed);
			const doc = sampleFlow();
			const original = structuredClone(doc);
			const stack = new CommandStack(doc, { maxDepth: 1000 });
			const states: FlowDocument[] = [structuredClone(doc)];
			const kinds = new Set<string>();
			for (let i = 0; i < 200; i++) {
				if (random() < 0.1 && stack.undo()) {
					states.pop();
					expectSame(doc, states.at(-1));
					continue;
				}
				const changed = stack.execute(randomCommand(doc, random));
				if (changed) kinds.add(stack.undoLabel?.key ?? '');
				if (changed && stack.depth === states.length) states.push(structuredClone(doc));
				else if (changed) states[states.length - 1] = structuredClone(doc);
				else expectSame(doc, states.at(-1));
			}
			expect(stack.depth).toBe(states.length - 1);
			expect(stack.depth).toBeGreaterThan(60);
			expect([...kinds].sort()).toEqual(
				Object.keys(editorZh)
					.filter((key) => key.startsWith('command.'))
					.sort()
			);
			const final = structuredClone(doc);
			for (let i = states.length - 2; i >= 0; i--) {
				stack.undo();
				expectSame(doc, states[i]);
			}
			expect(stack.canUndo).toBe(false);
			expectSame(doc, original);
			while (stack.redo());
			expectSame(doc, final);
			const ids = [...doc.semantics.nodes, ...doc.semantics.edges].map((x) => x.id);
			expect(new Set(ids).size).toBe(ids.length);
		}
	);
});
