import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { normalizeContent } from '../../domain/catalogue/normalize';
import type { CatalogueContent } from '../../domain/catalogue/types';
import { translate } from '../../i18n';
import { getApp } from '../app';
import * as catalogue from '../repositories/catalogue-repository';
import type { DesignKind } from '../repositories/design-repository';
import { failFromError, parseId, serviceContext } from '../request';
import { DesignStaleError, saveDesign } from './design-service';

/**
 * What the flow and form designer pages share: the entry they belong to (editors only their own
 * department's, the legal office any) with its current content, and the `save` action.
 */
/**
 * A catalogue entry opened in the studio: 404 when unknown; editors see only their own
 * department's entries, the legal office any. `mine` says whether the user may edit it.
 */
export function studioEntry(event: Pick<RequestEvent, 'params' | 'locals'>): {
	entry: catalogue.EntryRow;
	mine: boolean;
} {
	const user = event.locals.user!;
	const entry = catalogue.getEntry(getApp().db, parseId(event.params.id));
	if (!entry)
		error(404, {
			message: translate(event.locals.locale, 'error.ENTRY_NOT_FOUND'),
			code: 'NOT_FOUND'
		});
	const mine = user.roles.includes('editor') && user.departmentId === entry.department_id;
	if (!mine && !user.roles.includes('legal'))
		error(403, {
			message: translate(event.locals.locale, 'error.ENTRY_OTHER_DEPARTMENT'),
			code: 'FORBIDDEN'
		});
	return { entry, mine };
}

/** The entry a designer page belongs to, with its current content (the open version, else the published one). */
export function designEntry(event: Pick<RequestEvent, 'params' | 'locals'>): {
	entry: catalogue.EntryRow;
	content: CatalogueContent;
} {
	const { db } = getApp();
	const { entry } = studioEntry(event);
	const version =
		catalogue.getOpenVersion(db, entry.id) ??
		(entry.published_version
			? catalogue.getVersion(db, entry.id, entry.published_version)
			: undefined) ??
		catalogue.latestVersion(db, entry.id)!;
	return { entry, content: normalizeContent(JSON.parse(version.content), entry.category) };
}

/** The `save` form action of a designer page: `baseRevision` and `document` (JSON). */
export async function saveDesignAction(event: RequestEvent, kind: DesignKind) {
	const data = await event.request.formData();
	const baseRevision = Number(data.get('baseRevision'));
	let document: unknown;
	try {
		document = JSON.parse(String(data.get('document') ?? ''));
	} catch {
		document = null;
	}
	try {
		const saved = saveDesign(
			serviceContext(event),
			parseId(event.params.id),
			kind,
			baseRevision,
			document
		);
		return { revision: saved.revision, savedAt: saved.savedAt };
	} catch (err) {
		if (err instanceof DesignStaleError)
			return fail(409, {
				stale: true,
				current: err.params.current,
				message: translate(event.locals.locale, 'error.DESIGN_STALE', {
					savedBy: String(err.params.savedBy),
					savedAt: new Date(String(err.params.savedAt)).toLocaleString('zh-CN', {
						timeZone: 'Asia/Shanghai',
						hour12: false
					}),
					current: err.params.current ?? 0
				})
			});
		return failFromError(event, err, {});
	}
}
