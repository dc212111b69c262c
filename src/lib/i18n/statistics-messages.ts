/** The hall's statistics page (办件统计公示). */
export const statisticsZh = {
	'nav.statistics': '办件统计',
	'stats.title': '办件统计公示',
	'stats.intro':
		'各部门、各事项的受理数、办结数、按期办结率（在承诺期限内办结的比例）和平均办理时间（自受理至办结的工作日），含网上办理、线下登记和部门系统报送的办件；以及各部门公布的职权事项数和最近更新日期。',
	'stats.disclosure': '公布事项 {published} 项，最近更新 {date}',
	'stats.tableOf': '{name}的办件统计',
	'stats.item': '事项',
	'stats.received': '受理数',
	'stats.closed': '办结数',
	'stats.onTimeRate': '按期办结率',
	'stats.meanDays': '平均办理时间',
	'stats.days': '{n} 个工作日',
	'stats.total': '合计',
	'stats.none': '还没有公布的事项。'
} as const;

export const statisticsEn: Record<keyof typeof statisticsZh, string> = {
	'nav.statistics': 'Statistics',
	'stats.title': 'Case statistics',
	'stats.intro':
		'Per department and item: cases received and closed, the share closed within the promised time, and the mean working days from acceptance to closing — online, offline-registered and department-reported cases alike; with each department’s published entries and latest revision.',
	'stats.disclosure': '{published} entries published, latest revision {date}',
	'stats.tableOf': 'Case statistics of {name}',
	'stats.item': 'Item',
	'stats.received': 'Received',
	'stats.closed': 'Closed',
	'stats.onTimeRate': 'On time',
	'stats.meanDays': 'Mean handling time',
	'stats.days': '{n} working days',
	'stats.total': 'Total',
	'stats.none': 'No entries are published yet.'
};
