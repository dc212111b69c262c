import type { Db } from '../../src/lib/server/db/connection';
import { appendAudit } from '../../src/lib/server/repositories/audit-repository';

/**
 * Appends `n` plain `test.step` records at `at` (the audit-chain tests' filler); `extra` adds to
 * record i's payload and sets its address, for tests that want awkward bytes in the chain.
 */
export function appendSteps(
	db: Db,
	n: number,
	at: Date,
	extra: (i: number) => { payload?: Record<string, unknown>; ip?: string | null } = () => ({})
): void {
	for (let i = 0; i < n; i++) {
		const more = extra(i);
		appendAudit(
			db,
			{
				actorId: null,
				actorName: 'system',
				role: null,
				action: 'test.step',
				objectType: 'test',
				objectId: i,
				payload: { i, ...more.payload },
				ip: more.ip ?? null
			},
			at
		);
	}
}
