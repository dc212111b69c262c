import type { Transaction } from 'better-sqlite3';
import type { Role } from '../../domain/roles';
import { appendAudit, type AuditEntry } from '../repositories/audit-repository';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';

export interface Actor {
	id: number | null;
	name: string;
	roles: readonly Role[];
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', roles: [] };
export const ANONYMOUS_ACTOR: Actor = { id: null, name: 'anonymous', roles: [] };

/** What every service call gets: the database, the clock, who acts and from where. */
export interface ServiceContext {
	db: Db;
	clock: Clock;
	actor: Actor;
	ip: string | null;
}

/** Appends an audit record for the context's actor; call inside the change's transaction. */
export function audit(
	ctx: ServiceContext,
	entry: Omit<AuditEntry, 'actorId' | 'actorName' | 'role' | 'ip'>
) {
	return appendAudit(
		ctx.db,
		{
			...entry,
			actorId: ctx.actor.id,
			actorName: ctx.actor.name,
			role: ctx.actor.roles.length ? ctx.actor.roles.join(',') : null,
			ip: ctx.ip
		},
		ctx.clock.now()
	);
}

/** Per connection, one transaction function that runs the function it is given. */
const runners = new WeakMap<Db, Transaction<(fn: () => unknown) => unknown>>();

/**
 * Runs `fn` in one IMMEDIATE transaction (the write lock is taken up front); inside another
 * transaction, as a savepoint of it. The connection's transaction function is made once and
 * reused: `db.transaction(fn)` builds four wrappers around `fn` on every call.
 */
export function inTransaction<T>(ctx: ServiceContext, fn: () => T): T {
	let run = runners.get(ctx.db);
	if (!run) runners.set(ctx.db, (run = ctx.db.transaction((f: () => unknown) => f())));
	return run.immediate(fn) as T;
}
