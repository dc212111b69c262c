import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { withoutComments } from '../../src/lib/server/catalogue/xlsx-comments';
import { openpyxlXlsx } from '../fixtures/openpyxl-workbook';

const names = async (buffer: Buffer) => Object.keys((await JSZip.loadAsync(buffer)).files).sort();
const text = async (buffer: Buffer, name: string) =>
	(await JSZip.loadAsync(buffer)).file(name)!.async('string');

describe('taking cell comments out of an .xlsx before ExcelJS reads it', () => {
	it('removes openpyxl’s comment parts, referenced by absolute paths, and their relationships', async () => {
		const xlsx = await openpyxlXlsx([
			{
				name: 'Sheet',
				rows: [['事项名称'], ['食品经营许可']],
				comments: [{ ref: 'A1', text: '必填' }]
			}
		]);
		const clean = await withoutComments(xlsx);
		expect(await names(clean)).not.toContain('xl/comments/comment1.xml');
		expect(await names(clean)).not.toContain('xl/drawings/commentsDrawing1.vml');
		expect(await text(clean, 'xl/worksheets/_rels/sheet1.xml.rels')).not.toContain('Relationship ');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(clean as unknown as ArrayBuffer);
		expect(wb.worksheets[0]!.getCell('A2').value).toBe('食品经营许可');
	});

	it('resolves relative targets and keeps every other relationship (a hyperlink here)', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('职权目录');
		ws.getCell('A1').value = '事项名称';
		ws.getCell('A1').note = '必填';
		ws.getCell('B1').value = { text: '办事指南', hyperlink: 'https://zwfw.example.gov.cn/' };
		const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
		const rels = await text(xlsx, 'xl/worksheets/_rels/sheet1.xml.rels');
		expect(rels).toContain('Target="../comments1.xml"');

		const clean = await withoutComments(xlsx);
		expect(await names(clean)).not.toContain('xl/comments1.xml');
		expect(await names(clean)).not.toContain('xl/drawings/vmlDrawing1.vml');
		const kept = await text(clean, 'xl/worksheets/_rels/sheet1.xml.rels');
		expect(kept).not.toMatch(/comments|vmlDrawing/);
		expect(kept).toContain('https://zwfw.example.gov.cn/');
		const back = new ExcelJS.Workbook();
		await back.xlsx.load(clean as unknown as ArrayBuffer);
		expect(back.worksheets[0]!.getCell('B1').value).toMatchObject({
			hyperlink: 'https://zwfw.example.gov.cn/'
		});
	});

	it('leaves a file without comments, or one that is not a zip, exactly as it was', async () => {
		const plain = await openpyxlXlsx([{ name: 'Sheet', rows: [['事项名称']] }]);
		expect(await withoutComments(plain)).toBe(plain);
		const junk = Buffer.from('not a zip');
		expect(await withoutComments(junk)).toBe(junk);
	});
});
