import {
	APPLICATION_CATEGORIES,
	CATEGORIES,
	DISCLOSURE_FORMS,
	MATERIAL_FORMS,
	RIGHTS,
	type CatalogueContent,
	type FieldIssue
} from './types';

export const LIMITS = {
	name: 100,
	shortText: 50,
	longText: 2000,
	excerpt: 1000,
	maxDays: 3650,
	maxCopies: 99,
	maxBases: 20,
	maxMaterials: 50,
	maxDiscretion: 50
} as const;

const PHONE_RE = /^[0-9()（）+\-\s、,，转]{5,40}$/;
const URL_RE = /^https?:\/\/\S+$/;

/**
 * Every problem of an entry's content, each under the path of its field and a stable code (the UI
 * turns them into Chinese messages naming the field). An empty list means it may be submitted.
 * Drafts are saved whatever this says; only submission requires it to be empty.
 */
export function validateContent(c: CatalogueContent): FieldIssue[] {
	const issues: FieldIssue[] = [];
	const add = (field: string, code: string, params?: FieldIssue['params']) =>
		issues.push(params ? { field, code, params } : { field, code });
	const text = (field: string, value: string, max: number, required = true) => {
		if (required && !value.trim()) add(field, 'REQUIRED');
		else if (value.length > max) add(field, 'TOO_LONG', { max });
	};
	const days = (field: string, value: number, min = 0) => {
		if (!Number.isInteger(value) || value < min || value > LIMITS.maxDays)
			add(field, 'DAYS_RANGE', { min, max: LIMITS.maxDays });
	};

	text('name', c.name, LIMITS.name);
	if (!CATEGORIES.includes(c.category)) add('category', 'INVALID_CHOICE');
	text('division', c.division, LIMITS.shortText);
	text('post', c.post, LIMITS.shortText);
	text('staff', c.staff, LIMITS.shortText, false);

	if (c.bases.length === 0) add('bases', 'BASIS_REQUIRED');
	if (c.bases.length > LIMITS.maxBases) add('bases', 'TOO_MANY', { max: LIMITS.maxBases });
	c.bases.forEach((b, i) => {
		text(`bases.${i}.law`, b.law, LIMITS.name);
		text(`bases.${i}.article`, b.article, LIMITS.shortText, false);
		text(`bases.${i}.excerpt`, b.excerpt, LIMITS.excerpt);
	});

	if (!DISCLOSURE_FORMS.includes(c.disclosureForm)) add('disclosureForm', 'INVALID_CHOICE');
	if (c.disclosureForm === 'none') text('disclosureReason', c.disclosureReason, LIMITS.longText);
	else if (c.disclosureReason.trim()) add('disclosureReason', 'ONLY_WHEN_NOT_DISCLOSED');
	text('disclosureScope', c.disclosureScope, LIMITS.longText);
	if (c.disclosureForm !== 'none') days('disclosureDays', c.disclosureDays, 1);

	const applied = APPLICATION_CATEGORIES.includes(c.category);
	text('conditions', c.conditions, LIMITS.longText, applied);
	if (applied && c.materials.length === 0) add('materials', 'MATERIALS_REQUIRED');
	if (c.materials.length > LIMITS.maxMaterials)
		add('materials', 'TOO_MANY', { max: LIMITS.maxMaterials });
	const materialNames = new Set<string>();
	c.materials.forEach((m, i) => {
		text(`materials.${i}.name`, m.name, LIMITS.name);
		if (m.name.trim() && materialNames.has(m.name.trim())) add(`materials.${i}.name`, 'DUPLICATE');
		materialNames.add(m.name.trim());
		if (!MATERIAL_FORMS.includes(m.form)) add(`materials.${i}.form`, 'INVALID_CHOICE');
		if (!Number.isInteger(m.copies) || m.copies < 1 || m.copies > LIMITS.maxCopies)
			add(`materials.${i}.copies`, 'COPIES_RANGE', { max: LIMITS.maxCopies });
		text(`materials.${i}.notes`, m.notes, LIMITS.longText, false);
		text(`materials.${i}.template`, m.template, LIMITS.name, false);
	});

	if (c.feeCharged) {
		text('feeBasis', c.feeBasis, LIMITS.longText);
		text('feeStandard', c.feeStandard, LIMITS.longText);
	}

	days('statutoryDays', c.statutoryDays);
	days('promisedDays', c.promisedDays);
	if (
		Number.isInteger(c.statutoryDays) &&
		Number.isInteger(c.promisedDays) &&
		c.promisedDays > c.statutoryDays
	)
		add('promisedDays', 'PROMISED_EXCEEDS_STATUTORY', { statutory: c.statutoryDays });

	if (c.onlineApply) {
		if (!URL_RE.test(c.onlineUrl.trim())) add('onlineUrl', 'URL_INVALID');
	}
	if (!c.onlineApply && !c.windowAddress.trim()) add('windowAddress', 'CHANNEL_REQUIRED');
	text('windowAddress', c.windowAddress, LIMITS.longText, false);
	text('officeHours', c.officeHours, LIMITS.longText, !!c.windowAddress.trim());
	if (!c.phone.trim()) add('phone', 'REQUIRED');
	else if (!PHONE_RE.test(c.phone.trim())) add('phone', 'PHONE_INVALID');
	text('complaint', c.complaint, LIMITS.longText);
	if (c.rights.some((r) => !RIGHTS.includes(r))) add('rights', 'INVALID_CHOICE');
	text('rightsNote', c.rightsNote, LIMITS.longText, false);

	if (c.category === 'penalty') {
		if (c.discretion.length === 0) add('discretion', 'DISCRETION_REQUIRED');
	} else if (c.discretion.length > 0) add('discretion', 'DISCRETION_ONLY_FOR_PENALTY');
	if (c.discretion.length > LIMITS.maxDiscretion)
		add('discretion', 'TOO_MANY', { max: LIMITS.maxDiscretion });
	c.discretion.forEach((d, i) => {
		text(`discretion.${i}.circumstance`, d.circumstance, LIMITS.longText);
		text(`discretion.${i}.penaltyKind`, d.penaltyKind, LIMITS.shortText);
		text(`discretion.${i}.unit`, d.unit, 10);
		const numeric = Number.isFinite(d.min) && Number.isFinite(d.max);
		if (!Number.isFinite(d.min) || d.min < 0) add(`discretion.${i}.min`, 'NUMBER_INVALID');
		if (!Number.isFinite(d.max) || d.max < 0) add(`discretion.${i}.max`, 'NUMBER_INVALID');
		if (numeric && d.min > d.max) add(`discretion.${i}.max`, 'MIN_EXCEEDS_MAX', { min: d.min });
	});
	discretionOverlaps(c).forEach((o) =>
		add(`discretion.${o.row}.min`, 'RANGE_OVERLAP', { other: o.other + 1 })
	);
	c.discretion.forEach((d, i) => {
		const first = c.discretion.findIndex(
			(e) =>
				e.circumstance.trim() === d.circumstance.trim() &&
				e.penaltyKind.trim() === d.penaltyKind.trim()
		);
		if (d.circumstance.trim() && first !== i)
			add(`discretion.${i}.circumstance`, 'DUPLICATE_CIRCUMSTANCE', { other: first + 1 });
	});
	return issues;
}

/**
 * Rows whose ranges overlap another row's range of the same penalty kind and unit, for a
 * different circumstance. Touching ends (one row's max equal to the next row's min) are allowed:
 * benchmark tables commonly write "5000 元以上 1 万元以下" followed by "1 万元以上".
 */
export function discretionOverlaps(c: CatalogueContent): { row: number; other: number }[] {
	const out: { row: number; other: number }[] = [];
	c.discretion.forEach((a, i) => {
		for (let j = 0; j < i; j++) {
			const b = c.discretion[j]!;
			if (a.penaltyKind.trim() !== b.penaltyKind.trim() || a.unit.trim() !== b.unit.trim())
				continue;
			if (a.circumstance.trim() === b.circumstance.trim()) continue;
			if (!(a.min <= a.max && b.min <= b.max)) continue;
			if (a.min < b.max && b.min < a.max) {
				out.push({ row: i, other: j });
				break;
			}
		}
	});
	return out;
}
