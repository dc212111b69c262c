/**
 * 实时报送: the feed of key process events (docs/feed.md). Case transitions are appended in the
 * transaction that makes them (the runner's `record()`, the recorded-case service); the records
 * are built by the pure builders in src/lib/domain/gbt39046/feed-records.ts. An upstream hall reads
 * the feed with a feed token (`GET /api/v1/feed?after=<seq>`), or has it pushed
 * (feed-push-service.ts).
 */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors';
import {
	engineFeedDrafts,
	recordedFeedDrafts,
	type FeedCaseHeader,
	type FeedDraft,
	type RecordedEvent
} from '../../domain/gbt39046/index';
import { sha256Hex } from '../../domain/hash';
import type { AuditNote, CaseState } from '../../engine/types';
import type { Db } from '../db/connection';
import * as feed from '../repositories/feed-repository';
import { audit, inTransaction, type ServiceContext } from './context';

// ── appending case transitions ───────────────────────────────────────────────

function append(db: Db, caseId: number, at: string, build: (h: FeedCaseHeader) => FeedDraft[]) {
	const row = feed.caseFeedHeader(db, caseId);
	if (!row) return;
	const drafts = build({
		caseNo: row.case_no,
		itemCode: row.item_code,
		itemName: row.item_name ?? row.item_code,
		department: row.department_name ?? '',
		applicantName: row.applicant_name
	});
	for (const d of drafts)
		feed.appendFeed(db, {
			...d,
			caseNo: row.case_no,
			departmentCode: row.department_code,
			at
		});
}

/**
 * Reports one event of an engine-run case (in its transaction): `state` after the event, `notes`
 * the event's audit notes, `at` its instant (ISO). Events that report nothing cost nothing.
 */
export function reportCaseEvent(
	db: Db,
	caseId: number,
	state: CaseState,
	notes: readonly AuditNote[],
	at: string
): void {
	if (!notes.some((n) => REPORTED.has(n.action) || n.dataset === '事项办结')) return;
	append(db, caseId, at, (h) => engineFeedDrafts(h, state, notes, at));
}

/** Notes that may give a record (besides the close, dataset 事项办结). */
const REPORTED = new Set([
	'case.accepted',
	'task.completed',
	'case.supplement_requested',
	'case.supplement_received',
	'case.special_started',
	'case.special_ended',
	'case.extended'
]);

/** Reports events added to a recorded case (offline or pushed), in their transaction. */
export function reportRecordedEvents(
	db: Db,
	caseId: number,
	origin: 'offline' | 'pushed',
	sourceRef: string | null,
	events: readonly RecordedEvent[],
	at: string
): void {
	append(db, caseId, at, (h) => recordedFeedDrafts(h, origin, sourceRef, events));
}

// ── reading ──────────────────────────────────────────────────────────────────

export const FEED_LIMIT_DEFAULT = 500;
export const FEED_LIMIT_MAX = 1000;

/** One line of the feed as it is served and pushed. */
export interface FeedLine {
	seq: number;
	kind: feed.FeedKind;
	dataset: feed.FeedDataset;
	at: string;
	caseNo: string | null;
	departmentCode: string | null;
	record: Record<string, unknown>;
}

export function feedLines(db: Db, after: number, limit: number): FeedLine[] {
	return feed.readFeed(db, after, limit).map((r) => ({
		seq: r.seq,
		kind: r.kind,
		dataset: r.dataset,
		at: r.at,
		caseNo: r.case_no,
		departmentCode: r.department_code,
		record: JSON.parse(r.record) as Record<string, unknown>
	}));
}

/** The lines as application/x-ndjson: one JSON object per line, each ending in a newline. */
export function toNdjson(lines: readonly FeedLine[]): string {
	return lines.map((l) => JSON.stringify(l) + '\n').join('');
}

/**
 * `after` and `limit` of a feed request: whole numbers, after ≥ 0, 1 ≤ limit ≤ 1000 (default
 * 500). Throws FEED_AFTER_INVALID / FEED_LIMIT_INVALID (field: the parameter).
 */
export function feedParams(query: URLSearchParams): { after: number; limit: number } {
	const read = (name: 'after' | 'limit', fallback: number, min: number, max: number) => {
		const raw = query.get(name);
		if (raw === null) return fallback;
		const n = /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
		if (!Number.isSafeInteger(n) || n < min || n > max)
			throw new AppError(name === 'after' ? 'FEED_AFTER_INVALID' : 'FEED_LIMIT_INVALID', name, {
				max
			});
		return n;
	};
	return {
		after: read('after', 0, 0, Number.MAX_SAFE_INTEGER),
		limit: read('limit', FEED_LIMIT_DEFAULT, 1, FEED_LIMIT_MAX)
	};
}

// ── feed tokens ──────────────────────────────────────────────────────────────

/** Every feed token starts with this (department API tokens start with `sunlit_`). */
export const FEED_TOKEN_PREFIX = 'sunlitfeed_';
export const FEED_TOKEN_NAME_MAX = 50;

/** Issues a feed token (for an upstream hall); returns it in clear, the only time it exists. */
export function issueFeedToken(
	ctx: ServiceContext,
	rawName: string
): { id: number; token: string; name: string } {
	const name = rawName.trim();
	if (!name) throw new AppError('FIELD_REQUIRED', 'tokenName');
	if (name.length > FEED_TOKEN_NAME_MAX)
		throw new AppError('FIELD_TOO_LONG', 'tokenName', { max: FEED_TOKEN_NAME_MAX });
	const token = FEED_TOKEN_PREFIX + encodeBase32LowerCaseNoPadding(randomBytes(32));
	return inTransaction(ctx, () => {
		if (feed.findFeedTokenByName(ctx.db, name))
			throw new AppError('FEED_TOKEN_NAME_TAKEN', 'tokenName', { name });
		const id = feed.insertFeedToken(ctx.db, {
			name,
			token_hash: sha256Hex(token),
			created_by: ctx.actor.id,
			created_at: ctx.clock.now().toISOString()
		});
		audit(ctx, {
			action: 'feed_token.issued',
			objectType: 'feed_token',
			objectId: id,
			payload: { name }
		});
		return { id, token, name };
	});
}

/** Revokes a feed token (already revoked: nothing happens). */
export function revokeFeedToken(ctx: ServiceContext, tokenId: number): void {
	inTransaction(ctx, () => {
		const row = feed.getFeedToken(ctx.db, tokenId);
		if (!row) throw new AppError('FEED_TOKEN_NOT_FOUND', 'tokenId');
		if (!feed.revokeFeedToken(ctx.db, tokenId, ctx.clock.now().toISOString())) return;
		audit(ctx, {
			action: 'feed_token.revoked',
			objectType: 'feed_token',
			objectId: tokenId,
			payload: { name: row.name }
		});
	});
}

export const listFeedTokens = feed.listFeedTokens;

/** The live feed token, or undefined (unknown, revoked); its last use is noted once a minute. */
export function resolveFeedToken(
	db: Db,
	token: string,
	now: Date
): { id: number; name: string } | undefined {
	if (!token.startsWith(FEED_TOKEN_PREFIX) || token.length > 200) return undefined;
	const row = feed.getFeedTokenByHash(db, sha256Hex(token));
	if (!row || row.revoked_at !== null) return undefined;
	feed.touchFeedToken(
		db,
		row.id,
		now.toISOString(),
		new Date(now.getTime() - 60_000).toISOString()
	);
	return { id: row.id, name: row.name };
}
