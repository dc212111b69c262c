import { getApp } from '$lib/server/app';
import { auditHead } from '$lib/server/repositories/audit-repository';
import {
	currentSupervisionSettings,
	supervisionOverview
} from '$lib/server/services/supervision-service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { db } = getApp();
	return {
		overview: supervisionOverview(db),
		yellowShare: currentSupervisionSettings().yellowShare,
		head: auditHead(db)
	};
};
