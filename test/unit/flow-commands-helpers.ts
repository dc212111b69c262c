import { expect } from 'vitest';
import type { FlowDocument } from '../../src/lib/domain/flow/types';
import { CommandStack, type Command } from '../../src/lib/editor/flow';

/** Deep equality including `undefined` members and the key order of every object. */
export function expectSame(actual: unknown, expected: unknown): void {
	expect(actual).toStrictEqual(expected);
	expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

/**
 * Given `doc`, when `command` is executed on a stack, then undone, redone, undone and redone:
 * after each undo the document equals its snapshot from before the execute, after each redo the
 * snapshot from after the first execute. Returns the stack and both snapshots.
 */
export function expectRoundTrip(doc: FlowDocument, command: Command<FlowDocument>) {
	const before = structuredClone(doc);
	const stack = new CommandStack(doc);
	expect(stack.execute(command)).toBe(true);
	const after = structuredClone(doc);
	expect(after).not.toStrictEqual(before);
	for (let round = 0; round < 2; round++) {
		expect(stack.undo()).toBe(true);
		expectSame(doc, before);
		expect(stack.redo()).toBe(true);
		expectSame(doc, after);
	}
	return { stack, before, after };
}

const targets = new WeakMap<object, object>();

/**
 * A recursive proxy over `target` standing in for a Svelte 5 `$state` proxy: reads and writes go
 * through it, proxies written into it are stored unwrapped, and `structuredClone` refuses it.
 */
export function reactiveLike<T extends object>(target: T): T {
	const proxy = new Proxy(target, {
		get(obj, key, receiver) {
			const value: unknown = Reflect.get(obj, key, receiver);
			return value !== null && typeof value === 'object' ? reactiveLike(value) : value;
		},
		set(obj, key, value: unknown) {
			const raw = value !== null && typeof value === 'object' ? targets.get(value) : undefined;
			return Reflect.set(obj, key, raw ?? value);
		}
	});
	targets.set(proxy, target);
	return proxy;
}
