/**
 * Messages of integration: department API tokens, cases over the API, offline registration
 * (线下办件登记) and department push (实时报送); merged into the one catalogue in messages.ts.
 */
export const integrationZh = {
	'integration.error.TOKEN_INVALID': '接口令牌无效或已吊销，请向系统管理员申领新的令牌。',
	'integration.error.BAD_REQUEST': '请求内容不是 JSON 对象，无法读取。',
	'integration.error.APPLICATION_INVALID': '申请未受理：有 {count} 处需要修改，见 errors 中各项。',
	'integration.error.CASE_RECORDED':
		'该办件是线下登记或部门系统报送的，不在本系统内办理，不能通过本接口办理。',
	'integration.error.OTHER_DEPARTMENT': '该办件不属于本令牌所在部门，也没有在本部门岗位上的待办。',
	'integration.error.EVENT_TYPE': '“type”须为以下之一：{types}。',
	'integration.error.EXPECTED_VERSION':
		'请填写“expectedVersion”：办件的当前版本号（查询或上次办理的结果中的 version）。',
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
	'integration.token.never': '尚未使用',
	'integration.token.revoke': '吊销',
	'integration.token.revoked': '已吊销接口令牌，使用它的请求将被拒绝。',
	'integration.token.revokedAt': '已吊销（{at}）',
	'integration.token.none': '本部门尚未签发接口令牌。'
};

export const integrationEn: Record<keyof typeof integrationZh, string> = {
	'integration.error.TOKEN_INVALID':
		'The API token is invalid or has been revoked; ask the administrator for a new one.',
	'integration.error.BAD_REQUEST': 'The request body is not a JSON object.',
	'integration.error.APPLICATION_INVALID':
		'Application not accepted: {count} problem(s) to fix, listed in errors.',
	'integration.error.CASE_RECORDED':
		'This case was recorded offline or pushed by a department system; it is not handled in this system and cannot be acted on here.',
	'integration.error.OTHER_DEPARTMENT':
		"This case is not of the token's department and has no work open at its posts.",
	'integration.error.EVENT_TYPE': '“type” must be one of: {types}.',
	'integration.error.EXPECTED_VERSION':
		'Give “expectedVersion”: the case version you acted on (version from the lookup or the last action).',
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
	'integration.token.never': 'Not used yet',
	'integration.token.revoke': 'Revoke',
	'integration.token.revoked': 'API token revoked; requests with it are refused.',
	'integration.token.revokedAt': 'Revoked ({at})',
	'integration.token.none': 'No API tokens issued for this department.'
};
