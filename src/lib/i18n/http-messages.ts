/**
 * Messages of the HTTP layer (src/lib/server/http, hooks.server.ts): requests refused before any
 * page or API code runs — an unreadable form body, a page number out of range, a cross-site form.
 */
export const httpZh = {
	'http.field.page': '页码',
	'http.field.pageSize': '每页条数',
	'http.field.before': '翻页位置',
	'http.field.pageParam': '页码（page）',
	'http.field.pageSizeParam': '每页条数（pageSize）',
	'http.field.form': '表单内容',
	'http.error.BAD_INTEGER': '“{field}”须为 {min} 到 {max} 之间的整数。',
	'http.error.FORM_TYPE':
		'“表单内容”无法读取：提交的内容不是本页面发送的格式（须为网页表单），请回到页面重新填写后提交。',
	'http.error.FORM_UNREADABLE':
		'“表单内容”无法读取：提交的表单不完整或已损坏，请回到页面重新填写后提交。',
	'http.error.FORM_TOO_LARGE': '“表单内容”超过了允许的大小，请减少附件或内容后重新提交。',
	'http.error.CROSS_SITE':
		'请求被拒绝：表单须从本站页面提交（请求来源与本站不同）。请回到本站页面重新提交。'
};

export const httpEn: Record<keyof typeof httpZh, string> = {
	'http.field.page': 'Page',
	'http.field.pageSize': 'Page size',
	'http.field.before': 'Paging position',
	'http.field.pageParam': 'Page (page)',
	'http.field.pageSizeParam': 'Page size (pageSize)',
	'http.field.form': 'Form content',
	'http.error.BAD_INTEGER': '“{field}” must be a whole number from {min} to {max}.',
	'http.error.FORM_TYPE':
		'The “Form content” could not be read: it is not in the format this page sends (a web form); please fill in the page again and submit it.',
	'http.error.FORM_UNREADABLE':
		'The “Form content” could not be read: the form is incomplete or damaged; please fill in the page again and submit it.',
	'http.error.FORM_TOO_LARGE':
		'The “Form content” is larger than allowed; please remove attachments or text and submit again.',
	'http.error.CROSS_SITE':
		'Request refused: forms must be submitted from this site’s pages (the request came from another origin).'
};
