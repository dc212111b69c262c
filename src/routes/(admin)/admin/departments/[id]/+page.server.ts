import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { getDepartment, listPosts } from '$lib/server/repositories/org-repository';
import { failFromError, formText, parseId, serviceContext } from '$lib/server/request';
import {
	createPost,
	setDepartmentEnabled,
	setPostEnabled,
	updateDepartment
} from '$lib/server/services/org-service';
import {
	issueApiToken,
	listDepartmentTokens,
	revokeApiToken
} from '$lib/server/services/api-token-service';
import { DEPARTMENT_LABELS, POST_LABELS } from '../labels';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	const { db } = getApp();
	const department = getDepartment(db, parseId(params.id));
	if (!department) error(404, translate(locals.locale, 'error.DEPARTMENT_NOT_FOUND'));
	return {
		department,
		posts: listPosts(db, department.id, { includeDisabled: true }),
		tokens: listDepartmentTokens(db, department.id)
	};
};

export const actions: Actions = {
	update: async (event) => {
		const text = formText(await event.request.formData(), 'name', 'kind');
		try {
			updateDepartment(serviceContext(event), parseId(event.params.id), text);
		} catch (err) {
			return failFromError(event, err, DEPARTMENT_LABELS, text, 'update');
		}
		return { form: 'update', done: translate(event.locals.locale, 'departments.saved') };
	},
	disable: (event) => {
		try {
			setDepartmentEnabled(serviceContext(event), parseId(event.params.id), false);
		} catch (err) {
			return failFromError(event, err, DEPARTMENT_LABELS, {}, 'status');
		}
		return { form: 'status', done: '' };
	},
	enable: (event) => {
		try {
			setDepartmentEnabled(serviceContext(event), parseId(event.params.id), true);
		} catch (err) {
			return failFromError(event, err, DEPARTMENT_LABELS, {}, 'status');
		}
		return { form: 'status', done: '' };
	},
	createPost: async (event) => {
		const text = formText(await event.request.formData(), 'code', 'name', 'duty');
		try {
			createPost(serviceContext(event), parseId(event.params.id), text);
		} catch (err) {
			return failFromError(event, err, POST_LABELS, text, 'createPost');
		}
		return {
			form: 'createPost',
			done: translate(event.locals.locale, 'posts.created', { name: text.name.trim() })
		};
	},
	disablePost: async (event) => {
		const { postId } = formText(await event.request.formData(), 'postId');
		try {
			setPostEnabled(serviceContext(event), parseId(postId), false);
		} catch (err) {
			return failFromError(event, err, POST_LABELS, {}, 'posts');
		}
		return { form: 'posts', done: '' };
	},
	enablePost: async (event) => {
		const { postId } = formText(await event.request.formData(), 'postId');
		try {
			setPostEnabled(serviceContext(event), parseId(postId), true);
		} catch (err) {
			return failFromError(event, err, POST_LABELS, {}, 'posts');
		}
		return { form: 'posts', done: '' };
	},
	/** Issues an API token; its clear text is in this one answer only (never stored, never shown again). */
	issueToken: async (event) => {
		const text = formText(await event.request.formData(), 'tokenName');
		try {
			const issued = issueApiToken(serviceContext(event), parseId(event.params.id), text.tokenName);
			return {
				form: 'tokens',
				done: translate(event.locals.locale, 'integration.token.issued', { name: issued.name }),
				issued: { name: issued.name, token: issued.token }
			};
		} catch (err) {
			return failFromError(event, err, TOKEN_LABELS, text, 'tokens');
		}
	},
	revokeToken: async (event) => {
		const { tokenId } = formText(await event.request.formData(), 'tokenId');
		try {
			revokeApiToken(serviceContext(event), parseId(event.params.id), parseId(tokenId));
		} catch (err) {
			return failFromError(event, err, TOKEN_LABELS, {}, 'tokens');
		}
		return { form: 'tokens', done: translate(event.locals.locale, 'integration.token.revoked') };
	}
};

const TOKEN_LABELS = {
	tokenName: 'integration.token.name',
	tokenId: 'integration.token.name'
} as const;
