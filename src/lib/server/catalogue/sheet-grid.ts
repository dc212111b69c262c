/**
 * Reading an uploaded file into a grid of cells: the header row and every row after it, from
 * .xlsx (by ExcelJS, comments taken out first) or .csv (UTF-8, UTF-16 or GB18030; comma,
 * semicolon or tab). What the cells mean is read in `spreadsheet.ts`.
 */
import ExcelJS from 'exceljs';
import { DATA_SHEET, headerOf, normalizeHeader, zh } from './sheet-columns';
import { withoutComments } from './xlsx-comments';

/** A problem with the whole file: nothing could be read row by row. */
export interface SheetError {
	code:
		'FILE_TYPE' | 'UNREADABLE' | 'ENCODING' | 'CSV_QUOTE' | 'MISSING_HEADERS' | 'DUPLICATE_HEADER';
	/** What is wrong, in Chinese. */
	message: string;
	/** The headers concerned (missing or repeated), when the error is about headers. */
	headers: string[];
}

export type Cell = string | number | boolean | null;
export interface Grid {
	header: Cell[];
	rows: { number: number; cells: Cell[] }[];
}

export const sheetError = (
	code: SheetError['code'],
	message: string,
	headers: string[] = []
): SheetError => ({ code, message, headers });

export function cellValue(v: unknown): Cell {
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

export async function xlsxGrid(buffer: Buffer): Promise<Grid | SheetError> {
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

export function csvGrid(buffer: Buffer): Grid | SheetError {
	const text = decodeCsv(buffer);
	if (text === undefined) return sheetError('ENCODING', zh('import.sheet.encoding'));
	const parsed = parseCsv(text);
	if ('unclosedAt' in parsed)
		return sheetError('CSV_QUOTE', zh('import.sheet.csvQuote', { row: parsed.unclosedAt }));
	const [header = [], ...rest] = parsed.records;
	return { header, rows: rest.map((cells, i) => ({ number: i + 2, cells })) };
}
