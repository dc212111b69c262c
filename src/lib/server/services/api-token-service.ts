/**
 * Department API tokens (接口令牌): issued by an administrator on the department's page, shown in
 * clear once, kept only as their SHA-256, revocable. A token acts as its department (see
 * src/lib/server/auth/api-token.ts and docs/integration.md).
 */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors';
import { sha256Hex } from '../../domain/hash';
import type { Db } from '../db/connection';
import * as tokens from '../repositories/api-token-repository';
import * as org from '../repositories/org-repository';
import { audit, inTransaction, type ServiceContext } from './context';

/** Every token starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'sunlit_';
export const TOKEN_NAME_MAX = 50;

/** What the database keeps instead of the token. */
export const tokenHash = (token: string) => sha256Hex(token);

/** Issues a token for the department; returns it in clear (the only time it exists outside the caller). */
export function issueApiToken(
	ctx: ServiceContext,
	departmentId: number,
	rawName: string
): { id: number; token: string; name: string } {
	const name = rawName.trim();
	if (!name) throw new AppError('FIELD_REQUIRED', 'tokenName');
	if (name.length > TOKEN_NAME_MAX)
		throw new AppError('FIELD_TOO_LONG', 'tokenName', { max: TOKEN_NAME_MAX });
	// 32 random bytes = 256 bits.
	const token = TOKEN_PREFIX + encodeBase32LowerCaseNoPadding(randomBytes(32));
	return inTransaction(ctx, () => {
		const department = org.getDepartment(ctx.db, departmentId);
		if (!department) throw new AppError('DEPARTMENT_NOT_FOUND', 'tokenName');
		if (tokens.findApiTokenByName(ctx.db, departmentId, name))
			throw new AppError('TOKEN_NAME_TAKEN', 'tokenName', { name });
		const id = tokens.insertApiToken(ctx.db, {
			department_id: departmentId,
			name,
			token_hash: tokenHash(token),
			created_by: ctx.actor.id,
			created_at: ctx.clock.now().toISOString()
		});
		audit(ctx, {
			action: 'api_token.issued',
			objectType: 'api_token',
			objectId: id,
			payload: { department: department.code, name }
		});
		return { id, token, name };
	});
}

/** Revokes a token of the department (already revoked: nothing happens). */
export function revokeApiToken(ctx: ServiceContext, departmentId: number, tokenId: number): void {
	inTransaction(ctx, () => {
		const row = tokens.getApiToken(ctx.db, tokenId);
		if (!row || row.department_id !== departmentId)
			throw new AppError('TOKEN_NOT_FOUND', 'tokenId');
		if (!tokens.revokeApiToken(ctx.db, tokenId, ctx.clock.now().toISOString())) return;
		audit(ctx, {
			action: 'api_token.revoked',
			objectType: 'api_token',
			objectId: tokenId,
			payload: { departmentId, name: row.name }
		});
	});
}

export function listDepartmentTokens(db: Db, departmentId: number) {
	return tokens.listApiTokens(db, departmentId);
}

/** The calling department of a live token, or undefined (unknown, revoked, department disabled). */
export function resolveApiToken(
	db: Db,
	token: string,
	now: Date
): tokens.ApiTokenWithDepartment | undefined {
	if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
	const row = tokens.getApiTokenByHash(db, tokenHash(token));
	if (!row || row.revoked_at !== null || row.department_disabled_at !== null) return undefined;
	tokens.touchApiToken(
		db,
		row.id,
		now.toISOString(),
		new Date(now.getTime() - 60_000).toISOString()
	);
	return row;
}
