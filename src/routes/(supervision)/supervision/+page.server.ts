import { getApp } from '$lib/server/app';
import { auditHead } from '$lib/server/repositories/audit-repository';
import { listDepartments } from '$lib/server/repositories/org-repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { db } = getApp();
	return {
		departments: listDepartments(db).map((d) => ({ id: d.id, name: d.name, kind: d.kind })),
		head: auditHead(db)
	};
};
