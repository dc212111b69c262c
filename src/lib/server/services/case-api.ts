/**
 * The case endpoints' checks (src/routes/api/v1/cases): which case an API caller may act on, and
 * an officer action read from JSON into the runner's event (the engine checks the content).
 */
import type { MessageKey, Params } from '../../i18n';
import type { Attachment, PenaltyDecision, SpecialKind } from '../../engine/types';
import type { ApiCaller } from '../auth/api-token';
import * as cases from '../repositories/case-repository';
import { visibleCase } from './case-access-service';
import type { ServiceContext } from './context';
import type { RunnerEvent } from './runner-service';

/** The actions officers (and department tokens) may send; applicant events are not among them. */
export const OFFICER_EVENTS = [
	'accept',
	'refuse',
	'claim',
	'release',
	'complete',
	'request_supplement',
	'special_start',
	'special_end',
	'extend'
] as const;

/**
 * The case an API caller acts on: only one their department takes part in (the record-level rule,
 * case-access-service.ts; any other is not found, and audited). Officers are then checked by the
 * engine against their posts, tokens against their department's posts.
 */
export function caseForEvents(
	ctx: ServiceContext,
	caseNo: string,
	caller: ApiCaller
): cases.CaseRow | 'not_found' | 'recorded' {
	const row = visibleCase(ctx, caller, cases.getCaseByNo(ctx.db, caseNo.trim()), 'api.case.events');
	if (!row) return 'not_found';
	if (row.origin !== 'engine') return 'recorded';
	return row;
}

export interface EventProblem {
	field: string;
	code: string;
	message: MessageKey;
	params: Params;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const strList = (v: unknown) =>
	Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

/** Drops undefined values, so the engine sees only what was sent. */
function defined<T extends object>(o: T): T {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The event and the version it expects, or the first problem with the request (field named). */
export function eventFromJson(
	body: Record<string, unknown>
): { event: RunnerEvent; expectedVersion: number } | { problem: EventProblem } {
	const type = body.type === 'supplement' ? 'request_supplement' : body.type;
	if (typeof type !== 'string' || !(OFFICER_EVENTS as readonly string[]).includes(type))
		return {
			problem: {
				field: 'type',
				code: 'EVENT_UNKNOWN',
				message: 'integration.error.EVENT_TYPE',
				params: { types: OFFICER_EVENTS.join('、') }
			}
		};
	const expectedVersion = body.expectedVersion;
	if (
		typeof expectedVersion !== 'number' ||
		!Number.isInteger(expectedVersion) ||
		expectedVersion < 1
	)
		return {
			problem: {
				field: 'expectedVersion',
				code: 'EXPECTED_VERSION_REQUIRED',
				message: 'integration.error.EXPECTED_VERSION',
				params: {}
			}
		};
	const task = str(body.task) ?? '';
	const event = ((): RunnerEvent => {
		switch (type as (typeof OFFICER_EVENTS)[number]) {
			case 'accept':
				return defined({
					type: 'accept',
					outcome: str(body.outcome),
					opinion: str(body.opinion),
					missingMaterials: strList(body.missingMaterials)
				});
			case 'refuse':
				return { type: 'refuse', reason: str(body.reason) ?? '' };
			case 'claim':
				return { type: 'claim', task };
			case 'release':
				return { type: 'release', task };
			case 'complete':
				return defined({
					type: 'complete',
					task,
					outcome: str(body.outcome),
					opinion: str(body.opinion),
					// Files sent before through POST /api/v1/uploads: `{ ref, name }` each (the engine
					// checks the shape; the endpoint checks that each is stored).
					attachments: Array.isArray(body.attachments)
						? (body.attachments as Attachment[])
						: undefined,
					missingMaterials: strList(body.missingMaterials),
					// 行政处罚: { circumstance, amount, unit } (the engine checks the shape).
					penalty:
						body.penalty && typeof body.penalty === 'object'
							? (body.penalty as PenaltyDecision)
							: undefined
				});
			case 'request_supplement':
				return defined({
					type: 'request_supplement',
					task,
					materials: strList(body.materials) ?? [],
					reason: str(body.reason)
				});
			case 'special_start':
				return {
					type: 'special_start',
					kind: (str(body.kind) ?? '') as SpecialKind,
					reason: str(body.reason) ?? '',
					basis: str(body.basis) ?? ''
				};
			case 'special_end':
				return { type: 'special_end', result: str(body.result) ?? '' };
			case 'extend':
				return {
					type: 'extend',
					days: typeof body.days === 'number' ? body.days : 0,
					approvedBy: str(body.approvedBy) ?? '',
					reason: str(body.reason) ?? ''
				};
		}
	})();
	return { event, expectedVersion };
}
