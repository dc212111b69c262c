/**
 * Messages of public intake (外网受理): the application page, file uploads and the receipt
 * (受理回执); merged into the one catalogue in messages.ts.
 */
export const intakeZh = {
	'intake.applyOnline': '在线申请',
	'intake.applyOnlineHint': '按本事项现行固化版本填写申请，提交后可打印受理回执。',
	'intake.title': '在线申请',
	'intake.back': '返回办事指南',
	'intake.runsOn': '本申请将按第 {version} 版固化定义办理（内容哈希 {hash}）。',
	'intake.notOnline': '本事项不能在线申请。请按办事指南到窗口办理或咨询。',
	'intake.notFrozen': '本事项尚无已固化的办理定义，暂不能在线申请。',
	'intake.applicant': '申请人',
	'intake.applicantName': '申请人姓名或名称',
	'intake.applicantId': '证件号码',
	'intake.applicantIdHelp': '选填：身份证号码、统一社会信用代码或其他证件号码。',
	'intake.formTitle': '申请表',
	'intake.submit': '提交申请',
	'intake.submitting': '正在提交…',
	'intake.invalid': '申请未提交：有 {count} 处需要修改，请看各项下方的红色提示。',
	'intake.noscript':
		'您的浏览器未启用 JavaScript：文字、日期和选项仍可填写并提交，但上传文件和填写多行表格需要启用 JavaScript。',
	'intake.uploadsPending': '还有文件正在上传，请稍候再提交。',
	'intake.error.ITEM_NOT_ONLINE': '本事项不能在线申请。',
	'intake.error.ITEM_NOT_RUNNABLE': '本事项当前不能办理（没有已固化的定义或已废止）。',
	'intake.error.BAD_REQUEST': '提交的内容无法读取，请重新填写后提交。',
	'intake.error.RATE_LIMITED':
		'本网络地址一小时内提交的申请已达 {limit} 件的上限，请 {minutes} 分钟后再提交；已填写的内容仍保留在本页。在政务服务大厅内请联系窗口工作人员。',
	'formError.UPLOAD_MISSING': '“{field}”的文件没有上传成功，请重新选择文件上传。',

	'upload.uploading': '正在上传 {name}：{percent}%',
	'upload.done': '已上传：{name}（{size}）',
	'upload.failed': '上传失败：{message}',
	'upload.network': '网络连接中断，文件没有上传成功，请重试。',
	'upload.allowed': '可上传 PDF、JPEG、PNG 或 OFD 文件，每个不超过 {max} MB。',
	'upload.error.FILE_MISSING': '没有收到文件，请重新选择文件。',
	'intake.error.RATE_LIMITED_API':
		'本网络地址一小时内提交的申请已达 {limit} 件的上限，请 {minutes} 分钟后再提交。',
	'upload.error.RATE_LIMITED':
		'本网络地址一小时内上传的文件已达 {limit} MB 的上限，请 {minutes} 分钟后再上传。',
	'upload.error.FILE_TOO_LARGE': '文件太大：每个文件不能超过 {max} MB。',
	'upload.error.STORAGE_FULL': '服务器存储空间不足，文件没有保存，请稍后再试或联系窗口工作人员。',
	'upload.error.FILE_TYPE':
		'不支持这种文件：只能上传 PDF、JPEG、PNG 或 OFD 文件（按文件内容判断）。',

	'receipt.title': '受理回执',
	'receipt.kicker': '网上申请',
	'receipt.intro': '您的申请已提交。请打印或妥善保存本回执。',
	'receipt.caseNo': '受理编号',
	'receipt.queryCode': '查询码',
	'receipt.queryCodeOnce':
		'查询码只在此显示一次，系统不保存明文，遗失后无法找回。请现在记下或打印本页。',
	'receipt.item': '申请事项',
	'receipt.department': '实施机关',
	'receipt.applicant': '申请人',
	'receipt.version': '办理定义',
	'receipt.versionValue': '第 {version} 版（内容哈希 {hash}）',
	'receipt.submittedAt': '提交时间',
	'receipt.limits': '办理时限',
	'receipt.limitsValue': '法定 {statutory} 个工作日，承诺 {promised} 个工作日，自受理之日起计算',
	'receipt.status': '当前状态',
	'receipt.statusSubmitted': '已提交，等待受理',
	'receipt.next': '接下来',
	'receipt.nextReview':
		'工作人员将审查您的申请，决定是否受理；材料不齐全或不符合要求的，将一次性告知需要补正的内容。',
	'receipt.nextTrack': '办理进度、期限和结果可凭受理编号和查询码在网上政务大厅的“办件查询”中查看：',
	'receipt.print': '打印回执',
	'receipt.gone':
		'回执只在提交后显示一次。请凭受理编号和查询码查询办理进度；如未保存查询码，请联系实施机关。',
	'receipt.newApplication': '返回办事指南'
} as const;

export const intakeEn: Record<keyof typeof intakeZh, string> = {
	'intake.applyOnline': 'Apply online',
	'intake.applyOnlineHint':
		'Fill in the application under the version in force; you can print a receipt afterwards.',
	'intake.title': 'Apply online',
	'intake.back': 'Back to the service guide',
	'intake.runsOn': 'This application runs on frozen version {version} (content hash {hash}).',
	'intake.notOnline':
		'This item cannot be applied for online. See the service guide for the office and contacts.',
	'intake.notFrozen': 'This item has no frozen definition yet and cannot be applied for online.',
	'intake.applicant': 'Applicant',
	'intake.applicantName': 'Applicant name (person or organisation)',
	'intake.applicantId': 'ID number',
	'intake.applicantIdHelp': 'Optional: ID card number, unified social credit code or other ID.',
	'intake.formTitle': 'Application form',
	'intake.submit': 'Submit application',
	'intake.submitting': 'Submitting…',
	'intake.invalid': 'Not submitted: {count} problem(s) to fix; see the red notes below the fields.',
	'intake.noscript':
		'JavaScript is off: text, dates and choices can still be filled in and submitted, but uploading files and filling in tables need JavaScript.',
	'intake.uploadsPending': 'A file is still uploading; please wait before submitting.',
	'intake.error.ITEM_NOT_ONLINE': 'This item cannot be applied for online.',
	'intake.error.ITEM_NOT_RUNNABLE':
		'This item cannot be handled now (no frozen definition, or retired).',
	'intake.error.BAD_REQUEST': 'The submission could not be read; please fill it in again.',
	'intake.error.RATE_LIMITED':
		'This network address has handed in {limit} applications within the hour, the most allowed; please submit again in {minutes} minutes. What you filled in is still on this page. In the service hall, please ask at a counter.',
	'formError.UPLOAD_MISSING':
		'The file for “{field}” was not uploaded; please choose the file again.',

	'upload.uploading': 'Uploading {name}: {percent}%',
	'upload.done': 'Uploaded: {name} ({size})',
	'upload.failed': 'Upload failed: {message}',
	'upload.network': 'The connection broke and the file was not uploaded; please try again.',
	'upload.allowed': 'PDF, JPEG, PNG or OFD files of up to {max} MB each.',
	'upload.error.FILE_MISSING': 'No file was received; please choose the file again.',
	'intake.error.RATE_LIMITED_API':
		'This network address has handed in {limit} applications within the hour, the most allowed; please submit again in {minutes} minutes.',
	'upload.error.RATE_LIMITED':
		'This network address has uploaded {limit} MB within the hour, the most allowed; please upload again in {minutes} minutes.',
	'upload.error.FILE_TOO_LARGE': 'The file is too large: at most {max} MB per file.',
	'upload.error.STORAGE_FULL':
		'The server is out of storage space and did not keep the file; please try again later or ask at a counter.',
	'upload.error.FILE_TYPE':
		'This kind of file is not accepted: only PDF, JPEG, PNG or OFD (judged by its content).',

	'receipt.title': 'Application receipt',
	'receipt.kicker': 'Online application',
	'receipt.intro': 'Your application has been submitted. Print or keep this receipt.',
	'receipt.caseNo': 'Case number',
	'receipt.queryCode': 'Query code',
	'receipt.queryCodeOnce':
		'The query code is shown only this once and is not kept in clear; it cannot be recovered. Note it down or print this page now.',
	'receipt.item': 'Item',
	'receipt.department': 'Authority',
	'receipt.applicant': 'Applicant',
	'receipt.version': 'Definition',
	'receipt.versionValue': 'Version {version} (content hash {hash})',
	'receipt.submittedAt': 'Submitted',
	'receipt.limits': 'Time limits',
	'receipt.limitsValue':
		'statutory {statutory} working days, promised {promised} working days, counted from acceptance',
	'receipt.status': 'Status',
	'receipt.statusSubmitted': 'Submitted, awaiting acceptance',
	'receipt.next': 'What happens next',
	'receipt.nextReview':
		'Staff will review the application and decide whether to accept it; if materials are missing or insufficient, you will be told everything to supplement at once.',
	'receipt.nextTrack':
		'Track progress, deadlines and the result with the case number and query code under “Track a case” in the service hall:',
	'receipt.print': 'Print receipt',
	'receipt.gone':
		'The receipt is shown once, right after submitting. Track the case with its number and query code; if you did not keep the query code, contact the authority.',
	'receipt.newApplication': 'Back to the service guide'
};
