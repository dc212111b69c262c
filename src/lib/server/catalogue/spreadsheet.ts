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
import ExcelJS from 'exceljs';
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
import { LIMITS, validateContent } from '../../domain/catalogue/validate';
import { hasMessage, translate, type MessageKey, type Params } from '../../i18n';
import { withoutComments } from './xlsx-comments';

/** The most rows one import may hold. */
export const MAX_IMPORT_ROWS = 500;
/** The largest file one import may upload. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const zh = (key: MessageKey, params?: Params) => translate('zh', key, params);

/** The name of the data sheet; the import reads it (or, failing that, the first sheet with headers). */
export const DATA_SHEET = zh('import.sheet.data');

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

/** A problem with the whole file: nothing could be read row by row. */
export interface SheetError {
	code:
		'FILE_TYPE' | 'UNREADABLE' | 'ENCODING' | 'CSV_QUOTE' | 'MISSING_HEADERS' | 'DUPLICATE_HEADER';
	/** What is wrong, in Chinese. */
	message: string;
	/** The headers concerned (missing or repeated), when the error is about headers. */
	headers: string[];
}

export function isSheetError(result: ParsedRow[] | SheetError): result is SheetError {
	return !Array.isArray(result);
}

// ── columns ──────────────────────────────────────────────────────────────────

type Key = keyof CatalogueContent;
type KeyOf<T> = { [K in Key]: T extends CatalogueContent[K] ? K : never }[Key];
type Kind =
	| 'text'
	| 'category'
	| 'disclosureForm'
	| 'yesNo'
	| 'number'
	| 'rights'
	| 'bases'
	| 'materials'
	| 'discretion';

interface Column {
	key: Key;
	kind: Kind;
	width: number;
	/** 是否必填, as the instructions sheet says it. */
	need: MessageKey;
}

const col = (key: Key, kind: Kind, width: number, need: MessageKey): Column => ({
	key,
	kind,
	width,
	need
});

/** The columns of the template, in order (the export puts 事项编码 before them). */
const COLUMNS: readonly Column[] = [
	col('name', 'text', 30, 'import.need.required'),
	col('category', 'category', 16, 'import.need.required'),
	col('division', 'text', 18, 'import.need.required'),
	col('post', 'text', 14, 'import.need.required'),
	col('staff', 'text', 16, 'import.need.optional'),
	col('bases', 'bases', 60, 'import.need.required'),
	col('disclosureForm', 'disclosureForm', 14, 'import.need.required'),
	col('disclosureReason', 'text', 24, 'import.need.notDisclosed'),
	col('disclosureScope', 'text', 14, 'import.need.required'),
	col('disclosureDays', 'number', 12, 'import.need.disclosed'),
	col('conditions', 'text', 40, 'import.need.application'),
	col('materials', 'materials', 60, 'import.need.application'),
	col('feeCharged', 'yesNo', 10, 'import.need.optional'),
	col('feeBasis', 'text', 24, 'import.need.fee'),
	col('feeStandard', 'text', 24, 'import.need.fee'),
	col('statutoryDays', 'number', 12, 'import.need.required'),
	col('promisedDays', 'number', 12, 'import.need.required'),
	col('onlineApply', 'yesNo', 10, 'import.need.optional'),
	col('onlineUrl', 'text', 30, 'import.need.online'),
	col('windowAddress', 'text', 30, 'import.need.channel'),
	col('officeHours', 'text', 24, 'import.need.window'),
	col('phone', 'text', 16, 'import.need.required'),
	col('complaint', 'text', 30, 'import.need.required'),
	col('rights', 'rights', 30, 'import.need.optional'),
	col('rightsNote', 'text', 24, 'import.need.optional'),
	col('discretion', 'discretion', 60, 'import.need.penalty')
];

const CODE_HEADER = zh('field.code');
const headerOf = (key: Key) => zh(`field.${key}`);

/** The template's headers in order, without 事项编码 (which only the export has). */
export const TEMPLATE_HEADERS: readonly string[] = COLUMNS.map((c) => headerOf(c.key));

const categoryLabel = (v: (typeof CATEGORIES)[number]) => zh(`category.${v}`);
const disclosureLabel = (v: (typeof DISCLOSURE_FORMS)[number]) => zh(`disclosure.${v}`);
const formLabel = (v: (typeof MATERIAL_FORMS)[number]) => zh(`materialForm.${v}`);
const rightLabel = (v: Right) => zh(`right.${v}`);
const YES = '是';
const NO = '否';

/** A choice by its Chinese label (or its stored value, which the export never writes). */
function pick<T extends string>(values: readonly T[], label: (v: T) => string, text: string) {
	return values.find((v) => label(v) === text || v === text);
}

/** The column letter of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
	let s = '';
	for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
		s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
	return s;
}

// ── writing ──────────────────────────────────────────────────────────────────

/** A part of a list line: bars would split it and line breaks would end it, so both are replaced. */
const part = (s: string | number) =>
	String(s)
		.replace(/[|｜]/g, '／')
		.replace(/\s*[\r\n]+\s*/g, ' ');
const num = (n: number) => (Number.isFinite(n) ? n : '');

function cellOf(column: Column, c: CatalogueContent): string | number {
	switch (column.kind) {
		case 'category':
			return categoryLabel(c.category);
		case 'disclosureForm':
			return disclosureLabel(c.disclosureForm);
		case 'yesNo':
			return c[column.key as KeyOf<boolean>] ? YES : NO;
		case 'number':
			return num(c[column.key as KeyOf<number>]);
		case 'rights':
			return c.rights.map(rightLabel).join('；');
		case 'bases':
			return c.bases.map((b) => [b.law, b.article, b.excerpt].map(part).join('|')).join('\n');
		case 'materials':
			return c.materials
				.map((m) => {
					const parts = [
						m.name,
						m.required ? YES : NO,
						formLabel(m.form),
						num(m.copies),
						m.notes,
						m.template
					].map(part);
					while (parts.length > 4 && parts[parts.length - 1] === '') parts.pop();
					return parts.join('|');
				})
				.join('\n');
		case 'discretion':
			return c.discretion
				.map((d) => [d.circumstance, d.penaltyKind, num(d.min), num(d.max), d.unit].map(part))
				.map((parts) => parts.join('|'))
				.join('\n');
		case 'text':
			return c[column.key as KeyOf<string>];
	}
}

/** The example entry of the template's 示例 sheet (valid: it would import as it is). */
export const EXAMPLE_CONTENT: CatalogueContent = {
	...emptyContent('licensing'),
	name: '食品经营许可',
	division: '食品经营许可科',
	post: '受理岗',
	staff: '受理岗工作人员',
	bases: [
		{
			law: '《中华人民共和国食品安全法》',
			article: '第三十五条第一款',
			excerpt:
				'国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。'
		},
		{
			law: '《食品经营许可和备案管理办法》',
			article: '第二条',
			excerpt: '在中华人民共和国境内，从事食品销售和餐饮服务活动，应当依法取得食品经营许可。'
		}
	],
	disclosureForm: 'active',
	disclosureScope: '社会公众',
	disclosureDays: 20,
	conditions: '有与经营的食品品种、数量相适应的经营场所；\n有相应的设备设施和管理制度。',
	materials: [
		{
			name: '食品经营许可申请书',
			required: true,
			form: 'original',
			copies: 1,
			notes: '',
			template: '食品经营许可申请书.docx'
		},
		{
			name: '营业执照',
			required: true,
			form: 'copy',
			copies: 1,
			notes: '加盖公章',
			template: ''
		},
		{
			name: '授权委托书',
			required: false,
			form: 'original',
			copies: 1,
			notes: '委托他人办理时提交',
			template: ''
		}
	],
	feeCharged: false,
	statutoryDays: 20,
	promisedDays: 10,
	onlineApply: true,
	onlineUrl: 'https://zwfw.example.gov.cn/item/spjy',
	windowAddress: '县政务服务中心二楼 12 号窗口',
	officeHours: '周一至周五 9:00-12:00，13:30-17:00（法定节假日除外）',
	phone: '0000-12345678',
	complaint: '县纪委监委信访室 12388',
	rights: ['review', 'litigation'],
	rightsNote: ''
};

type Dv = { add(range: string, validation: ExcelJS.DataValidation): void };

/** Drop-down lists and number checks for rows 2 to `lastRow` of the data sheet (Excel enforces them while typing). */
function addValidations(
	ws: ExcelJS.Worksheet,
	columns: readonly Column[],
	offset: number,
	lastRow: number
) {
	const dv = (ws as unknown as { dataValidations: Dv }).dataValidations;
	const list = (labels: readonly string[]): ExcelJS.DataValidation => ({
		type: 'list',
		allowBlank: true,
		formulae: [`"${labels.join(',')}"`],
		showErrorMessage: true,
		errorStyle: 'stop',
		errorTitle: zh('import.dv.choiceTitle'),
		error: zh('import.dv.choice', { choices: labels.join('、') })
	});
	columns.forEach((c, i) => {
		const letter = columnLetter(i + 1 + offset);
		const range = `${letter}2:${letter}${lastRow}`;
		if (c.kind === 'category') dv.add(range, list(CATEGORIES.map(categoryLabel)));
		else if (c.kind === 'disclosureForm')
			dv.add(range, list(DISCLOSURE_FORMS.map(disclosureLabel)));
		else if (c.kind === 'yesNo') dv.add(range, list([YES, NO]));
		else if (c.kind === 'number')
			dv.add(range, {
				type: 'whole',
				operator: 'between',
				allowBlank: true,
				formulae: [0, LIMITS.maxDays],
				showErrorMessage: true,
				errorStyle: 'stop',
				errorTitle: zh('import.dv.daysTitle'),
				error: zh('import.dv.days', { max: LIMITS.maxDays })
			});
	});
}

function howOf(key: Key | 'code'): string {
	return zh(`import.how.${key}`, {
		choices:
			key === 'category'
				? CATEGORIES.map(categoryLabel).join('、')
				: key === 'disclosureForm'
					? DISCLOSURE_FORMS.map(disclosureLabel).join('、')
					: RIGHTS.map(rightLabel).join('；'),
		forms: MATERIAL_FORMS.map(formLabel).join('/')
	});
}

function addDataSheet(
	wb: ExcelJS.Workbook,
	name: string,
	rows: readonly { code?: string; content: CatalogueContent }[],
	withCode: boolean,
	validations: boolean
) {
	const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
	const text = { numFmt: '@' };
	ws.columns = [
		...(withCode ? [{ header: CODE_HEADER, width: 22, style: text }] : []),
		...COLUMNS.map((c) => ({
			header: headerOf(c.key),
			width: c.width,
			style: c.kind === 'number' ? {} : text
		}))
	];
	const header = ws.getRow(1);
	header.font = { bold: true };
	header.alignment = { vertical: 'middle', wrapText: true };
	header.eachCell((cell, n) => {
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F4' } };
		const key = withCode ? (n === 1 ? 'code' : COLUMNS[n - 2]!.key) : COLUMNS[n - 1]!.key;
		cell.note = howOf(key);
	});
	for (const r of rows)
		ws.addRow([...(withCode ? [r.code ?? ''] : []), ...COLUMNS.map((c) => cellOf(c, r.content))]);
	ws.eachRow((row, n) => {
		if (n > 1) row.alignment = { wrapText: true, vertical: 'top' };
	});
	if (validations)
		addValidations(ws, COLUMNS, withCode ? 1 : 0, Math.max(MAX_IMPORT_ROWS, rows.length) + 1);
	return ws;
}

function addGuideSheet(wb: ExcelJS.Workbook, withCode: boolean) {
	const ws = wb.addWorksheet(zh('import.sheet.guide'));
	ws.columns = [{ width: 6 }, { width: 24 }, { width: 24 }, { width: 60 }, { width: 50 }];
	const title = ws.addRow([zh('import.guide.title')]);
	title.font = { bold: true, size: 14 };
	const rules: MessageKey[] = [
		'import.guide.rule1',
		'import.guide.rule2',
		'import.guide.rule3',
		'import.guide.rule4',
		'import.guide.rule5',
		'import.guide.rule6',
		'import.guide.rule7'
	];
	for (const key of rules) {
		const text = zh(key, { max: MAX_IMPORT_ROWS, mb: MAX_IMPORT_BYTES / 1024 / 1024 });
		const row = ws.addRow([text]);
		ws.mergeCells(row.number, 1, row.number, 5);
		row.alignment = { wrapText: true, vertical: 'top' };
		row.height = 16 * Math.ceil(text.length / 75) + 4;
	}
	ws.addRow([]);
	const head = ws.addRow(
		(
			[
				'import.guide.column',
				'import.guide.header',
				'import.guide.need',
				'import.guide.how',
				'import.guide.sample'
			] as const
		).map((k) => zh(k))
	);
	head.font = { bold: true };
	head.eachCell((cell) => {
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F4' } };
	});
	const offset = withCode ? 1 : 0;
	if (withCode)
		ws.addRow([
			'A',
			CODE_HEADER,
			zh('import.need.exportOnly'),
			howOf('code'),
			'990001-SCJG-XK-0001'
		]);
	COLUMNS.forEach((c, i) => {
		const sample =
			c.kind === 'discretion' ? zh('import.sample.discretion') : cellOf(c, EXAMPLE_CONTENT);
		ws.addRow([columnLetter(i + 1 + offset), headerOf(c.key), zh(c.need), howOf(c.key), sample]);
	});
	ws.eachRow((row, n) => {
		if (n > rules.length + 2) row.alignment = { wrapText: true, vertical: 'top' };
	});
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
	return Buffer.from(await wb.xlsx.writeBuffer());
}

function newWorkbook(): ExcelJS.Workbook {
	const wb = new ExcelJS.Workbook();
	wb.creator = zh('app.name');
	return wb;
}

/**
 * The import template: the 职权目录 sheet with the header row (and drop-downs for the choice
 * columns), the 填写说明 sheet explaining every column and the list syntax, and the 示例 sheet
 * with one complete, valid example row.
 */
export async function templateWorkbook(): Promise<Buffer> {
	const wb = newWorkbook();
	addDataSheet(wb, DATA_SHEET, [], false, true);
	addGuideSheet(wb, false);
	addDataSheet(wb, zh('import.sheet.example'), [{ content: EXAMPLE_CONTENT }], false, false);
	return toBuffer(wb);
}

/**
 * Entries in the template's format with 事项编码 as the first column, one row each, in the
 * order given. Parsing it gives back the same content (list parts lose any `|` and line breaks).
 */
export async function entriesWorkbook(
	entries: readonly { code: string; content: CatalogueContent }[]
): Promise<Buffer> {
	const wb = newWorkbook();
	addDataSheet(wb, DATA_SHEET, entries, true, true);
	addGuideSheet(wb, true);
	return toBuffer(wb);
}

// ── reading ──────────────────────────────────────────────────────────────────

type Cell = string | number | boolean | null;
interface Grid {
	header: Cell[];
	rows: { number: number; cells: Cell[] }[];
}

const sheetError = (
	code: SheetError['code'],
	message: string,
	headers: string[] = []
): SheetError => ({ code, message, headers });

function cellValue(v: unknown): Cell {
	if (v === null || v === undefined) return null;
	if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
	if (typeof v === 'object') {
		const o = v as Record<string, unknown>;
		if (Array.isArray(o.richText))
			return (o.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
		if ('formula' in o || 'sharedFormula' in o) return cellValue(o.result);
		if ('hyperlink' in o) return cellValue(o.text);
		if ('error' in o) return String(o.error);
	}
	return String(v);
}

async function xlsxGrid(buffer: Buffer): Promise<Grid | SheetError> {
	const wb = new ExcelJS.Workbook();
	try {
		// Data validations are skipped: a whole-column rule would expand to a million cells.
		// Comments are taken out first: ExcelJS crashes on those openpyxl and others write.
		await wb.xlsx.load((await withoutComments(buffer)) as unknown as ArrayBuffer, {
			ignoreNodes: ['dataValidations']
		});
	} catch {
		return sheetError('UNREADABLE', zh('import.sheet.unreadable'));
	}
	const nameHeader = headerOf('name');
	const hasHeader = (ws: ExcelJS.Worksheet) => {
		let found = false;
		ws.getRow(1).eachCell((cell) => {
			if (normalizeHeader(String(cellValue(cell.value) ?? '')) === nameHeader) found = true;
		});
		return found;
	};
	const ws = wb.getWorksheet(DATA_SHEET) ?? wb.worksheets.find(hasHeader) ?? wb.worksheets[0];
	if (!ws) return sheetError('UNREADABLE', zh('import.sheet.unreadable'));
	const header: Cell[] = [];
	ws.getRow(1).eachCell((cell, n) => {
		header[n - 1] = cellValue(cell.value);
	});
	const width = header.length;
	for (let i = 0; i < width; i++) header[i] ??= null;
	const rows: Grid['rows'] = [];
	ws.eachRow((row, n) => {
		if (n === 1) return;
		const cells: Cell[] = [];
		for (let i = 1; i <= width; i++) cells.push(cellValue(row.findCell(i)?.value));
		rows.push({ number: n, cells });
	});
	return { header, rows };
}

/** The text of a CSV file: UTF-8 with or without a byte-order mark, UTF-16 with one, or GB18030 (Excel's “CSV” on Chinese Windows). */
function decodeCsv(buffer: Buffer): string | undefined {
	const strip = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
	if (buffer[0] === 0xff && buffer[1] === 0xfe)
		return strip(new TextDecoder('utf-16le').decode(buffer));
	if (buffer[0] === 0xfe && buffer[1] === 0xff)
		return strip(new TextDecoder('utf-16be').decode(buffer));
	try {
		return strip(new TextDecoder('utf-8', { fatal: true }).decode(buffer));
	} catch {
		// not UTF-8: try the Chinese legacy encoding below
	}
	try {
		return strip(new TextDecoder('gb18030', { fatal: true }).decode(buffer));
	} catch {
		return undefined;
	}
}

/** The delimiter of the first record: comma unless semicolons or tabs are more frequent. */
function detectDelimiter(text: string): string {
	const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
	let quoted = false;
	for (const ch of text) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && ch in counts) counts[ch]!++;
	}
	return Object.entries(counts).reduce((a, b) => (b[1] > a[1] ? b : a), [',', 0])[0];
}

/**
 * The records of CSV text (RFC 4180): quoted cells may hold delimiters, line breaks and doubled
 * quotes; records end with CRLF, LF or CR. Returns the record number where a quote opened and
 * never closed instead, since everything after it would be swallowed.
 */
export function parseCsv(text: string): { records: string[][] } | { unclosedAt: number } {
	const delimiter = detectDelimiter(text);
	const records: string[][] = [];
	let record: string[] = [];
	let cell = '';
	let quoted = false;
	let quotedAt = 0;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch !== '"') cell += ch;
			else if (text[i + 1] === '"') {
				cell += '"';
				i++;
			} else quoted = false;
		} else if (ch === '"' && cell.trim() === '') {
			quoted = true;
			quotedAt = records.length + 1;
			cell = '';
		} else if (ch === delimiter) {
			record.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			record.push(cell);
			records.push(record);
			record = [];
			cell = '';
		} else cell += ch;
	}
	if (quoted) return { unclosedAt: quotedAt };
	if (cell !== '' || record.length > 0) {
		record.push(cell);
		records.push(record);
	}
	return { records };
}

function csvGrid(buffer: Buffer): Grid | SheetError {
	const text = decodeCsv(buffer);
	if (text === undefined) return sheetError('ENCODING', zh('import.sheet.encoding'));
	const parsed = parseCsv(text);
	if ('unclosedAt' in parsed)
		return sheetError('CSV_QUOTE', zh('import.sheet.csvQuote', { row: parsed.unclosedAt }));
	const [header = [], ...rest] = parsed.records;
	return { header, rows: rest.map((cells, i) => ({ number: i + 2, cells })) };
}

/** Header text as compared: no spaces, full-width brackets, no required-marks (*). */
function normalizeHeader(s: string): string {
	return s
		.replace(/\s+/g, '')
		.replace(/\(/g, '（')
		.replace(/\)/g, '）')
		.replace(/^[*＊]+|[*＊]+$/g, '');
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

/** The header of the 事项编码 column (exported sheets only). */
export const CODE_COLUMN = CODE_HEADER;

/** An element's column header: 事项名称, 设定依据, … */
export const columnHeader = (key: Key): string => headerOf(key);

/**
 * The content as the sheet's cells, column by column: each element's key, header and cell text
 * as the export writes it. Comparing two contents cell by cell says which elements an edited
 * sheet changes, in the words the editor typed.
 */
export function sheetCells(c: CatalogueContent): { key: Key; column: string; text: string }[] {
	return COLUMNS.map((column) => ({
		key: column.key,
		column: headerOf(column.key),
		text: String(cellOf(column, c))
	}));
}
