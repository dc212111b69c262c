import { emptyForm, type FormDocument } from '$lib/domain/form/types';
import { translate } from '$lib/i18n';
import { serviceContext } from '$lib/server/request';
import { designEntry, saveDesignAction } from '$lib/server/services/design-page';
import { loadDesign } from '$lib/server/services/design-service';
import type { Actions, PageServerLoad } from './$types';

/**
 * The application form designer of one catalogue entry (editors of the entry's department and
 * the legal office). File fields choose from the application materials of the entry's working
 * (else published) content. A new form starts empty, titled after the item.
 */
export const load: PageServerLoad = (event) => {
	const { entry, content } = designEntry(event);
	const design = loadDesign<FormDocument>(serviceContext(event), entry.id, 'form');
	// The title is document content, in Chinese whatever the UI language.
	const title = translate('zh', 'formDesign.defaultTitle', { name: content.name || entry.code });
	return {
		entry: { id: entry.id, code: entry.code, name: content.name },
		materials: [...new Set(content.materials.map((m) => m.name.trim()).filter(Boolean))],
		revision: design.revision,
		document: design.document ?? emptyForm(entry.code, title),
		savedAt: design.savedAt,
		savedBy: design.savedBy
	};
};

export const actions: Actions = {
	/** Saves on top of `baseRevision`; a save after someone else's is refused (409, `stale`). */
	save: (event) => saveDesignAction(event, 'form')
};
