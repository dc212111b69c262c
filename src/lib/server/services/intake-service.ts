/**
 * 外网受理 (public intake): what the application page shows of an item — its current frozen
 * version, the form revision pinned by that version and the frozen JSON Schema the browser checks
 * with — and the submission: the applicant's two fixed fields, the frozen schema and the upload
 * store are all checked before the runner opens the case, so every problem comes back at once.
 */
import { AppError } from '../../domain/errors';
import { emptyForm, type FormDocument, type FormField } from '../../domain/form/types';
import { createValidator, type SubmissionError } from '../../forms/ajv';
import { answerableFields, cleanSubmission, errorMessage } from '../../forms/submission';
import { hasMessage, translate, type Locale, type MessageKey, type Params } from '../../i18n';
import type { Db } from '../db/connection';
import * as catalogueRepo from '../repositories/catalogue-repository';
import { getRevision } from '../repositories/design-repository';
import * as frozen from '../repositories/frozen-repository';
import { nameProblem, safeFileName } from '../../domain/visible-text';
import { uploadFacts } from '../uploads/store';
import type { ServiceContext } from './context';
import { publishedEntry } from './public-catalogue';
import { ApplicationInvalidError, formSchemaOf, submitApplication } from './runner-service';

/** The error paths of the two fixed applicant fields (never a form field id: those are plain). */
export const APPLICANT_NAME = '$applicant.name';
export const APPLICANT_ID = '$applicant.idNumber';
/**
 * The flash that carries the query code from the submission to the receipt: an HTTP-only cookie
 * scoped to the receipt's own path, for ten minutes, read once (the receipt deletes it). The
 * server keeps only the code's hash; the receipt checks the cookie against that hash, so it is
 * also what lets the receipt show the applicant's details to the applicant alone.
 */
export const RECEIPT_COOKIE = 'sunlit_receipt';

export const APPLICANT_LIMITS = { name: 100, idNumber: 50 } as const;

export interface IntakeItem {
	code: string;
	name: string;
	department: string;
	statutoryDays: number;
	promisedDays: number;
	onlineApply: boolean;
	/** The version new applications run on, or null when none is frozen. */
	frozen: { version: number; contentHash: string; approvedAt: string } | null;
	/** The form revision that version pinned (null: the item has no form). */
	form: FormDocument | null;
	/** That version's frozen `form.schema.json`. */
	schema: object | null;
}

/** The published item as the application page needs it; undefined when not published. */
export function intakeItem(db: Db, code: string): IntakeItem | undefined {
	const entry = publishedEntry(db, code);
	const row = catalogueRepo.getEntryByCode(db, code);
	if (!entry || !row) return undefined;
	const current = row.retired_at ? undefined : frozen.currentFrozen(db, row.id);
	const revision =
		current && current.form_revision !== null
			? getRevision(db, row.id, 'form', current.form_revision)
			: undefined;
	return {
		code,
		name: entry.name,
		department: entry.department.name,
		statutoryDays: entry.content.statutoryDays,
		promisedDays: entry.content.promisedDays,
		onlineApply: entry.content.onlineApply,
		frozen: current
			? {
					version: current.version,
					contentHash: current.content_hash,
					approvedAt: current.approved_at
				}
			: null,
		form: revision ? (JSON.parse(revision.document) as FormDocument) : null,
		schema: current ? formSchemaOf(current) : null
	};
}

/** Problems of the two fixed applicant fields, as submission errors. */
export function applicantErrors(name: string, idNumber: string): SubmissionError[] {
	const out: SubmissionError[] = [];
	const unseen = nameProblem(name);
	if (!name.trim()) out.push({ field: APPLICANT_NAME, code: 'REQUIRED', params: {} });
	else if (unseen) out.push({ field: APPLICANT_NAME, code: unseen, params: {} });
	else if (name.trim().length > APPLICANT_LIMITS.name)
		out.push({ field: APPLICANT_NAME, code: 'TOO_LONG', params: { max: APPLICANT_LIMITS.name } });
	if (idNumber.trim().length > APPLICANT_LIMITS.idNumber)
		out.push({ field: APPLICANT_ID, code: 'TOO_LONG', params: { max: APPLICANT_LIMITS.idNumber } });
	return out;
}

/**
 * Every file answer (top level and in group rows) whose ref is not in the upload store. The others
 * get their size and type from the stored bytes and a safe name, whatever the client claimed.
 */
export function missingUploads(
	fields: readonly FormField[],
	data: Record<string, unknown>,
	uploadsDir: string,
	prefix = ''
): SubmissionError[] {
	const out: SubmissionError[] = [];
	for (const f of answerableFields(fields)) {
		const v = data[f.id];
		if (f.kind === 'file' && v && typeof v === 'object' && !Array.isArray(v)) {
			const answer = v as { ref?: unknown; name?: unknown };
			const facts = typeof answer.ref === 'string' ? uploadFacts(uploadsDir, answer.ref) : null;
			if (typeof answer.ref === 'string' && !facts)
				out.push({ field: `${prefix}${f.id}`, code: 'UPLOAD_MISSING', params: {} });
			else if (facts)
				data[f.id] = {
					...answer,
					name: safeFileName(typeof answer.name === 'string' ? answer.name : ''),
					...facts
				};
		}
		if (f.kind === 'group' && Array.isArray(v))
			v.forEach((row, i) => {
				if (row && typeof row === 'object' && !Array.isArray(row))
					out.push(
						...missingUploads(
							f.fields ?? [],
							row as Record<string, unknown>,
							uploadsDir,
							`${prefix}${f.id}.${i}.`
						)
					);
			});
	}
	return out;
}

/**
 * How deep the answers a refused submission hands back may go: a group's rows are at 2, their
 * cells at 3, so no answer the form can show is cut.
 */
const KEPT_DEPTH = 4;

/**
 * The answers of a refused submission as the page gets them back to show again: posted JSON may
 * be anything, so values nested deeper than any field's answer are left out (array items become
 * null, keeping row numbers) and so is any `__proto__` property — neither could be serialised to
 * the page, and neither is anything the applicant typed into a field.
 */
export function keptAnswers(answers: Record<string, unknown>): Record<string, unknown> {
	return keep(answers, 0) as Record<string, unknown>;
}

function keep(value: unknown, depth: number): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (depth >= KEPT_DEPTH) return undefined;
	if (Array.isArray(value)) return value.map((v) => keep(v, depth + 1) ?? null);
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		const kept = k === '__proto__' ? undefined : keep(v, depth + 1);
		if (kept !== undefined) out[k] = kept;
	}
	return out;
}

export interface Intake {
	code: string;
	data: unknown;
	applicant: { name: string; idNumber: string };
}

/**
 * Submits an online application. Refused with ApplicationInvalidError listing every problem
 * (applicant fields, frozen schema, missing uploads; nothing stored), or AppError
 * ITEM_NOT_ONLINE / ITEM_NOT_RUNNABLE.
 */
export function submitIntake(
	ctx: ServiceContext,
	root: string,
	uploadsDir: string,
	app: Intake
): { caseNo: string; queryCode: string } {
	const item = intakeItem(ctx.db, app.code);
	if (!item || !item.onlineApply) throw new AppError('ITEM_NOT_ONLINE', 'code');
	if (!item.frozen || !item.schema) throw new AppError('ITEM_NOT_RUNNABLE', 'code');
	const form = item.form ?? emptyForm(app.code, '');
	const data = cleanSubmission(form, app.data);
	// The schema checks the answers as sent; then file answers get their size and type from the
	// stored bytes (a well-formed but false claim is corrected, a malformed one refused).
	const errors = [
		...applicantErrors(app.applicant.name, app.applicant.idNumber),
		...createValidator(item.schema)(data).errors,
		...missingUploads(form.fields, data, uploadsDir)
	];
	if (errors.length) throw new ApplicationInvalidError(errors);
	const { caseNo, queryCode } = submitApplication(ctx, root, {
		code: app.code,
		data,
		channel: 'online',
		applicant: { name: app.applicant.name.trim(), idNumber: app.applicant.idNumber.trim() }
	});
	return { caseNo, queryCode };
}

/**
 * The answers of a form posted without JavaScript (FormRenderer `named`, `idPrefix`): one entry
 * per top-level field, by its DOM id. Text kinds as typed, numbers as numbers (kept as typed
 * when not a number, so the schema names them), checkboxes as lists. Files and table groups
 * need JavaScript and are not read here.
 */
export function answersFromFields(
	form: FormDocument,
	data: FormData,
	idPrefix: string
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const f of answerableFields(form.fields)) {
		if (f.kind === 'file' || f.kind === 'group') continue;
		const key = `${idPrefix}-${f.id}`;
		const values = data.getAll(key).filter((v): v is string => typeof v === 'string');
		if (f.kind === 'checkbox') {
			if (values.length) out[f.id] = values;
			continue;
		}
		const v = values[0];
		if (v === undefined || v.trim() === '') continue;
		const n = Number(v);
		out[f.id] = f.kind === 'number' && Number.isFinite(n) ? n : v;
	}
	return out;
}

/**
 * Submission errors as the API reports them: the field as the JSON request names it
 * (`applicant.name`, `applicant.idNumber`, `answers.<field path>`) and the same message the
 * application page shows under that field.
 */
export function applicationProblems(
	form: FormDocument | null,
	errors: readonly SubmissionError[],
	locale: Locale
): { field: string; code: string; message: string }[] {
	const t = (key: MessageKey, params: Params = {}) => translate(locale, key, params);
	const doc = form ?? emptyForm('', '');
	return errors.map((e) => {
		const applicant =
			e.field === APPLICANT_NAME
				? { field: 'applicant.name', label: t('intake.applicantName') }
				: e.field === APPLICANT_ID
					? { field: 'applicant.idNumber', label: t('intake.applicantId') }
					: null;
		if (!applicant)
			return {
				field: e.field ? `answers.${e.field}` : 'answers',
				code: e.code,
				message: errorMessage(doc, e, t)
			};
		const key = `formError.${e.code}`;
		return {
			field: applicant.field,
			code: e.code,
			message: t(hasMessage(key) ? key : 'formError.INVALID', {
				...e.params,
				field: applicant.label
			})
		};
	});
}
