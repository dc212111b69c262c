/**
 * The counts behind the hall's 办件统计公示 (statistics-service): cases, their closing figures,
 * evaluations and complaints, grouped by item code (complaints also by department). Every case
 * counts, whatever its origin. These are whole-table aggregates (all time), not period ranges.
 */
import { cachedStatement, type Db } from '../db/connection';

export interface ItemCount {
	item_code: string;
	n: number;
}

/** Cases received per item, in any status. */
export function receivedPerItem(db: Db): ItemCount[] {
	return cachedStatement(
		db,
		'SELECT item_code, COUNT(*) AS n FROM cases GROUP BY item_code'
	).all() as ItemCount[];
}

/**
 * Closed cases without the closing figures supervision keeps (closed before it kept them): their
 * working days or on-time verdict have to be counted on the calendar.
 */
const LEGACY =
	'(working_days IS NULL AND accepted_at IS NOT NULL) OR (on_time IS NULL AND promised_due IS NOT NULL)';

export interface ClosingSums {
	item_code: string;
	closed: number;
	/** Closed with a promised date (`on_time` kept). */
	timed: number;
	on_time: number;
	/** Sum of the working days kept, over `counted` cases. */
	days: number;
	counted: number;
}

/** Per item, the closing figures kept on closed cases (all but the legacy ones), summed. */
export function closingSumsPerItem(db: Db): ClosingSums[] {
	return cachedStatement(
		db,
		`SELECT item_code, COUNT(*) AS closed, COUNT(on_time) AS timed, COALESCE(SUM(on_time), 0) AS on_time,
			COALESCE(SUM(working_days), 0) AS days, COUNT(working_days) AS counted
		 FROM cases WHERE status = 'closed' AND closed_at IS NOT NULL AND NOT (${LEGACY})
		 GROUP BY item_code`
	).all() as ClosingSums[];
}

export interface LegacyClosedCase {
	item_code: string;
	accepted_at: string | null;
	closed_at: string;
	promised_due: string | null;
}

/**
 * The closed cases without kept closing figures, one by one (iterated, not loaded: prepared on
 * its own, as an iterated statement cannot be shared).
 */
export function legacyClosedCases(db: Db): Iterable<LegacyClosedCase> {
	return db
		.prepare(
			`SELECT item_code, accepted_at, closed_at, promised_due FROM cases
			 WHERE status = 'closed' AND closed_at IS NOT NULL AND (${LEGACY})`
		)
		.iterate() as Iterable<LegacyClosedCase>;
}

export interface EvaluationSums {
	item_code: string;
	n: number;
	/** Sum of the levels (1…5). */
	levels: number;
}

/** Per item, the evaluations of its cases and the sum of their levels. */
export function evaluationSumsPerItem(db: Db): EvaluationSums[] {
	return cachedStatement(
		db,
		`SELECT c.item_code, COUNT(*) AS n, SUM(v.level) AS levels
		 FROM evaluations v JOIN cases c ON c.id = v.case_id GROUP BY c.item_code`
	).all() as EvaluationSums[];
}

/** Per item, the complaints naming it (about the item or one of its cases). */
export function complaintsPerItem(db: Db): ItemCount[] {
	return cachedStatement(
		db,
		`SELECT item_code, COUNT(*) AS n FROM complaints WHERE item_code IS NOT NULL GROUP BY item_code`
	).all() as ItemCount[];
}

/** Per department code, the complaints naming it: those about it and about its items or cases. */
export function complaintsPerDepartment(db: Db): { code: string; n: number }[] {
	return cachedStatement(
		db,
		`SELECT d.code, COUNT(*) AS n FROM complaints c JOIN departments d ON d.id = c.department_id
		 GROUP BY d.code`
	).all() as { code: string; n: number }[];
}
