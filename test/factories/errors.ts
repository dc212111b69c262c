import { expect } from 'vitest';
import { AppError } from '../../src/lib/domain/errors';

/** Runs `fn` and returns the AppError it throws; fails the test when it throws nothing or something else. */
export function thrown(fn: () => unknown): AppError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(AppError);
		return e as AppError;
	}
	throw new Error('expected an AppError');
}
