/**
 * What changed in an application form between the frozen version and a submitted one. Fields are
 * matched by id within their parent (top level, or a repeating group's row), so a group's fields
 * are reported with path ids such as `members.name`. Besides a field's own properties, a reviewer
 * sees when it moved: to another titled section, or to another place among its siblings.
 */
import type { FormDocument, FormField } from '../form/types';
import { byFirstId, changedProps, zeroCounts, type Change, type ChangeCounts } from './values';

/** The compared properties of a field, in the order a reviewer reads them. */
export const FIELD_DIFF_PROPS = [
	'kind',
	'label',
	'help',
	'required',
	'minLength',
	'maxLength',
	'min',
	'max',
	'pattern',
	'options',
	'material',
	'minItems',
	'maxItems'
] as const satisfies readonly (keyof FormField)[];
export type FieldDiffProp = (typeof FIELD_DIFF_PROPS)[number];

export interface FieldDiff {
	/** `id` for a top-level field, `group.id` for a field of a repeating group's row. */
	path: string;
	id: string;
	/** The group's path for a row field, null at the top level. */
	parent: string | null;
	/** 1 at the top level, 2 within a group (deeper groups are reported the same way). */
	depth: number;
	change: Change;
	/** For 'changed': the properties that differ, in FIELD_DIFF_PROPS order; else []. */
	changed: FieldDiffProp[];
	/**
	 * Kept in both versions, but now in another place among the fields it shares with the frozen
	 * version (in the order the form is shown). A field that only changed section is not counted
	 * here; the fewest fields that explain the new order are flagged.
	 */
	reordered: boolean;
	/** Top-level fields kept in both versions: shown under another section title than before. */
	sectionChanged: boolean;
	/** Title of the section the field is shown in (null: before all sections, or not a top field). */
	sectionBefore: string | null;
	sectionAfter: string | null;
	before: FormField | null;
	after: FormField | null;
}

export interface FormDiffCounts extends ChangeCounts {
	/** Fields kept in both versions that were reordered or moved to another section. */
	moved: number;
}

export interface FormDiff {
	title: { before: string | null; after: string | null; changed: boolean };
	/**
	 * Every field of either version, in the submitted form's order with each removed field
	 * following the fields it followed in the frozen form; a group's row fields follow the group.
	 */
	fields: FieldDiff[];
	summary: FormDiffCounts;
	/** True when the title, every field and the order and sections are as before. */
	unchanged: boolean;
}

/** Field order and section titles of one level, as the form is shown. */
interface Level {
	fields: Map<string, FormField>;
	/** Ids in the order shown: fields in no section first, then each section's fields. */
	order: string[];
	section: Map<string, string>;
}

function topLevel(form: FormDocument | null): Level {
	const fields = byFirstId(form?.fields ?? []);
	const section = new Map<string, string>();
	const sectioned: string[] = [];
	for (const s of form?.sections ?? []) {
		for (const id of s.fieldIds) {
			if (!fields.has(id) || section.has(id)) continue;
			section.set(id, s.title.trim());
			sectioned.push(id);
		}
	}
	const order = [...fields.keys()].filter((id) => !section.has(id)).concat(sectioned);
	return { fields, order, section };
}

function rowLevel(group: FormField | null): Level {
	const fields = byFirstId(group?.kind === 'group' ? (group.fields ?? []) : []);
	return { fields, order: [...fields.keys()], section: new Map() };
}

/**
 * Compares two application forms. `before` null (nothing frozen yet) makes every field added;
 * `after` null (the bundle drops its form) makes every field removed.
 */
export function diffForms(before: FormDocument | null, after: FormDocument | null): FormDiff {
	const fields: FieldDiff[] = [];
	diffLevel(topLevel(before), topLevel(after), null, 1, fields);
	const summary: FormDiffCounts = { ...zeroCounts(), moved: 0 };
	for (const f of fields) {
		summary[f.change]++;
		if (f.reordered || f.sectionChanged) summary.moved++;
	}
	const titleBefore = before ? before.title : null;
	const titleAfter = after ? after.title : null;
	const titleChanged = (titleBefore ?? '').trim() !== (titleAfter ?? '').trim();
	return {
		title: { before: titleBefore, after: titleAfter, changed: titleChanged },
		fields,
		summary,
		unchanged: !titleChanged && summary.same === fields.length && summary.moved === 0
	};
}

function diffLevel(
	was: Level,
	now: Level,
	parent: string | null,
	depth: number,
	out: FieldDiff[]
): void {
	const kept = new Set(was.order.filter((id) => now.fields.has(id)));
	const sectionChanged = (id: string) =>
		parent === null && kept.has(id) && was.section.get(id) !== now.section.get(id);
	// Of the fields kept in the same section, those outside a longest common subsequence moved.
	const stay = (order: string[]) => order.filter((id) => kept.has(id) && !sectionChanged(id));
	const inPlace = longestCommonSubsequence(stay(was.order), stay(now.order));

	for (const id of mergedOrder(was.order, now.order)) {
		const b = was.fields.get(id) ?? null;
		const a = now.fields.get(id) ?? null;
		const path = parent === null ? id : `${parent}.${id}`;
		const changed = a && b ? changedProps(FIELD_DIFF_PROPS, b, a) : [];
		const change: Change = !b ? 'added' : !a ? 'removed' : changed.length ? 'changed' : 'same';
		out.push({
			path,
			id,
			parent,
			depth,
			change,
			changed,
			reordered: kept.has(id) && !sectionChanged(id) && !inPlace.has(id),
			sectionChanged: sectionChanged(id),
			sectionBefore: b ? (was.section.get(id) ?? null) : null,
			sectionAfter: a ? (now.section.get(id) ?? null) : null,
			before: b,
			after: a
		});
		if (b?.kind === 'group' || a?.kind === 'group') {
			diffLevel(rowLevel(b), rowLevel(a), path, depth + 1, out);
		}
	}
}

/**
 * The submitted order, with each removed id placed right after the id it followed in the frozen
 * order (or first, when it was first), so a removed field is listed where it used to be.
 */
function mergedOrder(was: readonly string[], now: readonly string[]): string[] {
	const present = new Set(now);
	const after = new Map<string | null, string[]>();
	let previous: string | null = null;
	for (const id of was) {
		if (present.has(id)) {
			previous = id;
			continue;
		}
		const list = after.get(previous) ?? [];
		list.push(id);
		after.set(previous, list);
		previous = id;
	}
	// `previous` may itself be a removed id: chains of removed ids follow each other.
	const out: string[] = [];
	const emit = (anchor: string | null) => {
		for (const id of after.get(anchor) ?? []) {
			out.push(id);
			emit(id);
		}
	};
	emit(null);
	for (const id of now) {
		out.push(id);
		emit(id);
	}
	return out;
}

/** The ids of one longest common subsequence of two sequences of distinct ids. */
function longestCommonSubsequence(a: readonly string[], b: readonly string[]): Set<string> {
	// Forms have tens of fields, so the quadratic table is fine.
	const len: number[][] = Array.from({ length: a.length + 1 }, () =>
		new Array<number>(b.length + 1).fill(0)
	);
	for (let i = a.length - 1; i >= 0; i--) {
		for (let j = b.length - 1; j >= 0; j--) {
			len[i]![j] =
				a[i] === b[j] ? len[i + 1]![j + 1]! + 1 : Math.max(len[i + 1]![j]!, len[i]![j + 1]!);
		}
	}
	const out = new Set<string>();
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		if (a[i] === b[j]) {
			out.add(a[i]!);
			i++;
			j++;
		} else if (len[i + 1]![j]! >= len[i]![j + 1]!) i++;
		else j++;
	}
	return out;
}
