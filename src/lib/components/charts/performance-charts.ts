/** The ECharts options of 绩效评估 (page and monthly report): plain data, no echarts import. */
import type { EChartsCoreOption } from 'echarts/core';
import { t } from '$lib/i18n/t.svelte';

export interface ChartLabels {
	received: string;
	closed: string;
	onTimeRate: string;
	countAxis: string;
	rateAxis: string;
}

/** The charts' labels in the reader's language; read it inside `$derived` to follow a change. */
export function chartLabels(): ChartLabels {
	return {
		received: t('perf.received'),
		closed: t('perf.closed'),
		onTimeRate: t('perf.onTimeRate'),
		countAxis: t('perf.countAxis'),
		rateAxis: t('perf.rateAxis')
	};
}

export interface ChartRow {
	name: string;
	received: number;
	closed: number;
	onTimeRate: number | null;
}

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

function axes(labels: ChartLabels) {
	return [
		{ type: 'value', name: labels.countAxis, minInterval: 1 },
		{ type: 'value', name: labels.rateAxis, min: 0, max: 100, axisLabel: { formatter: '{value}%' } }
	];
}

const base = (labels: ChartLabels) => ({
	animation: false,
	aria: { enabled: true },
	tooltip: { trigger: 'axis' },
	legend: { data: [labels.received, labels.closed, labels.onTimeRate], top: 0 },
	grid: { left: 48, right: 56, top: 48, bottom: 8, containLabel: true },
	yAxis: axes(labels)
});

/** Bars of received and closed per row, with the on-time rate as a line on its own axis. */
export function barOption(rows: readonly ChartRow[], labels: ChartLabels): EChartsCoreOption {
	return {
		...base(labels),
		xAxis: {
			type: 'category',
			data: rows.map((r) => r.name),
			axisLabel: { interval: 0, rotate: rows.length > 4 ? 20 : 0 }
		},
		series: [
			{ name: labels.received, type: 'bar', data: rows.map((r) => r.received) },
			{ name: labels.closed, type: 'bar', data: rows.map((r) => r.closed) },
			{
				name: labels.onTimeRate,
				type: 'line',
				yAxisIndex: 1,
				data: rows.map((r) => pct(r.onTimeRate)),
				label: { show: true, formatter: '{c}%' }
			}
		]
	};
}

/** Lines of received, closed and on-time rate per month. */
export function trendOption(
	points: readonly (ChartRow & { month: string })[],
	labels: ChartLabels
): EChartsCoreOption {
	return {
		...base(labels),
		xAxis: { type: 'category', data: points.map((p) => p.month), boundaryGap: false },
		series: [
			{ name: labels.received, type: 'line', data: points.map((p) => p.received) },
			{ name: labels.closed, type: 'line', data: points.map((p) => p.closed) },
			{
				name: labels.onTimeRate,
				type: 'line',
				yAxisIndex: 1,
				lineStyle: { type: 'dashed' },
				data: points.map((p) => pct(p.onTimeRate))
			}
		]
	};
}
