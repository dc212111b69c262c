import { getApp } from '$lib/server/app';
import {
	listComplaints,
	REPLY_WORKING_DAYS,
	type ComplaintStatus
} from '$lib/server/services/complaint-service';
import type { PageServerLoad } from './$types';

const STATUSES: readonly ComplaintStatus[] = ['open', 'replied'];

/** 投诉举报 in the console: newest first, filtered by status, with the answer's timing. */
export const load: PageServerLoad = ({ url }) => {
	const { db, clock } = getApp();
	const raw = url.searchParams.get('status');
	const status = STATUSES.includes(raw as ComplaintStatus) ? (raw as ComplaintStatus) : null;
	return {
		status,
		statuses: STATUSES,
		replyDays: REPLY_WORKING_DAYS,
		complaints: listComplaints(db, clock.now(), { status })
	};
};
