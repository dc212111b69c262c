/**
 * The column model of the import template (职权目录导入模板): which columns the sheet has, in
 * which order, their Chinese headers and letters, and an entry's content as the cells the export
 * writes. The writing (`sheet-write.ts`) and the reading (`sheet-grid.ts`, `spreadsheet.ts`) of
 * the sheet share it.
 */
import {
	CATEGORIES,
	DISCLOSURE_FORMS,
	MATERIAL_FORMS,
	type CatalogueContent,
	type Right
} from '../../domain/catalogue/types';
import { translate, type MessageKey, type Params } from '../../i18n';

/** The most rows one import may hold. */
export const MAX_IMPORT_ROWS = 500;
/** The largest file one import may upload. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const zh = (key: MessageKey, params?: Params) => translate('zh', key, params);

/** The name of the data sheet; the import reads it (or, failing that, the first sheet with headers). */
export const DATA_SHEET = zh('import.sheet.data');

export type Key = keyof CatalogueContent;
export type KeyOf<T> = { [K in Key]: T extends CatalogueContent[K] ? K : never }[Key];
export type Kind =
	| 'text'
	| 'category'
	| 'disclosureForm'
	| 'yesNo'
	| 'number'
	| 'rights'
	| 'bases'
	| 'materials'
	| 'discretion';

export interface Column {
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
export const COLUMNS: readonly Column[] = [
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

export const CODE_HEADER = zh('field.code');
export const headerOf = (key: Key) => zh(`field.${key}`);

/** The template's headers in order, without 事项编码 (which only the export has). */
export const TEMPLATE_HEADERS: readonly string[] = COLUMNS.map((c) => headerOf(c.key));

export const categoryLabel = (v: (typeof CATEGORIES)[number]) => zh(`category.${v}`);
export const disclosureLabel = (v: (typeof DISCLOSURE_FORMS)[number]) => zh(`disclosure.${v}`);
export const formLabel = (v: (typeof MATERIAL_FORMS)[number]) => zh(`materialForm.${v}`);
export const rightLabel = (v: Right) => zh(`right.${v}`);
export const YES = '是';
export const NO = '否';

/** The column letter of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
	let s = '';
	for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
		s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
	return s;
}

/** A part of a list line: bars would split it and line breaks would end it, so both are replaced. */
const part = (s: string | number) =>
	String(s)
		.replace(/[|｜]/g, '／')
		.replace(/\s*[\r\n]+\s*/g, ' ');
const num = (n: number) => (Number.isFinite(n) ? n : '');

export function cellOf(column: Column, c: CatalogueContent): string | number {
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

/** Header text as compared: no spaces, full-width brackets, no required-marks (*). */
export function normalizeHeader(s: string): string {
	return s
		.replace(/\s+/g, '')
		.replace(/\(/g, '（')
		.replace(/\)/g, '）')
		.replace(/^[*＊]+|[*＊]+$/g, '');
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
