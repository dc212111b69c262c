/**
 * The import template of the power catalogue (职权目录导入模板): one entry per row, one column per
 * element, Chinese headers taken from the `field.*` labels. The same format serves the template,
 * the export of a department's entries (with the item code first) and the import, which reads
 * .xlsx and .csv files row by row and reports every problem with its row and column.
 *
 * Cell syntax:
 * - 设定依据: one basis per line, `法律法规名称|条款|条文内容` (the article may be empty);
 * - 申请材料: one material per line, `名称|是否必须|形式|份数|备注|空白表格` (notes and template
 *   may be left out);
 * - 自由裁量基准: one tier per line, `违法情节|处罚种类|下限|上限|单位`;
 * - 职权类别, 公开方式 and material forms by their Chinese labels; 相对人的权利 as labels
 *   separated by “；” or “、”; yes/no columns as 是/否 (blank is 否); numbers as numbers.
 *
 * The spreadsheet is Chinese whatever the user's language, so its texts are Chinese too.
 */
import {
	CATEGORIES,
	DISCLOSURE_FORMS,
	MATERIAL_FORMS,
	RIGHTS,
	emptyContent,
	type CatalogueContent,
	type FieldIssue,
	type Right
} from '../../domain/catalogue/types';
import { validateContent } from '../../domain/catalogue/validate';
import { hasMessage, type MessageKey } from '../../i18n';
import {
	CODE_HEADER,
	COLUMNS,
	TEMPLATE_HEADERS,
	categoryLabel,
	columnLetter,
	disclosureLabel,
	formLabel,
	headerOf,
	normalizeHeader,
	rightLabel,
	zh,
	type Column,
	type Key,
	type KeyOf
} from './sheet-columns';
import { csvGrid, sheetError, xlsxGrid, type Cell, type SheetError } from './sheet-grid';

export {
	CODE_COLUMN,
	DATA_SHEET,
	MAX_IMPORT_BYTES,
	MAX_IMPORT_ROWS,
	TEMPLATE_HEADERS,
	columnHeader,
	columnLetter,
	sheetCells
} from './sheet-columns';
export { EXAMPLE_CONTENT, entriesWorkbook, templateWorkbook } from './sheet-write';
export { parseCsv, type SheetError } from './sheet-grid';

/** One problem of a row, at the column whose header and letter it names. */
export interface RowProblem {
	/** The header text of the column, e.g. 设定依据. */
	column: string;
	/** The column's letter in the uploaded sheet: A, B, … */
	columnLetter: string;
	/** What is wrong, in Chinese. */
	message: string;
}

/** One non-empty row of an uploaded sheet. */
export interface ParsedRow {
	/** The spreadsheet row number as the user sees it (the header is row 1). */
	row: number;
	/**
	 * The item code the row carries (only exported sheets have the 事项编码 column), else null.
	 * A row with a code updates that entry (a new draft version); without, it creates one.
	 */
	code: { value: string; columnLetter: string } | null;
	/** The column letter of every element in the uploaded sheet (the same for all rows). */
	letters: Readonly<Record<Key, string>>;
	/**
	 * What the row says, or null when a cell could not be read (an unknown choice, a malformed
	 * list line, a number that is not one). Not null does not mean valid: see `problems`.
	 */
	content: CatalogueContent | null;
	/** Every problem of the row, in column order: unreadable cells and `validateContent` issues. */
	problems: RowProblem[];
}

export function isSheetError(result: ParsedRow[] | SheetError): result is SheetError {
	return !Array.isArray(result);
}

/** A choice by its Chinese label (or its stored value, which the export never writes). */
function pick<T extends string>(values: readonly T[], label: (v: T) => string, text: string) {
	return values.find((v) => label(v) === text || v === text);
}

function text(cell: Cell): string {
	if (cell === null) return '';
	return String(cell).replace(/\r\n?/g, '\n').trim();
}

/** A number as typed (full-width digits and thousands separators allowed), or undefined. */
function parseNumber(s: string): number | undefined {
	let t = s
		.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
		.replace(/．/g, '.')
		.replace(/[－—]/g, '-')
		.replace(/＋/g, '+')
		.trim();
	if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
	return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : undefined;
}

const YES_WORDS = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '对']);
const NO_WORDS = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '不']);

/** true / false, or undefined when the cell says neither (blank is undefined too). */
function yesNo(cell: Cell): boolean | undefined {
	if (typeof cell === 'boolean') return cell;
	const s = text(cell).toLowerCase();
	if (YES_WORDS.has(s)) return true;
	if (NO_WORDS.has(s)) return false;
	return undefined;
}

const RIGHT_NAMES: readonly { right: Right; name: string }[] = [
	...RIGHTS.map((right) => ({ right, name: rightLabel(right) })),
	...(
		[
			['statement', '陈述申辩'],
			['statement', '陈述和申辩'],
			['statement', '陈述'],
			['statement', '申辩'],
			['hearing', '听证'],
			['review', '行政复议'],
			['review', '复议'],
			['litigation', '行政诉讼'],
			['litigation', '诉讼']
		] as const
	).map(([right, name]) => ({ right, name }))
].sort((a, b) => b.name.length - a.name.length);
const RIGHT_SEPARATORS = /[、；;,，\s]/;

type Report = (message: string) => void;

/** Splits a list cell into its non-empty lines and their `|` parts. */
function listLines(cell: Cell): string[][] {
	return text(cell)
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => l.split(/[|｜]/).map((p) => p.trim()));
}

function partsProblem(n: number, expected: string, format: MessageKey, actual: number): string {
	return zh('import.problem.parts', { n, expected, format: zh(format), actual });
}

/** Reads one cell into the draft, reporting what cannot be read. */
function readCell(column: Column, cell: Cell, draft: CatalogueContent, report: Report): void {
	const s = text(cell);
	const number = (value: string, bad: () => void): number => {
		if (typeof cell === 'number' && value === s) return cell;
		if (value === '') return Number.NaN;
		const n = parseNumber(value);
		if (n === undefined) bad();
		return n ?? Number.NaN;
	};
	switch (column.kind) {
		case 'text':
			draft[column.key as KeyOf<string>] = s;
			return;
		case 'category': {
			const v = pick(CATEGORIES, categoryLabel, s);
			if (v) draft.category = v;
			else
				report(
					zh('import.problem.choice', {
						value: s,
						choices: CATEGORIES.map(categoryLabel).join('、')
					})
				);
			return;
		}
		case 'disclosureForm': {
			const v = pick(DISCLOSURE_FORMS, disclosureLabel, s);
			if (v) draft.disclosureForm = v;
			else
				report(
					zh('import.problem.choice', {
						value: s,
						choices: DISCLOSURE_FORMS.map(disclosureLabel).join('、')
					})
				);
			return;
		}
		case 'yesNo': {
			const v = s === '' ? false : yesNo(cell);
			if (v === undefined) report(zh('import.problem.yesNo', { value: s }));
			draft[column.key as KeyOf<boolean>] = v ?? false;
			return;
		}
		case 'number':
			draft[column.key as KeyOf<number>] = number(s, () =>
				report(zh('import.problem.number', { value: s }))
			);
			return;
		case 'rights': {
			const rights: Right[] = [];
			let i = 0;
			while (i < s.length) {
				if (RIGHT_SEPARATORS.test(s[i]!)) {
					i++;
					continue;
				}
				const hit = RIGHT_NAMES.find((r) => s.startsWith(r.name, i));
				if (hit) {
					if (!rights.includes(hit.right)) rights.push(hit.right);
					i += hit.name.length;
					continue;
				}
				let j = i;
				while (j < s.length && !RIGHT_SEPARATORS.test(s[j]!)) j++;
				report(
					zh('import.problem.choice', {
						value: s.slice(i, j),
						choices: RIGHTS.map(rightLabel).join('；')
					})
				);
				i = j;
			}
			draft.rights = rights;
			return;
		}
		case 'bases':
			draft.bases = [];
			listLines(cell).forEach((parts, idx) => {
				if (parts.length !== 3)
					return report(partsProblem(idx + 1, '3', 'import.format.bases', parts.length));
				const [law, article, excerpt] = parts as [string, string, string];
				draft.bases.push({ law, article, excerpt });
			});
			return;
		case 'materials':
			draft.materials = [];
			listLines(cell).forEach((parts, idx) => {
				const n = idx + 1;
				if (parts.length < 4 || parts.length > 6)
					return report(
						partsProblem(
							n,
							zh('import.format.materialsCount'),
							'import.format.materials',
							parts.length
						)
					);
				const [name, required, form, copies, notes = '', template = ''] = parts as string[];
				const isRequired = yesNo(required!);
				if (isRequired === undefined)
					report(
						zh('import.problem.partYesNo', {
							n,
							part: zh('field.materials.required'),
							value: required!
						})
					);
				const materialForm = pick(MATERIAL_FORMS, formLabel, form!);
				if (!materialForm)
					report(
						zh('import.problem.partChoice', {
							n,
							value: form!,
							part: zh('field.materials.form'),
							choices: MATERIAL_FORMS.map(formLabel).join('、')
						})
					);
				const partNumber = (value: string, key: MessageKey) =>
					number(value, () => report(zh('import.problem.partNumber', { n, part: zh(key), value })));
				draft.materials.push({
					name: name!,
					required: isRequired ?? true,
					form: materialForm ?? 'original',
					copies: partNumber(copies!, 'field.materials.copies'),
					notes,
					template
				});
			});
			return;
		case 'discretion':
			draft.discretion = [];
			listLines(cell).forEach((parts, idx) => {
				const n = idx + 1;
				if (parts.length !== 5)
					return report(partsProblem(n, '5', 'import.format.discretion', parts.length));
				const [circumstance, penaltyKind, min, max, unit] = parts as [
					string,
					string,
					string,
					string,
					string
				];
				const partNumber = (value: string, key: MessageKey) =>
					number(value, () => report(zh('import.problem.partNumber', { n, part: zh(key), value })));
				draft.discretion.push({
					circumstance,
					penaltyKind,
					min: partNumber(min, 'field.discretion.min'),
					max: partNumber(max, 'field.discretion.max'),
					unit
				});
			});
			return;
	}
}

/**
 * Validation issues that only follow from a default put in place of an unreadable cell (an
 * unknown category makes it 行政许可, which wants materials): left out, the cell is reported.
 */
const FOLLOWS_FROM: Partial<Record<Key, (issue: FieldIssue) => boolean>> = {
	category: (i) =>
		i.field === 'conditions' ||
		['MATERIALS_REQUIRED', 'DISCRETION_REQUIRED', 'DISCRETION_ONLY_FOR_PENALTY'].includes(i.code),
	disclosureForm: (i) => i.field === 'disclosureReason' || i.field === 'disclosureDays',
	onlineApply: (i) =>
		i.field === 'onlineUrl' || (i.field === 'windowAddress' && i.code === 'CHANNEL_REQUIRED')
};

/** A `validateContent` issue as the message of its column: `bases.1.excerpt` → “第 2 条：请填写“条文内容”。” */
function issueMessage(issue: FieldIssue): { key: Key; message: string } {
	const [head, index, sub] = issue.field.split('.') as [Key, string?, string?];
	const labelKey = `field.${head}${sub ? `.${sub}` : ''}`;
	const field = hasMessage(labelKey) ? zh(labelKey) : headerOf(head);
	const messageKey = `validation.${issue.code}`;
	let message = hasMessage(messageKey)
		? zh(messageKey, { field, ...issue.params })
		: `${field}：${issue.code}`;
	const itemKey = `import.item.${head}`;
	if (index !== undefined && /^\d+$/.test(index) && hasMessage(itemKey))
		message = `${zh(itemKey, { n: Number(index) + 1 })}：${message}`;
	return { key: head, message };
}

function readRow(
	number: number,
	cells: Cell[],
	at: ReadonlyMap<Key, number>,
	codeAt: number | undefined,
	letters: Readonly<Record<Key, string>>
): ParsedRow {
	const found: { index: number; problem: RowProblem }[] = [];
	const add = (key: Key, message: string) => {
		const index = at.get(key)!;
		found.push({
			index,
			problem: { column: headerOf(key), columnLetter: columnLetter(index + 1), message }
		});
	};
	const unreadable = new Set<Key>();
	const draft: CatalogueContent = { ...emptyContent(), bases: [], rights: [] };
	for (const c of COLUMNS)
		readCell(c, cells[at.get(c.key)!] ?? null, draft, (message) => {
			unreadable.add(c.key);
			add(c.key, message);
		});
	if (draft.disclosureForm === 'none' && Number.isNaN(draft.disclosureDays))
		draft.disclosureDays = 0;
	for (const issue of validateContent(draft)) {
		const { key, message } = issueMessage(issue);
		if (unreadable.has(key)) continue;
		if ([...unreadable].some((k) => FOLLOWS_FROM[k]?.(issue))) continue;
		add(at.has(key) ? key : 'name', message);
	}
	found.sort((a, b) => a.index - b.index);
	const code = codeAt === undefined ? '' : text(cells[codeAt] ?? null);
	return {
		row: number,
		code: code ? { value: code, columnLetter: columnLetter(codeAt! + 1) } : null,
		letters,
		content: unreadable.size ? null : draft,
		problems: found.map((f) => f.problem)
	};
}

/**
 * Reads an uploaded .xlsx or .csv file (by its name's extension) in the template's format: the
 * header row first (columns matched by their header text, in any order; unknown columns are
 * ignored), then one entry per non-empty row. Returns every non-empty row with its problems, or
 * a sheet-level error when the file cannot be read or a template column is missing.
 */
export async function parseSpreadsheet(
	buffer: Buffer,
	filename: string
): Promise<ParsedRow[] | SheetError> {
	const ext = /\.([^.]+)$/.exec(filename.trim().toLowerCase())?.[1];
	const grid =
		ext === 'xlsx'
			? await xlsxGrid(buffer)
			: ext === 'csv'
				? csvGrid(buffer)
				: sheetError('FILE_TYPE', zh('import.sheet.fileType'));
	if ('code' in grid) return grid;

	const byHeader = new Map<string, number[]>();
	grid.header.forEach((cell, i) => {
		const h = normalizeHeader(text(cell));
		if (h) byHeader.set(h, [...(byHeader.get(h) ?? []), i]);
	});
	const wanted = [CODE_HEADER, ...TEMPLATE_HEADERS];
	for (const h of wanted) {
		const where = byHeader.get(normalizeHeader(h)) ?? [];
		if (where.length > 1)
			return sheetError(
				'DUPLICATE_HEADER',
				zh('import.sheet.duplicateHeader', {
					header: h,
					letters: where.map((i) => columnLetter(i + 1)).join('、')
				}),
				[h]
			);
	}
	const missing = TEMPLATE_HEADERS.filter((h) => !byHeader.has(normalizeHeader(h)));
	if (missing.length)
		return sheetError(
			'MISSING_HEADERS',
			zh('import.sheet.missingHeaders', { headers: missing.map((h) => `“${h}”`).join('、') }),
			missing
		);
	const at = new Map<Key, number>(
		COLUMNS.map((c) => [c.key, byHeader.get(normalizeHeader(headerOf(c.key)))![0]!])
	);
	const codeAt = byHeader.get(normalizeHeader(CODE_HEADER))?.[0];
	const used = [...at.values(), ...(codeAt === undefined ? [] : [codeAt])];
	const letters = Object.fromEntries(
		[...at].map(([key, i]) => [key, columnLetter(i + 1)])
	) as Record<Key, string>;

	return grid.rows
		.filter((r) => used.some((i) => text(r.cells[i] ?? null) !== ''))
		.map((r) => readRow(r.number, r.cells, at, codeAt, letters));
}
