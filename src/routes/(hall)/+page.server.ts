import { getApp } from '$lib/server/app';
import { getRegion, listDepartments } from '$lib/server/repositories/org-repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { db } = getApp();
	return {
		region: getRegion(db)?.name ?? '',
		departments: listDepartments(db).map((d) => ({ code: d.code, name: d.name, kind: d.kind }))
	};
};
