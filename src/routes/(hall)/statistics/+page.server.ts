import { getApp } from '$lib/server/app';
import { hallStatistics } from '$lib/server/services/statistics-service';
import type { PageServerLoad } from './$types';

/** 办件统计公示: case numbers and completion times per department and item, for everyone. */
export const load: PageServerLoad = () => ({ departments: hallStatistics(getApp().db) });
