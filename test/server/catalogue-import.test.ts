import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/domain/errors';
import { validateContent } from '../../src/lib/domain/catalogue/validate';
import { normalizeContent } from '../../src/lib/domain/catalogue/normalize';
import * as repo from '../../src/lib/server/repositories/catalogue-repository';
import {
	EXAMPLE_CONTENT,
	entriesWorkbook,
	isSheetError,
	parseSpreadsheet,
	templateWorkbook,
	TEMPLATE_HEADERS,
	type ParsedRow,
	type SheetError
} from '../../src/lib/server/catalogue/spreadsheet';
import { createEntry } from '../../src/lib/server/services/catalogue-service';
import {
	ImportHasErrorsError,
	importEntries,
	planImport
} from '../../src/lib/server/services/catalogue-import-service';
import { getUserRowByUsername } from '../../src/lib/server/repositories/user-repository';
import { seededDb } from '../factories/db';
import { openpyxlXlsx, resavedByOpenpyxl } from '../fixtures/openpyxl-workbook';
import { penaltyContent, validContent } from '../factories/catalogue';

/** The template's columns, A to Z, written out so the test pins the format down. */
const HEADERS = [
	'事项名称',
	'职权类别',
	'承办处室',
	'承办岗位',
	'承办人员',
	'设定依据',
	'公开方式',
	'不予公开的理由',
	'公开范围',
	'公开时限（工作日）',
	'受理条件',
	'申请材料',
	'是否收费',
	'收费依据',
	'收费标准',
	'法定办结时限（工作日）',
	'承诺办结时限（工作日）',
	'可网上申请',
	'网上办理地址',
	'窗口地址',
	'办公时间',
	'咨询电话',
	'投诉举报途径及方式',
	'相对人的权利',
	'权利说明',
	'自由裁量基准'
] as const;
type Header = (typeof HEADERS)[number];
type Row = Record<Header, string | number | boolean>;

/** validContent() as a spreadsheet row, typed the way an editor would. */
const licensingRow = (over: Partial<Row> = {}): Row => ({
	事项名称: '食品经营许可',
	职权类别: '行政许可',
	承办处室: '食品经营许可科',
	承办岗位: '受理岗',
	承办人员: '受理岗工作人员',
	设定依据:
		'《中华人民共和国食品安全法》|第三十五条|国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。',
	公开方式: '主动公开',
	不予公开的理由: '',
	公开范围: '社会公众',
	'公开时限（工作日）': 20,
	受理条件: '有与经营的食品品种、数量相适应的经营场所。',
	申请材料: '食品经营许可申请书|是|原件|1\n营业执照复印件|是|复印件|1|加盖公章|',
	是否收费: '否',
	收费依据: '',
	收费标准: '',
	'法定办结时限（工作日）': 20,
	'承诺办结时限（工作日）': 10,
	可网上申请: '是',
	网上办理地址: 'https://zwfw.example.gov.cn/item/spjy',
	窗口地址: '示例县政务服务中心二楼 12 号窗口',
	办公时间: '周一至周五 9:00-12:00 13:30-17:00',
	咨询电话: '0000-12345678',
	投诉举报途径及方式: '示例县纪委监委 12388',
	相对人的权利: '申请行政复议、提起行政诉讼',
	权利说明: '',
	自由裁量基准: '',
	...over
});

/** penaltyContent() as a spreadsheet row. */
const penaltyRow = (over: Partial<Row> = {}): Row =>
	licensingRow({
		事项名称: '对未取得食品经营许可从事食品经营活动的处罚',
		职权类别: '行政处罚',
		受理条件: '',
		申请材料: '',
		相对人的权利: '陈述、申辩；要求听证；申请行政复议；提起行政诉讼',
		自由裁量基准: [
			'轻微：货值金额不足一万元|罚款|5000|20000|元',
			'一般：货值金额一万元以上|罚款|20000|50000|元',
			'严重：造成危害后果|罚款|50000|100000|元'
		].join('\n'),
		...over
	});

/** An .xlsx with the given headers in row 1 and one row per entry (null leaves a blank row). */
async function xlsx(rows: (Row | null)[], headers: readonly string[] = HEADERS): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('职权目录');
	ws.addRow([...headers]);
	for (const r of rows) ws.addRow(r ? headers.map((h) => r[h as Header] ?? '') : []);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

async function parsed(buffer: Buffer, filename = 'import.xlsx'): Promise<ParsedRow[]> {
	const result = await parseSpreadsheet(buffer, filename);
	if (isSheetError(result)) throw new Error(`unexpected sheet error: ${result.message}`);
	return result;
}

async function setup() {
	const s = await seededDb();
	const editor = s.ctx(s.actorOf('editor'));
	const departmentId = getUserRowByUsername(s.db, 'editor')!.department_id!;
	const count = () =>
		(s.db.prepare('SELECT COUNT(*) AS n FROM catalogue_entries').get() as { n: number }).n;
	const audits = (action: string) =>
		(
			s.db
				.prepare('SELECT object_id, payload FROM audit_log WHERE action = ? ORDER BY seq')
				.all(action) as { object_id: string | null; payload: string }[]
		).map((r) => ({ objectId: r.object_id, payload: JSON.parse(r.payload) as unknown }));
	const contentOf = (entryId: number) =>
		normalizeContent(JSON.parse(repo.latestVersion(s.db, entryId)!.content));
	return { ...s, editor, departmentId, count, audits, contentOf };
}

function importError(fn: () => unknown): ImportHasErrorsError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(ImportHasErrorsError);
		return e as ImportHasErrorsError;
	}
	throw new Error('expected the import to be refused');
}

describe('parsing and importing a filled sheet', () => {
	it('imports good rows as drafts of the editor’s department, with their content and an audit record', async () => {
		const { editor, departmentId, audits, contentOf, db } = await setup();
		// Numbers as numbers, a yes/no as a real boolean cell, a blank row in between.
		const rows = await parsed(
			await xlsx([licensingRow({ 可网上申请: true }), null, penaltyRow({ 是否收费: '' })])
		);
		expect(rows.map((r) => [r.row, r.problems])).toEqual([
			[2, []],
			[4, []]
		]);
		expect(rows[0]!.content).toEqual(validContent());
		expect(rows[1]!.content).toEqual(penaltyContent());

		const { created } = importEntries(editor, rows, { filename: 'import.xlsx' });
		expect(created.map((c) => [c.row, c.code])).toEqual([
			[2, '990001-SCJG-XK-0001'],
			[4, '990001-SCJG-CF-0001']
		]);
		for (const c of created) {
			const entry = repo.getEntry(db, c.entryId)!;
			expect(entry.department_id).toBe(departmentId);
			expect(repo.listVersions(db, c.entryId).map((v) => [v.version, v.status])).toEqual([
				[1, 'draft']
			]);
		}
		expect(contentOf(created[0]!.entryId)).toEqual(validContent());
		expect(contentOf(created[1]!.entryId)).toEqual(penaltyContent());

		expect(audits('catalogue.create').map((a) => a.objectId)).toEqual([
			'990001-SCJG-XK-0001',
			'990001-SCJG-CF-0001'
		]);
		expect(audits('catalogue.import')).toEqual([
			{
				objectId: 'SCJG',
				payload: {
					count: 2,
					codes: ['990001-SCJG-XK-0001', '990001-SCJG-CF-0001'],
					file: 'import.xlsx'
				}
			}
		]);
	});

	it('imports nothing when one row is bad, and names the row, column header and letter of every problem', async () => {
		const { editor, count, audits } = await setup();
		const before = count();
		const rows = await parsed(
			await xlsx([
				licensingRow(),
				licensingRow({
					事项名称: '餐饮服务许可',
					职权类别: '行政审批',
					设定依据:
						'《中华人民共和国食品安全法》|第三十五条|国家对食品生产经营实行许可制度。\n《食品经营许可和备案管理办法》|第二条|',
					申请材料: '食品经营许可申请书|是',
					'法定办结时限（工作日）': 20,
					'承诺办结时限（工作日）': 30
				}),
				penaltyRow({ '公开时限（工作日）': '二十' })
			])
		);
		expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
		expect(rows[0]!.problems).toEqual([]);
		expect(rows[1]!.content).toBeNull();
		expect(rows[1]!.problems).toEqual([
			{
				column: '职权类别',
				columnLetter: 'B',
				message:
					'“行政审批”不是有效的选项，请填写：行政许可、非行政许可审批、行政确认、行政征收、行政裁决、行政处罚、行政强制、行政给付、其他行政行为。'
			},
			{ column: '设定依据', columnLetter: 'F', message: '第 2 条：请填写“条文内容”。' },
			{
				column: '申请材料',
				columnLetter: 'L',
				message:
					'单元格内第 1 行应有 4 到 6 部分（名称|是否必须|形式|份数|备注|空白表格），各部分用“|”分隔，现有 2 部分。'
			},
			{
				column: '承诺办结时限（工作日）',
				columnLetter: 'Q',
				message: '“承诺办结时限（工作日）”不能超过法定办结时限（20 个工作日）。'
			}
		]);
		expect(rows[2]!.problems).toEqual([
			{ column: '公开时限（工作日）', columnLetter: 'J', message: '“二十”不是数字。' }
		]);

		const refused = importError(() => importEntries(editor, rows));
		expect(refused.code).toBe('IMPORT_HAS_ERRORS');
		expect(refused.params).toEqual({ rows: 2, problems: 5 });
		expect(refused.rows.map((r) => r.row)).toEqual([3, 4]);
		expect(count()).toBe(before);
		expect(audits('catalogue.import')).toEqual([]);
		expect(audits('catalogue.create')).toEqual([]);
	});

	it('maps validation issues of list items and whole columns to their columns', async () => {
		const rows = await parsed(
			await xlsx([
				penaltyRow({
					职权类别: '行政处罚',
					设定依据: '',
					自由裁量基准: '轻微|罚款|5000|20000|元\n一般|罚款|10000|50000|元\n严重|罚款|x|100000|元',
					相对人的权利: '陈述申辩、听证、上访'
				})
			])
		);
		expect(rows[0]!.problems.map((p) => [p.columnLetter, p.message])).toEqual([
			['F', '“设定依据”至少需要一条。'],
			['X', '“上访”不是有效的选项，请填写：陈述、申辩；要求听证；申请行政复议；提起行政诉讼。'],
			['Z', '单元格内第 3 行：“下限”须为数字，现为“x”。']
		]);
		const overlap = await parsed(
			await xlsx([
				penaltyRow({ 自由裁量基准: '轻微|罚款|5000|20000|元\n一般|罚款|10000|50000|元' })
			])
		);
		expect(overlap[0]!.problems.map((p) => [p.columnLetter, p.message])).toEqual([
			['Z', '第 2 行：“下限”与第 1 行同种处罚的幅度交叉。']
		]);
	});

	it('refuses an empty import, too many rows and anyone but an editor', async () => {
		const s = await setup();
		const before = s.count();
		const [row] = await parsed(await xlsx([licensingRow()]));
		const code = (fn: () => unknown) => {
			try {
				fn();
			} catch (e) {
				return (e as AppError).code;
			}
			return null;
		};
		expect(code(() => importEntries(s.editor, []))).toBe('IMPORT_EMPTY');
		expect(code(() => importEntries(s.editor, Array(501).fill(row)))).toBe('IMPORT_TOO_MANY_ROWS');
		expect(code(() => importEntries(s.ctx(s.actorOf('legal')), [row!]))).toBe('NOT_AN_EDITOR');
		expect(s.count()).toBe(before);
		expect(s.audits('catalogue.create')).toEqual([]);
	});
});

describe('template and export round trips', () => {
	it('offers a template whose example row, copied into the data sheet, parses as valid', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await templateWorkbook()) as unknown as ArrayBuffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['职权目录', '填写说明', '示例']);
		const data = wb.getWorksheet('职权目录')!;
		expect((data.getRow(1).values as unknown[]).slice(1)).toEqual([...HEADERS]);
		expect(TEMPLATE_HEADERS).toEqual(HEADERS);
		expect(data.getCell('B2').dataValidation).toMatchObject({ type: 'list' });
		expect(data.getCell('G500').dataValidation).toMatchObject({ type: 'list' });
		expect(data.getCell('Q2').dataValidation).toMatchObject({ type: 'whole' });
		const guide = wb.getWorksheet('填写说明')!;
		const guideText: string[] = [];
		guide.eachRow((r) => r.eachCell((c) => guideText.push(String(c.value))));
		for (const h of HEADERS) expect(guideText).toContain(h);
		expect(guideText.join('\n')).toContain('法律法规名称|条款|条文内容');

		// The editor copies the example row into the data sheet and uploads the file.
		const example = wb.getWorksheet('示例')!.getRow(2);
		example.eachCell((cell, n) => (data.getRow(2).getCell(n).value = cell.value));
		const rows = await parsed(Buffer.from(await wb.xlsx.writeBuffer()));
		expect(rows).toHaveLength(1);
		expect(rows[0]!.problems).toEqual([]);
		expect(rows[0]!.content).toEqual(EXAMPLE_CONTENT);
		expect(validateContent(EXAMPLE_CONTENT)).toEqual([]);
	});

	it('exports entries that parse back to the same content; unchanged, they import as 无改动', async () => {
		const { editor, departmentId, db, count } = await setup();
		const odd = validContent({
			name: '公共场所卫生许可',
			disclosureForm: 'none',
			disclosureReason: '涉及国家秘密',
			disclosureDays: 0,
			feeCharged: true,
			feeBasis: '《某某收费办法》',
			feeStandard: '每件 10 元',
			onlineApply: false,
			onlineUrl: '',
			rights: [],
			bases: [
				{ law: '《公共场所卫生管理条例》', article: '', excerpt: '公共场所应当取得卫生许可证。' }
			]
		});
		for (const c of [validContent(), penaltyContent(), odd]) createEntry(editor, c);
		const entries = repo.listDepartmentEntries(db, departmentId).map((e) => ({
			code: e.code,
			content: normalizeContent(JSON.parse(repo.latestVersion(db, e.id)!.content), e.category)
		}));
		const rows = await parsed(await entriesWorkbook(entries));
		expect(rows.map((r) => r.code?.value)).toEqual(entries.map((e) => e.code));
		expect(rows.map((r) => r.content)).toEqual(entries.map((e) => e.content));
		expect(rows.every((r) => r.problems.length === 0 && r.code?.columnLetter === 'A')).toBe(true);

		// The drafts come back as they are: nothing to do, so nothing is imported.
		const before = count();
		const plan = planImport(editor, rows);
		expect(plan.refused).toEqual([]);
		expect(plan.rows.map((r) => r.action)).toEqual(['same', 'same', 'same']);
		expect(() => importEntries(editor, rows)).toThrow(
			expect.objectContaining({ code: 'IMPORT_NO_CHANGES' })
		);
		expect(count()).toBe(before);

		// With the codes removed the same rows create new entries.
		const { created } = importEntries(
			editor,
			rows.map((r) => ({ ...r, code: null }))
		);
		expect(created).toHaveLength(3);
	});
});

describe('files saved by other tools', () => {
	it('reads a filled template that openpyxl saved again, with its header comments, and imports it', async () => {
		const { editor, contentOf } = await setup();
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await templateWorkbook()) as unknown as ArrayBuffer);
		const data = wb.getWorksheet('职权目录')!;
		wb.getWorksheet('示例')!
			.getRow(2)
			.eachCell((cell, n) => (data.getRow(2).getCell(n).value = cell.value));
		const resaved = await resavedByOpenpyxl(Buffer.from(await wb.xlsx.writeBuffer()));

		// The fixture is written openpyxl's way, which ExcelJS itself cannot load (issue #2797).
		await expect(
			new ExcelJS.Workbook().xlsx.load(resaved as unknown as ArrayBuffer)
		).rejects.toThrow(/comments/);

		const rows = await parsed(resaved, '目录（脚本导出）.xlsx');
		expect(rows.map((r) => [r.row, r.problems])).toEqual([[2, []]]);
		expect(rows[0]!.content).toEqual(EXAMPLE_CONTENT);
		const { created } = importEntries(editor, rows);
		expect(contentOf(created[0]!.entryId)).toEqual(EXAMPLE_CONTENT);
	});

	it('reads a sheet with comments on data cells too, and still reports problems by row and column', async () => {
		const row = licensingRow({ 咨询电话: '' });
		const buffer = await openpyxlXlsx([
			{
				name: 'Sheet',
				rows: [[...HEADERS], HEADERS.map((h) => row[h] as string | number)],
				comments: [
					{ ref: 'A1', text: '必填', author: '科室' },
					{ ref: 'V2', text: '电话待定\n请补充', author: '张三' }
				]
			}
		]);
		const rows = await parsed(buffer);
		expect(rows[0]!.problems).toEqual([
			{ column: '咨询电话', columnLetter: 'V', message: '请填写“咨询电话”。' }
		]);
	});
});

describe('CSV and sheet-level errors', () => {
	const csvCell = (v: string | number | boolean) => {
		const s = String(v);
		return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	/** A CSV with the columns in reverse order, CRLF line ends and a byte-order mark. */
	const csv = (rows: Row[], headers: readonly string[] = [...HEADERS].reverse()) =>
		'\uFEFF' +
		[headers, ...rows.map((r) => headers.map((h) => r[h as Header]))]
			.map((cells) => cells.map(csvCell).join(','))
			.join('\r\n') +
		'\r\n';

	it('reads UTF-8 CSV with a BOM, columns in any order and quoted cells holding line breaks and quotes', async () => {
		const { editor } = await setup();
		const text = csv([
			licensingRow({ 受理条件: '有“固定”场所,且"证照"齐全；\r\n有管理制度。' }),
			penaltyRow()
		]);
		expect(text).toContain('"食品经营许可申请书|是|原件|1\n营业执照复印件|是|复印件|1|加盖公章|"');
		const rows = await parsed(Buffer.from(text, 'utf8'), '目录.CSV');
		expect(rows.map((r) => [r.row, r.problems])).toEqual([
			[2, []],
			[3, []]
		]);
		expect(rows[0]!.content).toEqual(
			validContent({ conditions: '有“固定”场所,且"证照"齐全；\n有管理制度。' })
		);
		expect(rows[1]!.content).toEqual(penaltyContent());
		// Problems name the letter of the column where it is in this file.
		const bad = await parsed(Buffer.from(csv([licensingRow({ 咨询电话: '' })]), 'utf8'), 'bad.csv');
		expect(bad[0]!.problems).toEqual([
			{ column: '咨询电话', columnLetter: 'E', message: '请填写“咨询电话”。' }
		]);
		expect(importEntries(editor, rows).created).toHaveLength(2);
	});

	it('reports a missing header, a duplicate header, an unclosed quote and a wrong file type for the whole sheet', async () => {
		const sheetError = async (buffer: Buffer, filename: string) => {
			const result = await parseSpreadsheet(buffer, filename);
			expect(isSheetError(result)).toBe(true);
			return result as SheetError;
		};
		const missing = await sheetError(
			await xlsx(
				[licensingRow()],
				HEADERS.filter((h) => h !== '咨询电话' && h !== '自由裁量基准')
			),
			'a.xlsx'
		);
		expect(missing.code).toBe('MISSING_HEADERS');
		expect(missing.headers).toEqual(['咨询电话', '自由裁量基准']);
		expect(missing.message).toContain('第一行缺少以下列：“咨询电话”、“自由裁量基准”');

		const twice = await sheetError(await xlsx([], [...HEADERS, '咨询电话']), 'b.xlsx');
		expect(twice.code).toBe('DUPLICATE_HEADER');
		expect(twice.message).toContain('V、AA');

		const unclosed = await sheetError(
			Buffer.from(csv([licensingRow({ 受理条件: 'x' })]).replace(',x,', ',"x,'), 'utf8'),
			'c.csv'
		);
		expect(unclosed).toMatchObject({ code: 'CSV_QUOTE' });

		expect((await sheetError(Buffer.from('x'), 'd.xls')).code).toBe('FILE_TYPE');
		expect((await sheetError(Buffer.from('not a zip'), 'e.xlsx')).code).toBe('UNREADABLE');

		// Headers with half-width brackets, spaces and a required-mark still match.
		const loose = HEADERS.map((h) => ` ${h.replace('（', '(').replace('）', ')')}* `);
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Sheet1');
		ws.addRow(loose);
		ws.addRow(HEADERS.map((h) => licensingRow()[h]));
		const rows = await parsed(Buffer.from(await wb.xlsx.writeBuffer()));
		expect(rows[0]!.problems).toEqual([]);
	});
});
