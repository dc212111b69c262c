/**
 * Update by re-import (issue 16, item 23): export a department's entries, edit them in a
 * spreadsheet, import the file back. Rows with an item code become new draft versions for the
 * legal office to review (《行政许可法》第三十条 wants the published list to be what was
 * approved: the public keeps the published version until the revision is approved), listing
 * exactly the elements that change; refused rows name row, column and reason and stop the whole
 * import; duplicate names are warned only.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { normalizeContent } from '../../src/lib/domain/catalogue/normalize';
import type { CatalogueContent } from '../../src/lib/domain/catalogue/types';
import { readCatalogueSources } from '../../src/lib/server/catalogue/sources';
import {
	entriesWorkbook,
	isSheetError,
	parseSpreadsheet,
	type ParsedRow
} from '../../src/lib/server/catalogue/spreadsheet';
import * as repo from '../../src/lib/server/repositories/catalogue-repository';
import { getUserRowByUsername } from '../../src/lib/server/repositories/user-repository';
import {
	ImportHasErrorsError,
	importEntries,
	planImport,
	type PlannedRow
} from '../../src/lib/server/services/catalogue-import-service';
import {
	approve,
	loadPublishedSources,
	requestRetirement,
	saveDraft,
	startRevision,
	submit
} from '../../src/lib/server/services/catalogue-service';
import { seededDb } from '../factories/db';

const XK = '990001-SCJG-XK-0001';
const CF = '990001-SCJG-CF-0001';

/** The demo county's published catalogue, the editor of 市场监管局 and helpers to look at it. */
async function demo() {
	const s = await seededDb();
	loadPublishedSources(s.ctx(), readCatalogueSources());
	const editor = s.ctx(s.actorOf('editor'));
	const legal = s.ctx(s.actorOf('legal'));
	const departmentId = getUserRowByUsername(s.db, 'editor')!.department_id!;
	const entry = (code: string) => repo.getEntryByCode(s.db, code)!;
	const versions = (code: string) =>
		repo
			.listVersions(s.db, entry(code).id)
			.map((v) => [v.version, v.status])
			.sort((a, b) => Number(a[0]) - Number(b[0]));
	const contentOf = (code: string, version: number) =>
		normalizeContent(
			JSON.parse(repo.getVersion(s.db, entry(code).id, version)!.content),
			entry(code).category
		);
	const versionCount = () =>
		(s.db.prepare('SELECT COUNT(*) AS n FROM catalogue_versions').get() as { n: number }).n;
	const audits = (action: string) =>
		(
			s.db.prepare('SELECT payload FROM audit_log WHERE action = ? ORDER BY seq').all(action) as {
				payload: string;
			}[]
		).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
	/** What the studio's export.xlsx holds: the department's entries not retired, by code. */
	const exported = () =>
		entriesWorkbook(
			repo
				.listDepartmentEntries(s.db, departmentId)
				.filter((e) => !e.retired_at)
				.sort((a, b) => (a.code < b.code ? -1 : 1))
				.map((e) => ({
					code: e.code,
					content: normalizeContent(JSON.parse(repo.latestVersion(s.db, e.id)!.content), e.category)
				}))
		);
	return {
		...s,
		editor,
		legal,
		departmentId,
		entry,
		versions,
		contentOf,
		versionCount,
		audits,
		exported
	};
}

type Value = string | number;

/** The export opened in a spreadsheet program: cells changed by item code and header, rows added. */
async function edited(
	xlsx: Buffer,
	edit: (sheet: {
		get(code: string, header: string): string;
		set(code: string, header: string, value: Value): void;
		/** A new row copied from an entry's row, without the code, with some cells changed. */
		add(from: string, cells: Record<string, Value>): void;
		/** Another row for an existing code (as if pasted twice). */
		copy(code: string, cells: Record<string, Value>): void;
	}) => void
): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
	const ws = wb.getWorksheet('职权目录')!;
	const columnOf = new Map<string, number>();
	ws.getRow(1).eachCell((cell, n) => columnOf.set(String(cell.value), n));
	const rowOf = (code: string) => {
		let found = 0;
		ws.eachRow((row, n) => {
			if (n > 1 && row.getCell(1).value === code) found = n;
		});
		if (!found) throw new Error(`no row for ${code}`);
		return ws.getRow(found);
	};
	const col = (header: string) => {
		const n = columnOf.get(header);
		if (!n) throw new Error(`no column ${header}`);
		return n;
	};
	const valuesOf = (code: string) => {
		const row = rowOf(code);
		return [...columnOf.values()].map((n) => row.getCell(n).value);
	};
	const append = (values: ExcelJS.CellValue[], code: string, cells: Record<string, Value>) => {
		const row = ws.addRow(values);
		row.getCell(1).value = code || null;
		for (const [h, v] of Object.entries(cells)) row.getCell(col(h)).value = v;
	};
	edit({
		get: (code, header) => String(rowOf(code).getCell(col(header)).value ?? ''),
		set: (code, header, value) => (rowOf(code).getCell(col(header)).value = value),
		add: (from, cells) => append(valuesOf(from), '', cells),
		copy: (code, cells) => append(valuesOf(code), code, cells)
	});
	return Buffer.from(await wb.xlsx.writeBuffer());
}

async function parsed(buffer: Buffer): Promise<ParsedRow[]> {
	const result = await parseSpreadsheet(buffer, '职权目录-市场监管局.xlsx');
	if (isSheetError(result)) throw new Error(`unexpected sheet error: ${result.message}`);
	return result;
}

const byCode = (rows: PlannedRow[], code: string) =>
	rows.find((r) => 'code' in r && r.code === code)!;

function refusal(fn: () => unknown): ImportHasErrorsError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(ImportHasErrorsError);
		return e as ImportHasErrorsError;
	}
	throw new Error('expected the import to be refused');
}

describe('update by re-import', () => {
	it('turns edited rows of an export into new draft versions with exactly the changes, and previews them first', async () => {
		const d = await demo();
		const published = d.contentOf(XK, 1);
		const newMaterial = '法定代表人身份证明|是|复印件|1';
		const before = { materials: '', promised: '' };
		const file = await edited(await d.exported(), (sheet) => {
			before.materials = sheet.get(XK, '申请材料');
			before.promised = sheet.get(XK, '承诺办结时限（工作日）');
			sheet.set(XK, '申请材料', `${before.materials}\n${newMaterial}`);
			sheet.set(XK, '承诺办结时限（工作日）', 3);
			sheet.set(CF, '咨询电话', '0000-87654321');
			sheet.add(XK, { 事项名称: '小餐饮登记' });
		});
		const rows = await parsed(file);
		expect(rows.every((r) => r.problems.length === 0)).toBe(true);

		// The preview: what each row would do, and nothing written yet.
		const versionsBefore = d.versionCount();
		const plan = planImport(d.editor, rows);
		expect(d.versionCount()).toBe(versionsBefore);
		expect(plan.refused).toEqual([]);
		expect(plan.warnings).toEqual([]);
		const exportedRows = rows.length - 1;
		expect(plan.rows.map((r) => r.action)).toEqual([
			...rows.slice(0, -1).map((r) => ([XK, CF].includes(r.code!.value) ? 'update' : 'same')),
			'create'
		]);
		expect(byCode(plan.rows, XK)).toMatchObject({
			action: 'update',
			name: published.name,
			fromVersion: 1,
			changes: [
				{ column: '申请材料', from: before.materials, to: `${before.materials}\n${newMaterial}` },
				{ column: '承诺办结时限（工作日）', from: before.promised, to: '3' }
			]
		});
		expect(byCode(plan.rows, CF)).toMatchObject({
			action: 'update',
			changes: [{ column: '咨询电话', from: d.contentOf(CF, 1).phone, to: '0000-87654321' }]
		});
		expect(plan.rows.at(-1)).toEqual({
			row: rows.at(-1)!.row,
			action: 'create',
			name: '小餐饮登记'
		});

		// Confirmed: one new draft version each, with only those elements changed.
		const done = importEntries(d.editor, rows, {
			filename: 'x.xlsx',
			fingerprint: plan.fingerprint
		});
		expect(done.revised.map((r) => [r.code, r.version])).toEqual([
			[CF, 2],
			[XK, 2]
		]);
		expect(done.created).toHaveLength(1);
		expect(done.unchanged).toBe(exportedRows - 2);
		expect(d.versions(XK)).toEqual([
			[1, 'published'],
			[2, 'draft']
		]);
		const expected: CatalogueContent = {
			...published,
			promisedDays: 3,
			materials: [
				...published.materials,
				{
					name: '法定代表人身份证明',
					required: true,
					form: 'copy',
					copies: 1,
					notes: '',
					template: ''
				}
			]
		};
		expect(d.contentOf(XK, 2)).toEqual(expected);
		expect(d.contentOf(CF, 2)).toEqual({ ...d.contentOf(CF, 1), phone: '0000-87654321' });
		// The public keeps the published version; an unchanged row got no new version.
		expect(d.entry(XK).published_version).toBe(1);
		expect(d.versions('990001-SCJG-XK-0002')).toEqual([[1, 'published']]);
		expect(d.audits('catalogue.import')).toEqual([
			{
				count: 1,
				codes: [done.created[0]!.code],
				revised: [CF, XK],
				unchanged: exportedRows - 2,
				file: 'x.xlsx'
			}
		]);
		expect(d.audits('catalogue.revise').map((a) => a.version)).toEqual([2, 2]);

		// The revision goes to the legal office like any other and, approved, is published.
		submit(d.editor, d.entry(XK).id);
		approve(d.legal, d.entry(XK).id);
		expect(d.entry(XK).published_version).toBe(2);
	});

	it('refuses to confirm a preview the catalogue has moved past, and imports nothing', async () => {
		const d = await demo();
		const rows = await parsed(
			await edited(await d.exported(), (sheet) => sheet.set(XK, '承诺办结时限（工作日）', 3))
		);
		const plan = planImport(d.editor, rows);
		expect(byCode(plan.rows, XK)).toMatchObject({ action: 'update', fromVersion: 1 });

		// Meanwhile a revision of the same entry is approved and published.
		const id = d.entry(XK).id;
		startRevision(d.editor, id);
		saveDraft(d.editor, id, { ...d.contentOf(XK, 1), phone: '0000-11112222' });
		submit(d.editor, id);
		approve(d.legal, id);
		const versionsBefore = d.versionCount();

		expect(() => importEntries(d.editor, rows, { fingerprint: plan.fingerprint })).toThrow(
			expect.objectContaining({ code: 'IMPORT_PLAN_CHANGED' })
		);
		expect(d.versionCount()).toBe(versionsBefore);
		expect(d.audits('catalogue.import')).toEqual([]);
		// The new preview starts from version 2 and would put back the old phone number.
		expect(byCode(planImport(d.editor, rows).rows, XK)).toMatchObject({
			fromVersion: 2,
			changes: [
				{
					column: '承诺办结时限（工作日）',
					from: String(d.contentOf(XK, 1).promisedDays),
					to: '3'
				},
				{ column: '咨询电话', from: '0000-11112222', to: d.contentOf(XK, 1).phone }
			]
		});
	});

	it('refuses rows naming an unknown, foreign, retired, repeated or busy code or a new category, with row, column and reason, and then imports nothing', async () => {
		const d = await demo();
		// 特种设备使用登记 has a revision awaiting review; 对使用特种设备… is retired.
		const busy = '990001-SCJG-XK-0003';
		startRevision(d.editor, d.entry(busy).id);
		submit(d.editor, d.entry(busy).id);
		const retired = '990001-SCJG-CF-0003';
		const xlsx = await d.exported();
		requestRetirement(d.editor, d.entry(retired).id, '上位法已废止');
		approve(d.legal, d.entry(retired).id);

		const file = await edited(xlsx, (sheet) => {
			sheet.set(XK, '承诺办结时限（工作日）', 3); // a good update
			sheet.set(busy, '咨询电话', '0000-87654321');
			sheet.set(CF, '职权类别', '行政强制');
			sheet.set(retired, '咨询电话', '0000-87654321');
			sheet.copy(XK, { '承诺办结时限（工作日）': 4 });
			sheet.set('990001-SCJG-XK-0002', '事项编码', '990001-ZRZY-XK-0002');
			sheet.set('990001-SCJG-CJ-0001', '事项编码', '990001-SCJG-XK-0099');
		});
		const rows = await parsed(file);
		const rowOf = (code: string, nth = 0) => rows.filter((r) => r.code?.value === code)[nth]!.row;
		const versionsBefore = d.versionCount();

		const plan = planImport(d.editor, rows);
		const reasons = plan.refused.map((r) => [r.row, r.problems[0]]);
		expect(reasons).toEqual(
			[
				[
					rowOf(CF),
					{
						column: '职权类别',
						columnLetter: 'C',
						message: `事项 ${CF} 的职权类别是“行政处罚”，不能改为“行政强制”。类别不同的请编码留空作为新事项导入。`
					}
				],
				[
					rowOf('990001-SCJG-XK-0099'),
					{
						column: '事项编码',
						columnLetter: 'A',
						message: '本部门没有编码为 990001-SCJG-XK-0099 的事项。新建事项请将“事项编码”留空。'
					}
				],
				[
					rowOf(retired),
					{
						column: '事项编码',
						columnLetter: 'A',
						message: `事项 ${retired} 已废止，不能再修改。`
					}
				],
				[
					rowOf(busy),
					{
						column: '事项编码',
						columnLetter: 'A',
						message: `事项 ${busy} 已有办理中的第 2 版（待审核），不能再导入修改。请先在编制工作室提交审核、等待审核结果或撤回，再导入。`
					}
				],
				[
					rowOf('990001-ZRZY-XK-0002'),
					{
						column: '事项编码',
						columnLetter: 'A',
						message: '本部门没有编码为 990001-ZRZY-XK-0002 的事项。新建事项请将“事项编码”留空。'
					}
				],
				[
					rowOf(XK, 1),
					{
						column: '事项编码',
						columnLetter: 'A',
						message: `事项编码 ${XK} 已在第 ${rowOf(XK)} 行出现，一个事项只能有一行。`
					}
				]
			].sort((a, b) => (a[0] as number) - (b[0] as number))
		);
		// The good row is planned, but nothing is imported while any row is refused.
		expect(byCode(plan.rows, XK)).toMatchObject({ action: 'update' });
		const refused = refusal(() => importEntries(d.editor, rows));
		expect(refused.rows.map((r) => r.row)).toEqual(plan.refused.map((r) => r.row));
		expect(d.versionCount()).toBe(versionsBefore);
		expect(d.versions(XK)).toEqual([[1, 'published']]);
		expect(d.audits('catalogue.import')).toEqual([]);
	});

	it('warns about names used twice in the file or already in the catalogue, and imports anyway', async () => {
		const d = await demo();
		const zrzy = '990001-ZRZY-XK-0002';
		const zrzyName = repo.listCurrentEntries(d.db).find((x) => x.code === zrzy)!.department_name;
		const file = await edited(await d.exported(), (sheet) => {
			sheet.add(XK, { 事项名称: '小餐饮登记' });
			sheet.add(XK, { 事项名称: '小餐饮 登记' });
			sheet.add(XK, { 事项名称: '药品零售企业经营许可证核发' });
			sheet.add(XK, { 事项名称: '临时用地审批' });
		});
		const rows = await parsed(file);
		const [a, b, c, e] = rows.slice(-4).map((r) => r.row);
		const existing = rows.find((r) => r.code?.value === '990001-SCJG-XK-0002')!.row;
		const plan = planImport(d.editor, rows);
		expect(plan.refused).toEqual([]);
		const name = { column: '事项名称', columnLetter: 'B' };
		expect(plan.warnings).toEqual([
			// The new row and the exported one of the same entry both hear of each other.
			{ row: existing, ...name, message: `与第 ${c} 行的事项名称相同。` },
			{ row: a, ...name, message: `与第 ${b} 行的事项名称相同。` },
			{ row: b, ...name, message: `与第 ${a} 行的事项名称相同。` },
			{ row: c, ...name, message: `与第 ${existing} 行的事项名称相同。` },
			{
				row: c,
				...name,
				message: '本部门已有同名事项“药品零售企业经营许可证核发”（990001-SCJG-XK-0002）。'
			},
			{
				row: e,
				...name,
				message: `${zrzyName}已有同名事项“临时用地审批”（${zrzy}）。`
			}
		]);
		const done = importEntries(d.editor, rows, { fingerprint: plan.fingerprint });
		expect(done.created).toHaveLength(4);
	});
});
