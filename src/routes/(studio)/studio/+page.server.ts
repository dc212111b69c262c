import { chinaDate } from '$lib/domain/dates';
import { getApp } from '$lib/server/app';
import {
	listDepartmentEntries,
	listRedeclarations,
	listReviewQueue,
	type StudioRow
} from '$lib/server/repositories/catalogue-repository';
import type { PageServerLoad } from './$types';

const row = (r: StudioRow) => ({
	id: r.id,
	code: r.code,
	name: r.name,
	category: r.category,
	department: r.department_name,
	publishedVersion: r.published_version,
	retired: !!r.retired_at,
	openVersion: r.open_version,
	openStatus: r.open_status,
	openKind: r.open_kind,
	reviewDue: r.review_due,
	submittedAt: r.submitted_at,
	redeclareDue: r.redeclare_due
});

/** The editor's department catalogue, and the legal office's review queue, earliest due first. */
export const load: PageServerLoad = ({ locals }) => {
	const { db, clock } = getApp();
	const user = locals.user!;
	return {
		today: chinaDate(clock.now()),
		entries:
			user.roles.includes('editor') && user.departmentId
				? listDepartmentEntries(db, user.departmentId).map(row)
				: null,
		queue: user.roles.includes('legal') ? listReviewQueue(db).map(row) : null,
		redeclarations: user.roles.includes('legal') ? listRedeclarations(db).map(row) : null
	};
};
