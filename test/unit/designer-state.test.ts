import { describe, expect, it } from 'vitest';
import { DesignerState } from '../../src/lib/components/flow-designer/designer-state.svelte';
import { emptyFlow } from '../../src/lib/domain/flow/types';
import {
	AddNodeCommand,
	ApplyLayoutCommand,
	MoveNodesCommand,
	RenameFlowCommand
} from '../../src/lib/editor/flow';

describe('designer state: what a change asks to redo', () => {
	it('counts every change for the canvas, and only changes of steps or connections for the checks and the list', () => {
		const designer = new DesignerState(emptyFlow('990001-SCJG-XK-0001', '流程'));
		const add = new AddNodeCommand('task', { x: 0, y: 0 }, { name: '审查' });
		expect(designer.execute(add)).toBe(true);
		expect([designer.version, designer.semanticsVersion]).toEqual([1, 1]);

		const id = add.nodeId!;
		designer.execute(new MoveNodesCommand({ [id]: { x: 40, y: 20 } }));
		expect([designer.version, designer.semanticsVersion]).toEqual([2, 1]);
		designer.execute(new ApplyLayoutCommand({ nodes: { [id]: { x: 100, y: 60 } } }));
		expect([designer.version, designer.semanticsVersion]).toEqual([3, 1]);
		designer.undo(); // the layout again: positions only
		expect([designer.version, designer.semanticsVersion]).toEqual([4, 1]);
		expect(designer.doc.layout.nodes[id]).toEqual({ x: 40, y: 20 });

		designer.markSaved(designer.stack.revision);
		expect(designer.semanticsVersion).toBe(1);
		expect(designer.dirty).toBe(false);

		designer.execute(new RenameFlowCommand('新流程'));
		expect(designer.semanticsVersion).toBe(2);
		designer.undo(); // the rename
		expect(designer.semanticsVersion).toBe(3);
		designer.undo(); // the move
		designer.undo(); // the added step
		expect(designer.doc.semantics.nodes).toEqual([]);
		expect(designer.semanticsVersion).toBe(4);
	});
});
