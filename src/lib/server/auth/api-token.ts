/**
 * Who calls an API endpoint: a department's system with its API token
 * (`Authorization: Bearer <token>`), or a signed-in user with the session cookie. The server hook
 * resolves the token before the access table is consulted; a token is admitted where the table
 * lists the principal `department-token`.
 *
 * What a token is, for the rules that speak of persons: a token acts as its department. It may
 * act on work at that department's posts (every enabled post), and for the second-person rule
 * (双人办理 / 复核) all tokens of one department are ONE person (`token:<department code>`): a
 * system cannot show that two different people stood behind two calls, so a step that needs a
 * second person after a step done through a token must be done by a signed-in officer (or the
 * other way round). The audit chain records the token itself as the actor
 * (`token:<department code>/<token name>`), so it is always known which system acted.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { UserActor } from '../../engine/types';
import { departmentPostCodes } from '../repositories/api-token-repository';
import type { User } from '../repositories/user-repository';
import type { Db } from '../db/connection';
import type { Actor } from '../services/context';

/** The department a request's token acts for (set on `locals.apiToken` by the server hook). */
export interface ApiTokenCaller {
	tokenId: number;
	name: string;
	departmentId: number;
	departmentCode: string;
	departmentName: string;
}

export type ApiCaller =
	{ kind: 'token'; token: ApiTokenCaller } | { kind: 'user'; user: User } | { kind: 'anonymous' };

/** The token of an `Authorization: Bearer …` header, or null when there is none. */
export function bearerToken(request: Request): string | null {
	const header = request.headers.get('authorization');
	if (!header) return null;
	const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
	return m ? m[1]! : '';
}

/** Who calls: the token's department when a token was given, else the session user. */
export function apiCaller(event: RequestEvent): ApiCaller {
	if (event.locals.apiToken) return { kind: 'token', token: event.locals.apiToken };
	if (event.locals.user) return { kind: 'user', user: event.locals.user };
	return { kind: 'anonymous' };
}

/** The audit actor of a token: never a user id, and a name no username can have (':' and '/'). */
export function tokenAuditActor(t: ApiTokenCaller): Actor {
	return { id: null, name: `token:${t.departmentCode}/${t.name}`, roles: [] };
}

/** The engine actor of a token: its department's posts, one person per department (see above). */
export function tokenEngineActor(db: Db, t: ApiTokenCaller): UserActor {
	return {
		id: `token:${t.departmentCode}`,
		name: t.name,
		posts: departmentPostCodes(db, t.departmentId)
	};
}
