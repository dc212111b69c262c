import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { failFromError, formText, parseId, serviceContext } from '$lib/server/request';
import { feedPushStatus } from '$lib/server/services/feed-push-service';
import { issueFeedToken, listFeedTokens, revokeFeedToken } from '$lib/server/services/feed-service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { db } = getApp();
	return { tokens: listFeedTokens(db), push: feedPushStatus(db, process.env) };
};

const LABELS = { tokenName: 'feed.token.name', tokenId: 'feed.token.name' } as const;

export const actions: Actions = {
	/** Issues a feed token; its clear text is in this one answer only. */
	issue: async (event) => {
		const text = formText(await event.request.formData(), 'tokenName');
		try {
			const issued = issueFeedToken(serviceContext(event), text.tokenName);
			return {
				done: translate(event.locals.locale, 'feed.token.issued', { name: issued.name }),
				issued: { name: issued.name, token: issued.token }
			};
		} catch (err) {
			return failFromError(event, err, LABELS, text, 'tokens');
		}
	},
	revoke: async (event) => {
		const { tokenId } = formText(await event.request.formData(), 'tokenId');
		try {
			revokeFeedToken(serviceContext(event), parseId(tokenId));
		} catch (err) {
			return failFromError(event, err, LABELS, {}, 'tokens');
		}
		return { done: translate(event.locals.locale, 'feed.token.revoked') };
	}
};
