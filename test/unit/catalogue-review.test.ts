import { describe, expect, it } from 'vitest';
import {
	nextStatus,
	REVIEW_ACTIONS,
	VERSION_STATUSES,
	type ReviewAction,
	type VersionStatus
} from '../../src/lib/domain/catalogue/review';

const LEGAL: [VersionStatus, ReviewAction, VersionStatus][] = [
	['draft', 'edit', 'draft'],
	['draft', 'submit', 'submitted'],
	['returned', 'edit', 'returned'],
	['returned', 'submit', 'submitted'],
	['submitted', 'withdraw', 'draft'],
	['submitted', 'return', 'returned'],
	['submitted', 'approve', 'approved'],
	['approved', 'publish', 'published'],
	['approved', 'retire', 'retired'],
	['published', 'supersede', 'superseded'],
	['published', 'retire', 'retired']
];

describe('review transitions', () => {
	it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
		expect(nextStatus(from, action)).toBe(to);
	});

	it('refuses every other pair of status and action', () => {
		const allowed = new Set(LEGAL.map(([f, a]) => `${f}/${a}`));
		const refused: string[] = [];
		for (const s of VERSION_STATUSES)
			for (const a of REVIEW_ACTIONS)
				if (!allowed.has(`${s}/${a}`)) {
					expect(nextStatus(s, a), `${s} --${a}-->`).toBeNull();
					refused.push(`${s}/${a}`);
				}
		// e.g. a published version can never be edited, a draft never approved directly.
		expect(refused).toContain('published/edit');
		expect(refused).toContain('draft/approve');
		expect(refused).toContain('returned/approve');
		expect(refused).toContain('superseded/retire');
		expect(refused.length).toBe(VERSION_STATUSES.length * REVIEW_ACTIONS.length - LEGAL.length);
	});
});
