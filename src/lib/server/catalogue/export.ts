import ExcelJS from 'exceljs';
import { translate, type Locale } from '../../i18n';
import type { PublicEntry } from '../services/public-catalogue';

/** The columns of the public catalogue download, in order: a header key and the cell text. */
function columns(
	locale: Locale
): { header: string; width: number; value: (e: PublicEntry) => string | number }[] {
	const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) =>
		translate(locale, k, p);
	const c = (e: PublicEntry) => e.content;
	return [
		{ header: t('field.code'), width: 22, value: (e) => e.code },
		{ header: t('field.name'), width: 30, value: (e) => e.name },
		{ header: t('field.category'), width: 14, value: (e) => t(`category.${e.category}`) },
		{ header: t('field.department'), width: 20, value: (e) => e.department.name },
		{ header: t('field.division'), width: 16, value: (e) => c(e).division },
		{ header: t('field.post'), width: 12, value: (e) => c(e).post },
		{
			header: t('field.bases'),
			width: 50,
			value: (e) =>
				c(e)
					.bases.map((b) => `${b.law}${b.article}：${b.excerpt}`)
					.join('\n')
		},
		{
			header: t('field.disclosureForm'),
			width: 12,
			value: (e) => t(`disclosure.${c(e).disclosureForm}`)
		},
		{ header: t('field.disclosureScope'), width: 14, value: (e) => c(e).disclosureScope },
		{ header: t('field.conditions'), width: 40, value: (e) => c(e).conditions },
		{
			header: t('field.materials'),
			width: 40,
			value: (e) =>
				c(e)
					.materials.map(
						(m, i) =>
							`${i + 1}. ${m.name}（${t(`materialForm.${m.form}`)}，${t('catalogue.copies', { n: m.copies })}${m.required ? '' : '，' + t('catalogue.optional')}）`
					)
					.join('\n')
		},
		{
			header: t('field.fee'),
			width: 24,
			value: (e) =>
				c(e).feeCharged ? `${c(e).feeStandard}（${c(e).feeBasis}）` : t('catalogue.free')
		},
		{ header: t('field.statutoryDays'), width: 10, value: (e) => c(e).statutoryDays },
		{ header: t('field.promisedDays'), width: 10, value: (e) => c(e).promisedDays },
		{
			header: t('field.onlineUrl'),
			width: 30,
			value: (e) => (c(e).onlineApply ? c(e).onlineUrl : '')
		},
		{ header: t('field.windowAddress'), width: 30, value: (e) => c(e).windowAddress },
		{ header: t('field.officeHours'), width: 30, value: (e) => c(e).officeHours },
		{ header: t('field.phone'), width: 16, value: (e) => c(e).phone },
		{ header: t('field.complaint'), width: 30, value: (e) => c(e).complaint },
		{
			header: t('field.rights'),
			width: 30,
			value: (e) =>
				c(e)
					.rights.map((r) => t(`right.${r}`))
					.join('、')
		},
		{ header: t('field.version'), width: 6, value: (e) => e.version },
		{ header: t('field.publishedAt'), width: 12, value: (e) => e.publishedAt.slice(0, 10) }
	];
}

function csvCell(v: string | number): string {
	const s = String(v);
	// Quote everything that could break a row; neutralise spreadsheet formulas.
	const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV with a UTF-8 byte-order mark so spreadsheet programs read the Chinese correctly. */
export function catalogueCsv(entries: readonly PublicEntry[], locale: Locale): string {
	const cols = columns(locale);
	const lines = [cols.map((c) => csvCell(c.header)).join(',')];
	for (const e of entries) lines.push(cols.map((c) => csvCell(c.value(e))).join(','));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export async function catalogueXlsx(
	entries: readonly PublicEntry[],
	locale: Locale,
	title: string
): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = translate(locale, 'app.name');
	const ws = wb.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
	const cols = columns(locale);
	ws.columns = cols.map((c) => ({ header: c.header, width: c.width }));
	ws.getRow(1).font = { bold: true };
	for (const e of entries) ws.addRow(cols.map((c) => c.value(e)));
	ws.eachRow((row, n) => {
		if (n > 1) row.alignment = { wrapText: true, vertical: 'top' };
	});
	return Buffer.from(await wb.xlsx.writeBuffer());
}
