/**
 * 公示 of case numbers and completion times (the hall's statistics page): per department and per
 * published item, cases received and closed, the share closed on time (by the promised date) and
 * the mean working days from acceptance to closing; with each department's catalogue disclosure
 * (entries published, latest revision). Cases run by the engine, registered offline and pushed by
 * department systems all count. Counts come from SQL; the working days of closed cases are
 * counted on the working-day calendar. The public's verdict goes alongside: the mean satisfaction
 * of the evaluations given (公众评议, five levels) and the complaints and reports received
 * (投诉举报) — an item's complaints are those about it or one of its cases; a department's also
 * those about the department itself.
 */
import { chinaDate } from '../../domain/dates';
import { workingDaysBetween, type HolidayTable } from '../../domain/working-days';
import { meanLevel } from '../../supervision/satisfaction';
import type { Db } from '../db/connection';
import * as stats from '../repositories/statistics-repository';
import { holidayTable } from './calendar-service';
import { allPublished } from './public-catalogue';

export interface Figures {
	received: number;
	closed: number;
	/** Closed on or before the promised date, of those closed with one. */
	onTime: number;
	/** onTime / closed-with-a-promised-date, null when none. */
	onTimeRate: number | null;
	/** Mean working days from acceptance to closing, one decimal; null when none closed. */
	meanDays: number | null;
	/** Evaluations given (公众评议). */
	evaluations: number;
	/** Mean satisfaction level (1…5) to one decimal; null when none. */
	satisfaction: number | null;
	/** Complaints and reports received (投诉举报). */
	complaints: number;
}

export interface ItemStatistics extends Figures {
	code: string;
	name: string;
}

export interface DepartmentStatistics extends Figures {
	code: string;
	name: string;
	published: number;
	/** The latest publication date (China date) of its entries. */
	lastRevision: string | null;
	items: ItemStatistics[];
}

interface Acc {
	received: number;
	closed: number;
	onTime: number;
	timed: number;
	days: number;
	counted: number;
	evaluations: number;
	levels: number;
	complaints: number;
}

const empty = (): Acc => ({
	received: 0,
	closed: 0,
	onTime: 0,
	timed: 0,
	days: 0,
	counted: 0,
	evaluations: 0,
	levels: 0,
	complaints: 0
});

function figures(a: Acc): Figures {
	return {
		received: a.received,
		closed: a.closed,
		onTime: a.onTime,
		onTimeRate: a.timed ? a.onTime / a.timed : null,
		meanDays: a.counted ? Math.round((a.days / a.counted) * 10) / 10 : null,
		evaluations: a.evaluations,
		satisfaction: meanLevel(a.levels, a.evaluations),
		complaints: a.complaints
	};
}

function add(into: Acc, from: Acc): void {
	into.received += from.received;
	into.closed += from.closed;
	into.onTime += from.onTime;
	into.timed += from.timed;
	into.days += from.days;
	into.counted += from.counted;
	into.evaluations += from.evaluations;
	into.levels += from.levels;
}

/** The statistics of every department with published items, in catalogue order. */
export function hallStatistics(db: Db): DepartmentStatistics[] {
	const perItem = new Map<string, Acc>();
	const acc = (code: string) => {
		let a = perItem.get(code);
		if (!a) perItem.set(code, (a = empty()));
		return a;
	};
	for (const r of stats.receivedPerItem(db)) acc(r.item_code).received = r.n;
	// Closing figures are kept on each case when it closes (working days, on time): summed in SQL.
	for (const r of stats.closingSumsPerItem(db)) {
		const a = acc(r.item_code);
		a.closed += r.closed;
		a.timed += r.timed;
		a.onTime += r.on_time;
		a.days += r.days;
		a.counted += r.counted;
	}
	// Cases closed before those figures were kept: counted on the calendar here.
	let table: HolidayTable | undefined;
	for (const r of stats.legacyClosedCases(db)) {
		const a = acc(r.item_code);
		a.closed++;
		const closedOn = chinaDate(new Date(r.closed_at));
		if (r.promised_due) {
			a.timed++;
			if (closedOn <= r.promised_due) a.onTime++;
		}
		if (r.accepted_at) {
			const from = chinaDate(new Date(r.accepted_at));
			a.days += Math.max(0, workingDaysBetween(from, closedOn, (table ??= holidayTable(db))).days);
			a.counted++;
		}
	}
	for (const r of stats.evaluationSumsPerItem(db)) {
		const a = acc(r.item_code);
		a.evaluations = r.n;
		a.levels = r.levels;
	}
	for (const r of stats.complaintsPerItem(db)) acc(r.item_code).complaints = r.n;
	// A department's complaints are counted by department: those about it have no item.
	const complaintsOf = new Map(stats.complaintsPerDepartment(db).map((r) => [r.code, r.n]));
	const departments = new Map<string, DepartmentStatistics & { acc: Acc }>();
	for (const e of allPublished(db)) {
		let d = departments.get(e.department.code);
		if (!d) {
			d = {
				code: e.department.code,
				name: e.department.name,
				published: 0,
				lastRevision: null,
				items: [],
				acc: empty(),
				...figures(empty())
			};
			departments.set(e.department.code, d);
		}
		d.published++;
		const day = chinaDate(new Date(e.publishedAt));
		if (!d.lastRevision || day > d.lastRevision) d.lastRevision = day;
		const a = perItem.get(e.code) ?? empty();
		add(d.acc, a);
		d.items.push({ code: e.code, name: e.name, ...figures(a) });
	}
	return [...departments.values()].map(({ acc: a, ...d }) => ({
		...d,
		...figures({ ...a, complaints: complaintsOf.get(d.code) ?? 0 })
	}));
}
