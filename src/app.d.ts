import type { Locale } from '$lib/i18n';
import type { ApiTokenCaller } from '$lib/server/auth/api-token';
import type { SessionRow } from '$lib/server/repositories/session-repository';
import type { User } from '$lib/server/repositories/user-repository';

declare global {
	namespace App {
		interface Locals {
			user: User | null;
			session: SessionRow | null;
			locale: Locale;
			/** The department an API request's token acts for (null without a token). */
			apiToken: ApiTokenCaller | null;
			/** The feed token an upstream hall reads the feed with (null without one). */
			feedToken: { tokenId: number; name: string } | null;
		}
		interface PageData {
			locale: Locale;
		}
		interface Error {
			message: string;
			code?: string;
			/** For 403: the path that was refused, shown to the user. */
			path?: string;
		}
	}
}

export {};
