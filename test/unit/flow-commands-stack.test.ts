import { describe, expect, it } from 'vitest';
import {
	CommandStack,
	CompositeCommand,
	DEFAULT_MAX_DEPTH,
	RenameFlowCommand,
	type Command,
	type StackChange
} from '../../src/lib/editor/flow';
import { sampleFlow } from '../factories/flow-editor';
import { expectRoundTrip, expectSame } from './flow-commands-helpers';

type Log = string[];

/** A command over a log that appends `name` on execute and removes it on revert. */
function step(name: string, changes = true): Command<Log> {
	return {
		label: { key: 'command.renameFlow', params: { name } },
		execute: (log) => changes && log.push(name) > 0,
		revert: (log) => void log.splice(log.lastIndexOf(name), 1)
	};
}

describe('CommandStack', () => {
	it('undoes and redoes in order, reporting what it can do and the labels', () => {
		const stack = new CommandStack<Log>([]);
		expect([stack.canUndo, stack.canRedo, stack.undo(), stack.redo()]).toEqual([
			false,
			false,
			false,
			false
		]);
		stack.execute(step('a'));
		stack.execute(step('b'));
		expect(stack.state).toEqual(['a', 'b']);
		expect(stack.undoLabel?.params).toEqual({ name: 'b' });
		stack.undo();
		expect([stack.canUndo, stack.canRedo]).toEqual([true, true]);
		expect(stack.redoLabel?.params).toEqual({ name: 'b' });
		stack.undo();
		expect([stack.state, stack.canUndo]).toEqual([[], false]);
		stack.redo();
		stack.redo();
		expect([stack.state, stack.canRedo]).toEqual([['a', 'b'], false]);
	});

	it('drops the redo branch on a new execute, but not on a no-op', () => {
		const stack = new CommandStack<Log>([]);
		stack.execute(step('a'));
		stack.execute(step('b'));
		stack.undo();
		expect(stack.execute(step('noop', false))).toBe(false);
		expect(stack.canRedo).toBe(true);
		stack.execute(step('c'));
		expect([stack.state, stack.canRedo, stack.depth]).toEqual([['a', 'c'], false, 2]);
	});

	it('tracks the saved state through undo, redo and a lost branch', () => {
		const stack = new CommandStack<Log>([]);
		expect(stack.isDirty).toBe(false);
		stack.execute(step('a'));
		expect(stack.isDirty).toBe(true);
		stack.markSaved();
		expect(stack.isDirty).toBe(false);
		stack.undo();
		expect(stack.isDirty).toBe(true);
		stack.redo();
		expect(stack.isDirty).toBe(false);
		stack.undo();
		stack.execute(step('b'));
		stack.undo();
		expect(stack.isDirty).toBe(true);
	});

	it('marks a revision read before an asynchronous save, not later edits', () => {
		const stack = new CommandStack<Log>([]);
		stack.execute(step('a'));
		const saving = stack.revision;
		stack.execute(step('b'));
		stack.markSaved(saving);
		expect(stack.isDirty).toBe(true);
		stack.undo();
		expect(stack.isDirty).toBe(false);
	});

	it('forgets the oldest steps beyond the maximum depth', () => {
		expect(new CommandStack<Log>([]).maxDepth).toBe(DEFAULT_MAX_DEPTH);
		const stack = new CommandStack<Log>([], { maxDepth: 3 });
		for (const name of ['a', 'b', 'c', 'd', 'e']) stack.execute(step(name));
		expect(stack.depth).toBe(3);
		while (stack.undo());
		expect(stack.state).toEqual(['a', 'b']);
		expect(stack.isDirty).toBe(true);
	});

	it('clears the history but keeps the state and whether it is saved', () => {
		const stack = new CommandStack<Log>([]);
		stack.execute(step('a'));
		stack.markSaved();
		stack.execute(step('b'));
		stack.undo();
		stack.clear();
		expect([stack.canUndo, stack.canRedo, stack.isDirty, stack.state]).toEqual([
			false,
			false,
			false,
			['a']
		]);
	});

	it('tells listeners every change until they unsubscribe', () => {
		const stack = new CommandStack<Log>([]);
		const seen: StackChange<Log>['kind'][] = [];
		const off = stack.onChange((change) => seen.push(change.kind));
		stack.execute(step('a'));
		stack.execute(step('noop', false));
		stack.undo();
		stack.redo();
		stack.markSaved();
		stack.clear();
		off();
		stack.execute(step('b'));
		expect(seen).toEqual(['execute', 'undo', 'redo', 'saved', 'clear']);
	});

	it('refuses a command that uses the stack it runs on', () => {
		const stack: CommandStack<Log> = new CommandStack<Log>([]);
		const nested: Command<Log> = { ...step('x'), execute: () => stack.execute(step('y')) };
		expect(() => stack.execute(nested)).toThrow(/may not use the stack/);
		expect(stack.execute(step('a'))).toBe(true);
	});

	it('drops the redo branch when a command refuses to re-apply', () => {
		let allowed = true;
		const stack = new CommandStack<Log>([]);
		stack.execute({ ...step('a'), execute: (log) => allowed && log.push('a') > 0 });
		stack.undo();
		allowed = false;
		expect([stack.redo(), stack.canRedo]).toEqual([false, false]);
	});
});

describe('CompositeCommand', () => {
	it('executes children in order, reverts in reverse, and skips those changing nothing', () => {
		const calls: string[] = [];
		const traced = (name: string, changes = true): Command<Log> => ({
			...step(name, changes),
			execute: (log) => (calls.push(`do ${name}`), changes && log.push(name) > 0),
			revert: (log) => (calls.push(`undo ${name}`), void log.pop())
		});
		const label = { key: 'command.applyLayout', params: {} } as const;
		const stack = new CommandStack<Log>([]);
		stack.execute(new CompositeCommand(label, [traced('a'), traced('b', false), traced('c')]));
		stack.undo();
		expect(calls).toEqual(['do a', 'do b', 'do c', 'undo c', 'undo a']);
		expect(stack.state).toEqual([]);
		expect(stack.execute(new CompositeCommand(label, [traced('d', false)]))).toBe(false);
	});

	it('reverts the children already applied when one throws', () => {
		const failing: Command<Log> = {
			...step('boom'),
			execute: () => {
				throw new Error('boom');
			}
		};
		const label = { key: 'command.applyLayout', params: {} } as const;
		const stack = new CommandStack<Log>(['x']);
		expect(() => stack.execute(new CompositeCommand(label, [step('a'), failing]))).toThrow('boom');
		expect([stack.state, stack.canUndo]).toEqual([['x'], false]);
	});

	it('groups flow commands into one undo step', () => {
		const doc = sampleFlow();
		const label = { key: 'command.renameFlow', params: {} } as const;
		const group = new CompositeCommand(label, [
			new RenameFlowCommand('一'),
			new RenameFlowCommand('二')
		]);
		const { before, stack } = expectRoundTrip(doc, group);
		expect(doc.name).toBe('二');
		stack.undo();
		expectSame(doc, before);
	});
});
