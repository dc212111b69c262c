/**
 * The review cycle of one catalogue version (职权目录审核):
 *
 *   draft ──submit──> submitted ──approve──> approved ──publish──> published ──supersede──> superseded
 *     ^  <──withdraw──    │                                          │
 *     │                   └──return──> returned ──submit──> submitted └──retire──> retired
 *     └─edit (draft, returned stay as they are)
 *
 * A version is either a declaration (new or revised content) or a retirement request (废止), and
 * both go through the same review. Published versions are never edited: a revision is a new
 * version. Who may do what (editors vs the legal office) is the service's and access table's job;
 * this module only knows which step may follow which.
 */

export const VERSION_STATUSES = [
	'draft',
	'submitted',
	'returned',
	'approved',
	'published',
	'superseded',
	'retired'
] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const REVIEW_ACTIONS = [
	'edit',
	'submit',
	'withdraw',
	'return',
	'approve',
	'publish',
	'supersede',
	'retire'
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export type VersionKind = 'declare' | 'retire';

const TRANSITIONS: Readonly<Record<VersionStatus, Partial<Record<ReviewAction, VersionStatus>>>> = {
	draft: { edit: 'draft', submit: 'submitted' },
	returned: { edit: 'returned', submit: 'submitted' },
	submitted: { withdraw: 'draft', return: 'returned', approve: 'approved' },
	approved: { publish: 'published', retire: 'retired' },
	published: { supersede: 'superseded', retire: 'retired' },
	superseded: {},
	retired: {}
};

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(status: VersionStatus, action: ReviewAction): VersionStatus | null {
	return TRANSITIONS[status][action] ?? null;
}

/** Statuses in which a version is still being worked on (at most one per entry). */
export const OPEN_STATUSES: readonly VersionStatus[] = ['draft', 'submitted', 'returned'];

/** Statuses in which the editor may change the content. */
export const EDITABLE_STATUSES: readonly VersionStatus[] = ['draft', 'returned'];

/** Working days the legal office has to answer a submission, and a department to re-declare. */
export const REVIEW_DAYS = 10;
export const REDECLARE_DAYS = 20;
