import { describe, expect, it } from 'vitest';
import {
	CONNECT_RULE_CODES,
	CommandStack,
	DeleteElementsCommand,
	PasteCommand,
	UpdateNodeCommand,
	canConnect,
	copySelection,
	deletionScope,
	isEmptyClipboard,
	snap
} from '../../src/lib/editor/flow';
import { editorEn, editorZh } from '../../src/lib/i18n/editor-messages';
import { sampleFlow } from '../factories/flow-editor';

describe('canConnect', () => {
	it('allows a new edge between existing nodes', () => {
		expect(canConnect(sampleFlow(), 'n2', 'n4')).toEqual({ ok: true });
	});

	it('names the first rule broken', () => {
		const doc = sampleFlow();
		const verdict = (s: string, t: string) => {
			const v = canConnect(doc, s, t);
			return v.ok ? 'ok' : v.code;
		};
		expect(verdict('n404', 'n404')).toBe('UNKNOWN_NODE');
		expect(verdict('n2', 'n404')).toBe('UNKNOWN_NODE');
		expect(verdict('n1', 'n1')).toBe('SELF_LOOP');
		expect(verdict('n4', 'n1')).toBe('START_AS_TARGET');
		expect(verdict('n4', 'n5')).toBe('END_AS_SOURCE');
		expect(verdict('n2', 'n3')).toBe('DUPLICATE_EDGE');
		expect(verdict('n3', 'n2')).toBe('ok');
	});

	it('has a message in both languages for every code', () => {
		for (const code of CONNECT_RULE_CODES) {
			expect(editorZh).toHaveProperty(`rule.${code}`);
			expect(editorEn).toHaveProperty(`rule.${code}`);
		}
	});
});

describe('deletionScope', () => {
	it('adds every edge touching a deleted node, in document order, ignoring unknown ids', () => {
		expect(deletionScope(sampleFlow(), ['n3', 'n404'], ['e1', 'e404'])).toEqual({
			nodes: ['n3'],
			edges: ['e1', 'e2', 'e3', 'e4']
		});
	});
});

describe('copySelection', () => {
	it('copies the nodes, the edges among them and their layout, nothing else', () => {
		const clip = copySelection(sampleFlow(), ['n5', 'n3', 'n404']);
		expect(clip.nodes.map((n) => n.id)).toEqual(['n3', 'n5']);
		expect(clip.edges.map((e) => e.id)).toEqual(['e4']);
		expect(clip.positions).toEqual({ n3: { x: 400, y: 0 }, n5: { x: 600, y: 80 } });
		expect(clip.bends).toEqual({ e4: [{ x: 500, y: 80 }] });
		expect(isEmptyClipboard(copySelection(sampleFlow(), []))).toBe(true);
	});

	it('is independent of later edits of the document, and the document of the snapshot', () => {
		const doc = sampleFlow();
		const clip = copySelection(doc, ['n2']);
		const copied = structuredClone(clip);
		const stack = new CommandStack(doc);
		stack.execute(new UpdateNodeCommand('n2', { name: '改', control: null }));
		doc.layout.nodes.n2 = { x: -1, y: -1 };
		stack.execute(new DeleteElementsCommand(['n2']));
		expect(clip).toEqual(copied);
		clip.nodes[0]!.name = 'mutated';
		stack.undo();
		expect(doc.semantics.nodes[1]?.name).toBe('改');
		const paste = new PasteCommand(copied);
		stack.execute(paste);
		expect(doc.semantics.nodes.at(-1)).toMatchObject({ id: 'n6', name: '审查' });
	});
});

describe('snap', () => {
	it('rounds to the grid, 20 by default, without negative zero', () => {
		expect(snap({ x: 29, y: 31 })).toEqual({ x: 20, y: 40 });
		expect(snap({ x: -9, y: 14 }, 10)).toEqual({ x: -10, y: 10 });
		expect(Object.is(snap({ x: -4, y: 0 }).x, 0)).toBe(true);
		expect(snap({ x: 3, y: 4 }, 0)).toEqual({ x: 3, y: 4 });
	});
});
