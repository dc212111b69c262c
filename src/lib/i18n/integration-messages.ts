/**
 * Messages of integration: department API tokens, cases over the API, offline registration
 * (线下办件登记) and department push (实时报送); merged into the one catalogue in messages.ts.
 */
export const integrationZh = {
	'integration.error.ATTACHMENT_MISSING':
		'“附件”中有文件未上传：请先用 POST /api/v1/uploads 上传，再以返回的 { ref, name } 引用。',
	'integration.error.TOKEN_INVALID': '接口令牌无效或已吊销，请向系统管理员申领新的令牌。',
	'integration.error.BAD_REQUEST': '请求内容不是 JSON 对象，无法读取。',
	'integration.error.APPLICATION_INVALID': '申请未受理：有 {count} 处需要修改，见 errors 中各项。',
	'integration.error.CASE_RECORDED':
		'该办件是线下登记或部门系统报送的，不在本系统内办理，不能通过本接口办理。',
	'integration.error.EVENT_TYPE': '“type”须为以下之一：{types}。',
	'integration.error.EXPECTED_VERSION':
		'请填写“expectedVersion”：办件的当前版本号（查询或上次办理的结果中的 version）。',
	'integration.error.RECORD_INVALID': '办件数据未接收：有 {count} 处需要修改，见 errors 中各项。',
	'integration.error.PUSH_DEPARTMENT': '只能用本部门的接口令牌报送本部门的办件。',
	'integration.record.stepField': '第 {n} 个环节的{field}',
	'integration.record.DATE_TIME':
		'“{field}”不是有效的时间，请写成带时区的时间，如 2026-03-02T09:30:00+08:00。',
	'integration.record.TIME_IN_FUTURE': '“{field}”不能晚于现在。',
	'integration.record.TIME_ORDER': '“{field}”不能早于“{after}”。',
	'integration.record.REQUIRED_WHEN_DONE': '环节已办，请填写“{field}”。',
	'integration.record.STEP_STATE_MISMATCH': '“{field}”为待办，却已填写环节结束时间。',
	'integration.record.STEP_STILL_OPEN':
		'请填写“{field}”：只有最后一个环节可以尚未结束，办结的办件不能有未结束的环节。',
	'integration.record.ITEM_NOT_IN_CATALOGUE': '“{field}”不是{department}已公布的职权目录事项。',
	'integration.record.PUSH_CONFLICT':
		'报送内容与已记录的“{field}”不一致：已记录的办件数据不能修改，只能追加新的环节和办结信息。',
	'integration.origin.engine': '网上办理',
	'integration.origin.offline': '线下办理',
	'integration.origin.pushed': '部门系统报送',

	'integration.offline.title': '线下办件登记',
	'integration.offline.field.caseType': '办件类型',
	'integration.offline.field.acceptDocNo': '受理文书编号',
	'integration.offline.field.promisedDue': '承诺办结时间',
	'integration.offline.field.stepName': '环节名称',
	'integration.offline.field.stepHandler': '环节处理人',
	'integration.offline.field.stepAction': '业务动作',
	'integration.offline.field.stepStart': '环节开始时间',
	'integration.offline.field.stepEnd': '环节结束时间',
	'integration.offline.field.stepOpinion': '环节处理意见',
	'integration.offline.field.result': '办结结果',
	'integration.offline.field.closedAt': '办结时间',
	'integration.offline.field.resultNote': '结果说明',
	'integration.offline.back': '返回办件工作台',
	'integration.offline.link': '线下办件登记',
	'integration.offline.intro':
		'不能在系统中办理的事项，按实际办理情况登记受理、各办理环节和办结结果。登记后办件与网上办件一样在办件查询和电子监察中出现；已登记的内容不能修改。',
	'integration.offline.noDepartment': '您的账号没有所属部门（或部门已停用），不能登记线下办件。',
	'integration.offline.caseHead': '申请与受理',
	'integration.offline.item': '事项',
	'integration.offline.chooseItem': '请选择本部门已公布的事项',
	'integration.offline.applicantName': '申请人姓名或名称',
	'integration.offline.applicantId': '证件号码',
	'integration.offline.receivedAt': '收件受理时间',
	'integration.offline.acceptedBy': '受理人员',
	'integration.offline.stepsHead': '办理环节',
	'integration.offline.stepsHelp':
		'按办理顺序逐个填写；未填写的空行不登记。只有最后一个环节可以尚未结束（不填结束时间）。',
	'integration.offline.stepN': '第 {n} 个环节',
	'integration.offline.addStep': '添加环节',
	'integration.offline.removeStep': '删除本环节',
	'integration.offline.closeHead': '办结',
	'integration.offline.closeHelp': '尚未办结的，办结结果选择“尚未办结”，办结时间留空。',
	'integration.offline.notClosed': '尚未办结',
	'integration.offline.submit': '登记办件',
	'integration.offline.invalid': '办件未登记：有 {count} 处需要修改，请看各项下方的红色提示。',
	'integration.offline.done': '已登记。请把办件编号和查询码告知申请人，查询码只显示这一次。',
	'integration.offline.receiptTitle': '线下办件登记回执',
	'integration.offline.caseNo': '办件编号',
	'integration.offline.queryCode': '查询码',
	'integration.offline.department': '办理部门',
	'integration.offline.status': '状态',
	'integration.offline.statusOpen': '办理中',
	'integration.offline.statusClosed': '已办结',
	'integration.offline.receiptHint':
		'申请人可在网上政务大厅“办件查询”中凭办件编号和查询码查看办理过程和结果。',
	'error.TOKEN_NAME_TAKEN': '本部门已有名为“{name}”的接口令牌，请换一个名称。',
	'error.TOKEN_NOT_FOUND': '没有该接口令牌。',

	'integration.token.title': '接口令牌',
	'integration.token.help':
		'本部门自建系统调用接口（报送办件、办理办件、导出办件数据）时，在请求头 Authorization: Bearer <令牌> 中带上令牌。令牌代表本部门，可在本部门各岗位办理；它做的每件事都以令牌名称记入审计日志。',
	'integration.token.name': '令牌名称',
	'integration.token.namePlaceholder': '如：市场监管业务系统',
	'integration.token.issue': '签发令牌',
	'integration.token.issued': '已签发接口令牌“{name}”。',
	'integration.token.onceHead': '接口令牌“{name}”：',
	'integration.token.onceHint':
		'令牌只在此显示这一次，系统只保存它的哈希。请现在复制并保存到对方系统的配置中；遗失后只能吊销并重新签发。',
	'integration.token.copy': '复制令牌',
	'integration.token.copied': '已复制',
	'integration.token.createdAt': '签发时间',
	'integration.token.lastUsed': '最近使用',
	'integration.token.status': '状态',
	'integration.token.never': '尚未使用',
	'integration.token.revoke': '吊销',
	'integration.token.revoked': '已吊销接口令牌，使用它的请求将被拒绝。',
	'integration.token.revokedAt': '已吊销（{at}）',
	'integration.token.none': '本部门尚未签发接口令牌。'
};

export const integrationEn: Record<keyof typeof integrationZh, string> = {
	'integration.error.ATTACHMENT_MISSING':
		'An attachment is not stored: upload it with POST /api/v1/uploads first and refer to it by the returned { ref, name }.',
	'integration.error.TOKEN_INVALID':
		'The API token is invalid or has been revoked; ask the administrator for a new one.',
	'integration.error.BAD_REQUEST': 'The request body is not a JSON object.',
	'integration.error.APPLICATION_INVALID':
		'Application not accepted: {count} problem(s) to fix, listed in errors.',
	'integration.error.CASE_RECORDED':
		'This case was recorded offline or pushed by a department system; it is not handled in this system and cannot be acted on here.',
	'integration.error.EVENT_TYPE': '“type” must be one of: {types}.',
	'integration.error.EXPECTED_VERSION':
		'Give “expectedVersion”: the case version you acted on (version from the lookup or the last action).',
	'integration.error.RECORD_INVALID':
		'Case data not accepted: {count} problem(s) to fix, listed in errors.',
	'integration.error.PUSH_DEPARTMENT':
		'Cases can be pushed only with a token of the department in the address.',
	'integration.record.stepField': 'step {n} {field}',
	'integration.record.DATE_TIME':
		'“{field}” is not a valid time; give an instant with its offset, e.g. 2026-03-02T09:30:00+08:00.',
	'integration.record.TIME_IN_FUTURE': '“{field}” cannot be in the future.',
	'integration.record.TIME_ORDER': '“{field}” cannot be before “{after}”.',
	'integration.record.REQUIRED_WHEN_DONE': 'The step is done: fill in “{field}”.',
	'integration.record.STEP_STATE_MISMATCH': '“{field}” says pending, but the step has an end time.',
	'integration.record.STEP_STILL_OPEN':
		'Fill in “{field}”: only the last step may still be open, and none once the case is closed.',
	'integration.record.ITEM_NOT_IN_CATALOGUE':
		'“{field}” is not a published catalogue item of {department}.',
	'integration.record.PUSH_CONFLICT':
		'The push differs from the recorded “{field}”: recorded case data cannot change; only new steps and the close can be added.',
	'integration.origin.engine': 'Handled online',
	'integration.origin.offline': 'Handled offline',
	'integration.origin.pushed': 'Reported by the department system',

	'integration.offline.title': 'Register an offline case',
	'integration.offline.field.caseType': 'Case type (办件类型)',
	'integration.offline.field.acceptDocNo': 'Acceptance document no. (受理文书编号)',
	'integration.offline.field.promisedDue': 'Promised completion date (承诺办结时间)',
	'integration.offline.field.stepName': 'Step name (环节名称)',
	'integration.offline.field.stepHandler': 'Handled by (环节处理人)',
	'integration.offline.field.stepAction': 'Action (业务动作)',
	'integration.offline.field.stepStart': 'Started (环节开始时间)',
	'integration.offline.field.stepEnd': 'Ended (环节结束时间)',
	'integration.offline.field.stepOpinion': 'Opinion (环节处理意见)',
	'integration.offline.field.result': 'Result (办结结果)',
	'integration.offline.field.closedAt': 'Closed at (办结时间)',
	'integration.offline.field.resultNote': 'Result statement (结果说明)',
	'integration.offline.back': 'Back to the workbench',
	'integration.offline.link': 'Register an offline case',
	'integration.offline.intro':
		'For items that cannot be handled in the system: record the acceptance, every step and the result as they happened. The case then appears in case tracking and supervision like an online one; what is registered cannot be changed.',
	'integration.offline.noDepartment':
		'Your account has no department (or it is disabled), so you cannot register offline cases.',
	'integration.offline.caseHead': 'Application and acceptance',
	'integration.offline.item': 'Item',
	'integration.offline.chooseItem': "Choose one of your department's published items",
	'integration.offline.applicantName': 'Applicant name',
	'integration.offline.applicantId': 'ID number',
	'integration.offline.receivedAt': 'Received and accepted at',
	'integration.offline.acceptedBy': 'Accepted by',
	'integration.offline.stepsHead': 'Steps',
	'integration.offline.stepsHelp':
		'One per step, in order; empty rows are ignored. Only the last step may still be open (no end time).',
	'integration.offline.stepN': 'Step {n}',
	'integration.offline.addStep': 'Add a step',
	'integration.offline.removeStep': 'Remove this step',
	'integration.offline.closeHead': 'Closing',
	'integration.offline.closeHelp':
		'If the case is not closed yet, choose “not closed” and leave the time empty.',
	'integration.offline.notClosed': 'Not closed yet',
	'integration.offline.submit': 'Register the case',
	'integration.offline.invalid':
		'Not registered: {count} problem(s) to fix, shown in red under the fields.',
	'integration.offline.done':
		'Registered. Give the applicant the case number and query code; the query code is shown only this once.',
	'integration.offline.receiptTitle': 'Offline case registration receipt',
	'integration.offline.caseNo': 'Case number',
	'integration.offline.queryCode': 'Query code',
	'integration.offline.department': 'Department',
	'integration.offline.status': 'Status',
	'integration.offline.statusOpen': 'In progress',
	'integration.offline.statusClosed': 'Closed',
	'integration.offline.receiptHint':
		'The applicant can follow the steps and the result under “Track a case” in the service hall with the case number and query code.',
	'error.TOKEN_NAME_TAKEN': 'This department already has an API token named “{name}”.',
	'error.TOKEN_NOT_FOUND': 'No such API token.',

	'integration.token.title': 'API tokens',
	'integration.token.help':
		"The department's own systems send the token as Authorization: Bearer <token> when they call the API (pushing cases, acting on cases, exporting case data). A token acts as this department at any of its posts; everything it does is recorded in the audit log under the token's name.",
	'integration.token.name': 'Token name',
	'integration.token.namePlaceholder': 'e.g. Market regulation case system',
	'integration.token.issue': 'Issue token',
	'integration.token.issued': 'API token “{name}” issued.',
	'integration.token.onceHead': 'API token “{name}”:',
	'integration.token.onceHint':
		'The token is shown here this once; only its hash is kept. Copy it into the other system’s configuration now; if it is lost, revoke it and issue a new one.',
	'integration.token.copy': 'Copy token',
	'integration.token.copied': 'Copied',
	'integration.token.createdAt': 'Issued',
	'integration.token.lastUsed': 'Last used',
	'integration.token.status': 'Status',
	'integration.token.never': 'Not used yet',
	'integration.token.revoke': 'Revoke',
	'integration.token.revoked': 'API token revoked; requests with it are refused.',
	'integration.token.revokedAt': 'Revoked ({at})',
	'integration.token.none': 'No API tokens issued for this department.'
};
