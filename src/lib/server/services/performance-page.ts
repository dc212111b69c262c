/**
 * What the 绩效评估 page, its download and the monthly report load: the request read from the
 * address (period, grouping, department), the report, and the trend of the 12 months ending with
 * the period's last month.
 */
import { chinaDate } from '../../domain/dates';
import { AppError } from '../../domain/errors';
import {
	monthsEnding,
	readPerformanceRequest,
	type PerformanceRequest
} from '../../supervision/performance';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import {
	performance,
	performanceTrend,
	type PerformanceReport,
	type TrendPoint
} from './performance-service';

export interface PerformancePage {
	request: PerformanceRequest;
	/** The problem with the request, as a message key and the field at fault. */
	error: {
		code: string;
		field: string | undefined;
		params: Record<string, string | number>;
	} | null;
	report: PerformanceReport | null;
	trend: TrendPoint[];
	departments: { code: string; name: string }[];
	today: string;
}

export function departmentChoices(db: Db): { code: string; name: string }[] {
	return db
		.prepare(
			`SELECT code, name FROM departments d
			 WHERE disabled_at IS NULL AND EXISTS (SELECT 1 FROM catalogue_entries e WHERE e.department_id = d.id)
			 ORDER BY code`
		)
		.all() as { code: string; name: string }[];
}

export function loadPerformance(
	db: Db,
	clock: Clock,
	query: URLSearchParams,
	opts: { trend?: boolean; by?: 'department' | 'item' } = {}
): PerformancePage {
	const today = chinaDate(clock.now());
	const request = readPerformanceRequest(query, today);
	const departments = departmentChoices(db);
	if (!request.ok)
		return {
			request,
			error: { code: request.code, field: request.field, params: {} },
			report: null,
			trend: [],
			departments,
			today
		};
	try {
		const by = opts.by ?? request.by;
		const report = performance(db, {
			from: request.from,
			to: request.to,
			by,
			department: request.department
		});
		const trend =
			opts.trend === false
				? []
				: performanceTrend(db, monthsEnding(request.to.slice(0, 7), 12), request.department);
		return { request, error: null, report, trend, departments, today };
	} catch (err) {
		if (!(err instanceof AppError)) throw err;
		return {
			request,
			error: { code: err.code, field: err.field, params: err.params },
			report: null,
			trend: [],
			departments,
			today
		};
	}
}
