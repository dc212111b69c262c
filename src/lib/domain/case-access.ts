/**
 * Record-level access to cases (办件): the one rule every page, API, file download and export
 * applies (issue 16, item 1). An officer — or a department's API token — may see a case only when
 * their department takes part in it: the item's department (the one answerable for the case), the
 * department that recorded or pushed it, or a department with a task of the case (open, done or
 * cancelled) at one of its posts, 受理 included. Supervisors (电子监察) and the legal office (法制办,
 * the `legal` role) see the whole county. Administrators manage accounts, not cases: the role
 * itself gives no case. A refusal looks like a case that does not exist (404), so case numbers,
 * which are predictable, reveal nothing.
 */
import type { Role } from './roles';

/** The roles that see every case of the county. */
export const COUNTY_WIDE_ROLES: readonly Role[] = ['supervisor', 'legal'];

/** Who asks: their roles and the codes of the departments they act for. */
export interface CaseViewer {
	roles: readonly string[];
	/** A user's own department and the departments of the posts they hold; a token's department. */
	departments: readonly string[];
}

/** Whether `viewer` may see a case in which the departments `taking part` take part. */
export function maySeeCase(viewer: CaseViewer, takingPart: readonly string[]): boolean {
	if (viewer.roles.some((r) => (COUNTY_WIDE_ROLES as readonly string[]).includes(r))) return true;
	return takingPart.some((d) => viewer.departments.includes(d));
}
