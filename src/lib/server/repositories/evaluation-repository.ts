/**
 * 公众评议 (the `evaluations` table, migration 008): at most one per case (its primary key is the
 * case id). Counting them for the figures is done where the figures are (performance-repository,
 * statistics-repository).
 */
import { cachedStatement, type Db } from '../db/connection';

export interface EvaluationRow {
	case_id: number;
	/** 1 非常不满意 … 5 非常满意. */
	level: number;
	comment: string;
	created_at: string;
}

export function evaluationOfCase(db: Db, caseId: number): EvaluationRow | undefined {
	return cachedStatement(db, 'SELECT * FROM evaluations WHERE case_id = ?').get(caseId) as
		EvaluationRow | undefined;
}

export function insertEvaluation(db: Db, e: EvaluationRow): void {
	cachedStatement(
		db,
		'INSERT INTO evaluations (case_id, level, comment, created_at) VALUES (@case_id, @level, @comment, @created_at)'
	).run(e);
}
