/**
 * Writing the import template's workbooks: the template itself (data sheet, instructions, example)
 * and the export of a department's entries in the same format, with 事项编码 first.
 */
import ExcelJS from 'exceljs';
import {
	CATEGORIES,
	DISCLOSURE_FORMS,
	MATERIAL_FORMS,
	RIGHTS,
	emptyContent,
	type CatalogueContent
} from '../../domain/catalogue/types';
import { LIMITS } from '../../domain/catalogue/validate';
import type { MessageKey } from '../../i18n';
import {
	CODE_HEADER,
	COLUMNS,
	DATA_SHEET,
	MAX_IMPORT_BYTES,
	MAX_IMPORT_ROWS,
	NO,
	YES,
	categoryLabel,
	cellOf,
	columnLetter,
	disclosureLabel,
	formLabel,
	headerOf,
	rightLabel,
	zh,
	type Column,
	type Key
} from './sheet-columns';

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
