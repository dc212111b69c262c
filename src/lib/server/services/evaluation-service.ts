/**
 * 公众评议 (服务评价): once a case is final — closed or refused, not withdrawn — its applicant
 * rates it once, with the case number and query code: one of the five satisfaction levels and an
 * optional comment. The rating is stored with an audit record and a feed event (服务评价) in one
 * transaction; performance evaluation and the hall's statistics read the `evaluations` table.
 */
import { AppError } from '../../domain/errors';
import {
	parseSatisfactionLevel,
	SATISFACTION_NAMES,
	type SatisfactionLevel
} from '../../supervision/satisfaction';
import type { Db } from '../db/connection';
import { evaluationOfCase, insertEvaluation } from '../repositories/evaluation-repository';
import { appendFeed } from '../repositories/feed-repository';
import { getDepartment } from '../repositories/org-repository';
import { audit, inTransaction, type ServiceContext } from './context';
import { findCaseForApplicant } from './runner-service';

/** The longest comment kept (characters). */
export const EVALUATION_COMMENT_MAX = 500;

/** Case statuses that may be evaluated: a decision was reached (a withdrawn case has none). */
export const EVALUABLE_STATUSES: readonly string[] = ['closed', 'refused'];

export interface Evaluation {
	caseNo: string;
	level: SatisfactionLevel;
	/** The standard's name of the level (非常满意 … 非常不满意). */
	levelName: string;
	comment: string;
	createdAt: string;
}

/** The evaluation of a case, if it has one. */
export function evaluationOf(db: Db, caseId: number, caseNo: string): Evaluation | undefined {
	const r = evaluationOfCase(db, caseId);
	if (!r) return undefined;
	const level = r.level as SatisfactionLevel;
	return {
		caseNo,
		level,
		levelName: SATISFACTION_NAMES[level],
		comment: r.comment,
		createdAt: r.created_at
	};
}

/** Whether a case in this status may be evaluated (and is not yet). */
export function canEvaluate(status: string): boolean {
	return EVALUABLE_STATUSES.includes(status);
}

export interface EvaluationInput {
	caseNo: string;
	queryCode: string;
	/** The level as submitted (form text); must be 1…5. */
	level: unknown;
	comment?: unknown;
}

/**
 * Records the applicant's evaluation. Refused (nothing stored) with AppError:
 * CASE_NOT_FOUND (caseNo; wrong number or query code), EVALUATION_NOT_FINAL (the case is not
 * closed or refused), EVALUATION_DONE (evaluated already), EVALUATION_LEVEL_INVALID (level),
 * FIELD_TOO_LONG (comment).
 */
export function evaluateCase(ctx: ServiceContext, input: EvaluationInput): Evaluation {
	const level = parseSatisfactionLevel(input.level);
	const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
	const at = ctx.clock.now().toISOString();
	return inTransaction(ctx, () => {
		const row = findCaseForApplicant(ctx.db, input.caseNo, input.queryCode);
		if (!row) throw new AppError('CASE_NOT_FOUND', 'caseNo');
		if (!canEvaluate(row.status))
			throw new AppError('EVALUATION_NOT_FINAL', 'caseNo', { caseNo: row.case_no });
		if (evaluationOf(ctx.db, row.id, row.case_no))
			throw new AppError('EVALUATION_DONE', 'caseNo', { caseNo: row.case_no });
		if (level === null) throw new AppError('EVALUATION_LEVEL_INVALID', 'level');
		if ([...comment].length > EVALUATION_COMMENT_MAX)
			throw new AppError('FIELD_TOO_LONG', 'comment', { max: EVALUATION_COMMENT_MAX });
		insertEvaluation(ctx.db, { case_id: row.id, level, comment, created_at: at });
		audit(ctx, {
			action: 'case.evaluate',
			objectType: 'case',
			objectId: row.case_no,
			payload: { level, comment }
		});
		// The case row was read in this transaction: its department is the one answerable for it.
		const department =
			row.department_id === null ? undefined : getDepartment(ctx.db, row.department_id);
		appendFeed(ctx.db, {
			kind: 'evaluation',
			dataset: '服务评价',
			caseNo: row.case_no,
			departmentCode: department?.code ?? null,
			at,
			record: {
				办件编号: row.case_no,
				评价渠道: '网上',
				评价人: row.applicant_name,
				评价时间: at,
				满意度: { 代码: level, 名称: SATISFACTION_NAMES[level] },
				文字评价: comment
			}
		});
		return {
			caseNo: row.case_no,
			level,
			levelName: SATISFACTION_NAMES[level],
			comment,
			createdAt: at
		};
	});
}
