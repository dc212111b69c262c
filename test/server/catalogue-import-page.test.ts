/**
 * The studio import page through the running server: uploading previews and imports nothing,
 * confirming imports the file previewed, and a confirmation without a (current) preview is a 400
 * with a Chinese message, never a 5xx.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, inject, it } from 'vitest';
import { templateWorkbook } from '../../src/lib/server/catalogue/spreadsheet';
import { postForm, postMultipart, signIn } from '../factories/http';
import { resavedByOpenpyxl } from '../fixtures/openpyxl-workbook';

const base = inject('serverUrl');
const dbPath = inject('serverDb');
const PAGE = '/studio/catalogue/import';
const NAME = '导入页面测试事项';

/** The template with its example row, renamed, in the data sheet, saved again by openpyxl. */
async function filled(): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load((await templateWorkbook()) as unknown as ArrayBuffer);
	const data = wb.getWorksheet('职权目录')!;
	wb.getWorksheet('示例')!
		.getRow(2)
		.eachCell((cell, n) => (data.getRow(2).getCell(n).value = cell.value));
	data.getRow(2).getCell(1).value = NAME;
	return resavedByOpenpyxl(Buffer.from(await wb.xlsx.writeBuffer()));
}

const entriesNamed = (name: string) => {
	const db = new Database(dbPath, { readonly: true });
	try {
		return (
			db
				.prepare(
					"SELECT COUNT(*) AS n FROM catalogue_versions WHERE json_extract(content, '$.name') = ?"
				)
				.get(name) as { n: number }
		).n;
	} finally {
		db.close();
	}
};

const hidden = (html: string, name: string) =>
	new RegExp(`name="${name}" value="([0-9a-f]+)"`).exec(html)?.[1] ?? '';

describe('studio import page', () => {
	it('previews an upload without importing it, then imports it on confirmation', async () => {
		const cookie = await signIn(base, 'editor', 'demo-editor-2026');
		const upload = await postMultipart(base, cookie, `${PAGE}?/upload`, {}, [
			{
				field: 'file',
				name: '目录.xlsx',
				bytes: await filled(),
				type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
			}
		]);
		expect(upload.status).toBe(200);
		const html = await upload.text();
		expect(html).toContain('“目录.xlsx”的导入预览');
		expect(html).toContain('共 1 行：新增 1 个，修改 0 个，无改动 0 个。尚未导入，请核对后确认。');
		expect(entriesNamed(NAME)).toBe(0);

		const digest = hidden(html, 'digest');
		const fingerprint = hidden(html, 'fingerprint');
		expect(digest).toMatch(/^[0-9a-f]{64}$/);
		const confirm = await postForm(base, cookie, `${PAGE}?/confirm`, { digest, fingerprint });
		expect(confirm.status).toBe(200);
		expect(await confirm.text()).toContain('已从“目录.xlsx”导入：新建 1 个事项，修改 0 个事项');
		expect(entriesNamed(NAME)).toBe(1);

		// The kept file is gone once imported: confirming twice imports nothing more.
		const twice = await postForm(base, cookie, `${PAGE}?/confirm`, { digest, fingerprint });
		expect(twice.status).toBe(400);
		expect(await twice.text()).toContain('预览已过期或已被新的上传取代，请重新上传文件。');
		expect(entriesNamed(NAME)).toBe(1);
	});

	it('answers a confirmation without a preview, or with a broken body, with 400 and a Chinese message', async () => {
		const cookie = await signIn(base, 'editor', 'demo-editor-2026');
		const none = await postForm(base, cookie, `${PAGE}?/confirm`, {
			digest: 'a'.repeat(64),
			fingerprint: 'b'.repeat(64)
		});
		expect(none.status).toBe(400);
		expect(await none.text()).toContain('预览已过期');
		const broken = await fetch(`${base}${PAGE}?/confirm`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				cookie,
				origin: base,
				accept: 'text/html',
				'content-type': 'multipart/form-data; boundary=x'
			},
			body: '--x\r\nbroken'
		});
		expect(broken.status).toBe(400);
	});
});
