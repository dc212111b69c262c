import { describe, expect, it } from 'vitest';
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
	deepCopy,
	setDefaultBranch
} from '../../src/lib/editor/flow';
import { sampleFlow } from '../factories/flow-editor';
import { expectRoundTrip, expectSame, reactiveLike } from './flow-commands-helpers';

describe('AddNodeCommand', () => {
	it('adds a node with the next id at the end, and undo/redo restore exactly', () => {
		const doc = sampleFlow();
		const cmd = new AddNodeCommand('task', { x: 10, y: 20 }, { name: '现场核查' });
		const { after } = expectRoundTrip(doc, cmd);
		expect(cmd.nodeId).toBe('n6');
		expect(after.semantics.nodes.at(-1)).toMatchObject({
			id: 'n6',
			kind: 'task',
			name: '现场核查'
		});
		expect(after.layout.nodes.n6).toEqual({ x: 10, y: 20 });
		expect(cmd.label).toEqual({ key: 'command.addNode', params: { kind: 'task' } });
	});

	it('keeps the same id on redo, and leaves the position to layout when none is given', () => {
		const doc = sampleFlow();
		const cmd = new AddNodeCommand('end', null);
		const { stack } = expectRoundTrip(doc, cmd);
		expect(cmd.nodeId).toBe('n6');
		expect(doc.layout.nodes).not.toHaveProperty('n6');
		stack.undo();
		stack.execute(new AddNodeCommand('task', null));
		expect(doc.semantics.nodes.at(-1)?.id).toBe('n6');
	});

	it('skips ids still present in the layout and refuses an explicit id already taken', () => {
		const doc = sampleFlow();
		doc.layout.nodes.n9 = { x: 1, y: 1 };
		const stack = new CommandStack(doc);
		const fresh = new AddNodeCommand('task', null);
		stack.execute(fresh);
		expect(fresh.nodeId).toBe('n10');
		expect(stack.execute(new AddNodeCommand('task', null, { id: 'n2' }))).toBe(false);
		expect(stack.depth).toBe(1);
	});
});

describe('MoveNodesCommand', () => {
	it('moves several nodes at once, including one that had no position', () => {
		const doc = sampleFlow();
		delete doc.layout.nodes.n5;
		const cmd = new MoveNodesCommand({ n1: { x: 20, y: 20 }, n5: { x: 40, y: 40 } });
		const { after } = expectRoundTrip(doc, cmd);
		expect(after.layout.nodes.n1).toEqual({ x: 20, y: 20 });
		expect(after.layout.nodes.n5).toEqual({ x: 40, y: 40 });
		expect(cmd.label.params).toEqual({ count: 2 });
	});

	it('ignores unknown nodes and unchanged positions; nothing left is a no-op', () => {
		const doc = sampleFlow();
		const stack = new CommandStack(doc);
		const same = new MoveNodesCommand({ n1: { x: 0, y: 0 }, n99: { x: 5, y: 5 } });
		expect(stack.execute(same)).toBe(false);
		expect(stack.canUndo).toBe(false);
		expect(doc.layout.nodes).not.toHaveProperty('n99');
	});

	it('merges consecutive mergeable moves of the same nodes into one undo step', () => {
		const doc = sampleFlow();
		const before = structuredClone(doc);
		const stack = new CommandStack(doc);
		stack.execute(new MoveNodesCommand({ n1: { x: 20, y: 0 } }, { mergeable: true }));
		stack.execute(new MoveNodesCommand({ n1: { x: 40, y: 0 } }, { mergeable: true }));
		const after = structuredClone(doc);
		expect(stack.depth).toBe(1);
		stack.undo();
		expectSame(doc, before);
		stack.redo();
		expectSame(doc, after);
	});

	it('does not merge drags, other node sets, or into the saved step', () => {
		const doc = sampleFlow();
		const stack = new CommandStack(doc);
		stack.execute(new MoveNodesCommand({ n1: { x: 20, y: 0 } }));
		stack.execute(new MoveNodesCommand({ n1: { x: 40, y: 0 } }));
		stack.execute(new MoveNodesCommand({ n1: { x: 60, y: 0 } }, { mergeable: true }));
		stack.execute(new MoveNodesCommand({ n2: { x: 60, y: 60 } }, { mergeable: true }));
		expect(stack.depth).toBe(4);
		stack.markSaved();
		stack.execute(new MoveNodesCommand({ n2: { x: 80, y: 60 } }, { mergeable: true }));
		expect(stack.depth).toBe(5);
		stack.undo();
		expect(stack.isDirty).toBe(false);
	});
});

describe('ConnectCommand', () => {
	it('adds an edge with the next id at the end, the same id again on redo', () => {
		const doc = sampleFlow();
		const cmd = new ConnectCommand('n2', 'n5');
		const { after } = expectRoundTrip(doc, cmd);
		expect(cmd.edgeId).toBe('e5');
		expect(after.semantics.edges.at(-1)).toEqual({
			id: 'e5',
			source: 'n2',
			target: 'n5',
			outcome: '',
			condition: null,
			isDefault: false
		});
	});

	it('refuses what the rules refuse, leaving the reason and recording nothing', () => {
		const doc = sampleFlow();
		const before = structuredClone(doc);
		const stack = new CommandStack(doc);
		const cases = [
			['n2', 'n2', 'SELF_LOOP'],
			['n1', 'n2', 'DUPLICATE_EDGE'],
			['n2', 'n404', 'UNKNOWN_NODE'],
			['n2', 'n1', 'START_AS_TARGET'],
			['n4', 'n2', 'END_AS_SOURCE']
		] as const;
		for (const [source, target, code] of cases) {
			const cmd = new ConnectCommand(source, target);
			expect(stack.execute(cmd)).toBe(false);
			expect(cmd.refusal).toBe(code);
		}
		expect(stack.canUndo).toBe(false);
		expectSame(doc, before);
	});
});

describe('DeleteElementsCommand', () => {
	it('deletes a node with all its edges and layout, and undo restores order and layout', () => {
		const doc = sampleFlow();
		const cmd = new DeleteElementsCommand(['n3']);
		const { after } = expectRoundTrip(doc, cmd);
		expect(after.semantics.nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n4', 'n5']);
		expect(after.semantics.edges.map((e) => e.id)).toEqual(['e1']);
		expect(after.layout).toEqual({
			nodes: {
				n1: { x: 0, y: 0 },
				n2: { x: 200, y: 0 },
				n4: { x: 600, y: -80 },
				n5: { x: 600, y: 80 }
			},
			edges: {}
		});
		expect(cmd.label).toEqual({ key: 'command.deleteElements', params: { nodes: 1, edges: 3 } });
	});

	it('deletes scattered nodes and edges together and puts each back at its index', () => {
		const doc = sampleFlow();
		const { after } = expectRoundTrip(doc, new DeleteElementsCommand(['n1', 'n4'], ['e4']));
		expect(after.semantics.nodes.map((n) => n.id)).toEqual(['n2', 'n3', 'n5']);
		expect(after.semantics.edges.map((e) => e.id)).toEqual(['e2']);
	});

	it('deletes a lone edge with its bend points; nothing existing is a no-op', () => {
		const doc = sampleFlow();
		const { after } = expectRoundTrip(doc, new DeleteElementsCommand([], ['e4']));
		expect(after.layout.edges).toEqual({});
		const stack = new CommandStack(doc);
		expect(stack.execute(new DeleteElementsCommand(['n404'], ['e404']))).toBe(false);
	});
});

describe('UpdateNodeCommand', () => {
	it('patches properties, and undo restores the previous values', () => {
		const doc = sampleFlow();
		const patch = {
			name: '实质审查',
			timeLimitDays: 3,
			control: { kind: 'collective' as const, description: '集体讨论', secondPerson: false }
		};
		const { after } = expectRoundTrip(doc, new UpdateNodeCommand('n2', patch));
		expect(after.semantics.nodes[1]).toMatchObject(patch);
		patch.control.description = 'changed after';
		expect(doc.semantics.nodes[1]?.control?.description).toBe('集体讨论');
	});

	it('sets a control where there was none and clears it again on undo', () => {
		const doc = sampleFlow();
		const control = { kind: 'hearing' as const, description: '听证', secondPerson: true };
		const { after } = expectRoundTrip(doc, new UpdateNodeCommand('n3', { control }));
		expect(after.semantics.nodes[2]?.control).toEqual(control);
		expect(doc.semantics.nodes[2]?.control).not.toBe(control);
	});

	it('is a no-op for equal values, undefined members or an unknown node', () => {
		const doc = sampleFlow();
		const stack = new CommandStack(doc);
		const control = { kind: 'legal_review' as const, description: '法制审核', secondPerson: true };
		expect(stack.execute(new UpdateNodeCommand('n2', { name: '审查', control }))).toBe(false);
		expect(stack.execute(new UpdateNodeCommand('n2', { name: undefined }))).toBe(false);
		expect(stack.execute(new UpdateNodeCommand('n404', { name: 'x' }))).toBe(false);
		expect(stack.canUndo).toBe(false);
	});
});

describe('UpdateEdgeCommand and setDefaultBranch', () => {
	it('patches outcome and a condition (deep-copied), and undo restores them', () => {
		const doc = sampleFlow();
		const condition = { all: [{ field: 'area', op: 'gt' as const, value: 100 }] };
		const cmd = new UpdateEdgeCommand('e4', { outcome: '面积过大', condition });
		const { after } = expectRoundTrip(doc, cmd);
		expect(after.semantics.edges[3]).toMatchObject({ outcome: '面积过大', condition });
		condition.all.push({ field: 'x', op: 'gt', value: 1 });
		expect(doc.semantics.edges[3]?.condition).toEqual({
			all: [{ field: 'area', op: 'gt', value: 100 }]
		});
	});

	it('moves the default branch in one undoable step', () => {
		const doc = sampleFlow();
		const cmd = setDefaultBranch(doc, 'e4');
		const { after } = expectRoundTrip(doc, cmd);
		expect(after.semantics.edges.map((e) => e.isDefault)).toEqual([false, false, false, true]);
		expect(cmd.label.key).toBe('command.setDefaultBranch');
		expect(new CommandStack(doc).execute(setDefaultBranch(doc, 'e4'))).toBe(false);
	});
});

describe('PasteCommand', () => {
	it('pastes copies with fresh ids and offset positions, the same ids on redo', () => {
		const doc = sampleFlow();
		const cmd = new PasteCommand(copySelection(doc, ['n3', 'n5']));
		const { after } = expectRoundTrip(doc, cmd);
		expect(cmd.pastedIds).toEqual({ nodes: ['n6', 'n7'], edges: ['e5'] });
		expect(after.semantics.nodes.slice(5)).toMatchObject([
			{ id: 'n6', kind: 'decision', name: '决定' },
			{ id: 'n7', kind: 'end', name: '不予许可', outcome: 'reject' }
		]);
		expect(after.semantics.edges.at(-1)).toMatchObject({ id: 'e5', source: 'n6', target: 'n7' });
		expect(after.layout.nodes.n6).toEqual({ x: 440, y: 40 });
		expect(after.layout.edges.e5).toEqual([{ x: 540, y: 120 }]);
		expect(cmd.label).toEqual({ key: 'command.paste', params: { count: 2 } });
	});

	it('pastes the same clipboard twice with distinct ids; an empty one is a no-op', () => {
		const doc = sampleFlow();
		const clip = copySelection(doc, ['n2']);
		const stack = new CommandStack(doc);
		const first = new PasteCommand(clip);
		const second = new PasteCommand(clip, { x: 80, y: 80 });
		stack.execute(first);
		stack.execute(second);
		expect([first.pastedIds.nodes, second.pastedIds.nodes]).toEqual([['n6'], ['n7']]);
		expect(doc.layout.nodes.n7).toEqual({ x: 280, y: 80 });
		expect(stack.execute(new PasteCommand(copySelection(doc, [])))).toBe(false);
	});
});

describe('ApplyLayoutCommand', () => {
	it('sets many positions and bend points, and undo removes those that did not exist', () => {
		const doc = sampleFlow();
		delete doc.layout.nodes.n4;
		const cmd = new ApplyLayoutCommand({
			nodes: { n1: { x: 0, y: 100 }, n4: { x: 700, y: 0 }, n404: { x: 1, y: 1 } },
			edges: { e3: [{ x: 650, y: 0 }], e4: [] }
		});
		const { after } = expectRoundTrip(doc, cmd);
		expect(after.layout.nodes.n4).toEqual({ x: 700, y: 0 });
		expect(after.layout.nodes).not.toHaveProperty('n404');
		expect(after.layout.edges).toEqual({ e3: [{ x: 650, y: 0 }], e4: [] });
	});

	it('is a no-op when every position is already as given', () => {
		const doc = sampleFlow();
		const stack = new CommandStack(doc);
		expect(stack.execute(new ApplyLayoutCommand({ nodes: { ...doc.layout.nodes } }))).toBe(false);
	});
});

describe('RenameFlowCommand', () => {
	it('renames the flow; the same name is a no-op', () => {
		const doc = sampleFlow();
		const { after, stack } = expectRoundTrip(doc, new RenameFlowCommand('食品经营许可（新办）'));
		expect(after.name).toBe('食品经营许可（新办）');
		expect(stack.execute(new RenameFlowCommand('食品经营许可（新办）'))).toBe(false);
	});
});

describe('commands on a reactive proxy (as Svelte 5 $state)', () => {
	it('edit through the proxy without structuredClone, and undo restores exactly', () => {
		const raw = sampleFlow();
		const before = structuredClone(raw);
		const doc = reactiveLike(raw);
		expect(() => structuredClone(doc)).toThrow();
		const stack = new CommandStack(doc);
		stack.execute(new DeleteElementsCommand(['n3']));
		stack.execute(new PasteCommand(copySelection(doc, ['n1', 'n2'])));
		stack.execute(new UpdateNodeCommand('n2', { name: '改名' }));
		const after = deepCopy(doc);
		expect(() => structuredClone(raw)).not.toThrow();
		while (stack.undo());
		expectSame(deepCopy(doc), before);
		while (stack.redo());
		expectSame(deepCopy(doc), after);
		expect(() => structuredClone(raw)).not.toThrow();
	});
});
