/** The supervision console (电子监察): its sections. Each section keeps its own messages module. */
export const supervisionZh = {
	'sv.nav': '电子监察导航',
	'sv.nav.overview': '监察总览',
	'sv.nav.exceptions': '异常',
	'sv.nav.notices': '督办',
	'sv.nav.performance': '绩效评估',
	'sv.nav.complaints': '投诉举报'
} as const;

export const supervisionEn: Record<keyof typeof supervisionZh, string> = {
	'sv.nav': 'Supervision sections',
	'sv.nav.overview': 'Overview',
	'sv.nav.exceptions': 'Exceptions',
	'sv.nav.notices': 'Supervision notices',
	'sv.nav.performance': 'Performance',
	'sv.nav.complaints': 'Complaints'
};
