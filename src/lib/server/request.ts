import { fail, type RequestEvent } from '@sveltejs/kit';
import { AppError } from '../domain/errors';
import { hasMessage, translate, type MessageKey } from '../i18n';
import { getApp } from './app';
import { tokenAuditActor } from './auth/api-token';
import { ANONYMOUS_ACTOR, type ServiceContext } from './services/context';

/** The service context of a request: the app's database and clock, the signed-in actor, the client address. */
export function serviceContext(event: RequestEvent): ServiceContext {
	const app = getApp();
	const user = event.locals.user;
	let ip: string | null = null;
	try {
		ip = event.getClientAddress();
	} catch {
		ip = null;
	}
	return {
		db: app.db,
		clock: app.clock,
		actor: event.locals.apiToken
			? tokenAuditActor(event.locals.apiToken)
			: user
				? { id: user.id, name: user.username, roles: user.roles }
				: ANONYMOUS_ACTOR,
		ip
	};
}

/** Text fields of a form, trimmed to strings (absent fields become ''). */
export function formText<K extends string>(data: FormData, ...names: K[]): Record<K, string> {
	const out = {} as Record<K, string>;
	for (const n of names) {
		const v = data.get(n);
		out[n] = typeof v === 'string' ? v : '';
	}
	return out;
}

export function formInts(data: FormData, name: string): number[] {
	return data
		.getAll(name)
		.map((v) => Number(v))
		.filter((n) => Number.isInteger(n) && n > 0);
}

/**
 * Turns an `AppError` into a 400 with a Chinese (or English) message naming the field, and the
 * values the user typed so nothing is lost. Anything else is rethrown as a real failure.
 */
export function failFromError(
	event: RequestEvent,
	err: unknown,
	labels: Record<string, MessageKey>,
	values: Record<string, unknown> = {},
	form?: string
) {
	if (!(err instanceof AppError)) throw err;
	const locale = event.locals.locale;
	const field = err.field ? translate(locale, labels[err.field] ?? 'error.UNKNOWN') : '';
	const key = `error.${err.code}`;
	const message = hasMessage(key) ? translate(locale, key, { field, ...err.params }) : err.code;
	return fail(400, { form, message, field: err.field ?? null, code: err.code, values });
}

export function parseId(raw: string | undefined): number {
	const n = Number(raw);
	return Number.isInteger(n) && n > 0 ? n : 0;
}
