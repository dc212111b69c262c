/**
 * 绩效评估 as an Excel workbook: a title row with the period, the headers (Chinese by default),
 * one row per department or item and the totals. Rates are numbers formatted as percentages, so
 * the sheet can be summed and charted further.
 */
import ExcelJS from 'exceljs';
import { translate, type Locale, type MessageKey } from '../../i18n';
import type { PerformanceFigures } from '../../supervision/performance';
import type { PerformanceReport } from './performance-service';

type Column = {
	header: MessageKey;
	width: number;
	value: (f: PerformanceFigures) => number | null;
	format?: string;
};

const PERCENT = '0.0%';

export const FIGURE_COLUMNS: readonly Column[] = [
	{ header: 'perf.received', width: 9, value: (f) => f.received },
	{ header: 'perf.closed', width: 9, value: (f) => f.closed },
	{ header: 'perf.refused', width: 11, value: (f) => f.refused },
	{ header: 'perf.withdrawn', width: 9, value: (f) => f.withdrawn },
	{ header: 'perf.onTimeRate', width: 11, value: (f) => f.onTimeRate, format: PERCENT },
	{ header: 'perf.meanDays', width: 14, value: (f) => f.meanDays, format: '0.0' },
	{ header: 'perf.medianDays', width: 14, value: (f) => f.medianDays, format: '0.0' },
	{ header: 'perf.supplementRate', width: 9, value: (f) => f.supplementRate, format: PERCENT },
	{ header: 'perf.refusalRate', width: 11, value: (f) => f.refusalRate, format: PERCENT },
	{ header: 'perf.satisfaction', width: 9, value: (f) => f.satisfaction, format: '0.00' },
	{ header: 'perf.evaluations', width: 9, value: (f) => f.evaluations },
	{ header: 'perf.satisfiedRate', width: 9, value: (f) => f.satisfiedRate, format: PERCENT },
	{ header: 'perf.complaints', width: 9, value: (f) => f.complaints }
];

export async function performanceXlsx(report: PerformanceReport, locale: Locale): Promise<Buffer> {
	const t = (k: MessageKey, p?: Record<string, string | number>) => translate(locale, k, p);
	const byItem = report.by === 'item';
	const by = t(byItem ? 'perf.byItem' : 'perf.byDepartment');
	const wb = new ExcelJS.Workbook();
	wb.creator = t('app.name');
	const ws = wb.addWorksheet(t('perf.sheet'));
	const lead: { header: string; width: number }[] = byItem
		? [
				{ header: t('perf.item'), width: 30 },
				{ header: t('perf.itemCode'), width: 22 },
				{ header: t('perf.department'), width: 20 }
			]
		: [{ header: t('perf.department'), width: 22 }];
	const headers = [...lead.map((c) => c.header), ...FIGURE_COLUMNS.map((c) => t(c.header))];
	lead.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
	FIGURE_COLUMNS.forEach((c, i) => {
		const col = ws.getColumn(lead.length + i + 1);
		col.width = c.width;
		if (c.format) col.numFmt = c.format;
	});
	const title = `${report.department ? `${report.department.name} ` : ''}${t('perf.sheetTitle', { by, from: report.from, to: report.to })}`;
	ws.addRow([title]).font = { bold: true, size: 14 };
	ws.mergeCells(1, 1, 1, headers.length);
	ws.addRow([t('perf.definitions')]).alignment = { wrapText: true, vertical: 'top' };
	ws.mergeCells(2, 1, 2, headers.length);
	ws.getRow(2).height = 60;
	const head = ws.addRow(headers);
	head.font = { bold: true };
	head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
	const figures = (f: PerformanceFigures) => FIGURE_COLUMNS.map((c) => c.value(f));
	for (const r of report.rows)
		ws.addRow([...(byItem ? [r.name, r.code, r.department.name] : [r.name]), ...figures(r)]);
	const total = ws.addRow([
		t('perf.total'),
		...(byItem ? ['', ''] : []),
		...figures(report.totals)
	]);
	total.font = { bold: true };
	ws.views = [{ state: 'frozen', ySplit: 3 }];
	return Buffer.from(await wb.xlsx.writeBuffer());
}
