/** Messages of real-time reporting (实时报送): the feed, feed tokens and the push to an upstream hall. */
export const feedZh = {
	'error.FEED_AFTER_INVALID':
		'查询参数“after”须为不小于 0 的整数：上次读到的最后一个序号（从头读取时为 0）。',
	'error.FEED_LIMIT_INVALID': '查询参数“limit”须为 1 到 {max} 之间的整数。',
	'error.FEED_TOKEN_NAME_TAKEN': '已有名为“{name}”的报送令牌，请换一个名称。',
	'error.FEED_TOKEN_NOT_FOUND': '没有该报送令牌。',
	'feed.title': '实时报送',
	'feed.admin.card': '实时报送',
	'feed.admin.cardNote': '上级大厅读取本县办件过程数据的令牌和推送状态',
	'feed.intro':
		'本县办件的受理、办理环节、办结等关键过程数据按 GB/T 39046-2020 字段实时报送。上级（市、省）政务大厅可凭报送令牌从 GET /api/v1/feed 按序号读取，也可由本系统推送到配置的上级地址。',
	'feed.docs': '接口说明见 docs/feed.md 和 docs/openapi.yaml。',
	'feed.summary': '已报送事件 {count} 条（最新序号 {seq}）。',
	'feed.tokens': '报送令牌',
	'feed.tokens.help':
		'每个上级大厅一个令牌。令牌只能读取实时报送接口，不能办件；签发后只显示一次，系统只保存其 SHA-256 摘要。',
	'feed.token.name': '令牌名称',
	'feed.token.namePlaceholder': '如：市政务服务大厅',
	'feed.token.issue': '签发报送令牌',
	'feed.token.issued': '已签发报送令牌“{name}”。',
	'feed.token.revoked': '已吊销报送令牌。',
	'feed.token.onceHead': '报送令牌“{name}”（只显示这一次）',
	'feed.token.onceHint':
		'请立即复制并交给上级大厅妥善保管；离开本页后无法再次查看，遗失只能吊销后重新签发。',
	'feed.token.copy': '复制',
	'feed.token.copied': '已复制',
	'feed.token.createdAt': '签发时间',
	'feed.token.lastUsed': '最近使用',
	'feed.token.never': '从未使用',
	'feed.token.status': '状态',
	'feed.token.revoke': '吊销',
	'feed.token.revokedAt': '已于 {at} 吊销',
	'feed.token.confirmRevoke': '确定吊销该报送令牌？使用它的上级大厅将无法再读取。',
	'feed.token.none': '尚未签发报送令牌。',
	'feed.push': '推送到上级',
	'feed.push.off': '未配置推送（环境变量 SUNLIT_FEED_PUSH_URL）。上级大厅可凭报送令牌主动读取。',
	'feed.push.url': '推送地址',
	'feed.push.lastSeq': '已推送至序号',
	'feed.push.pending': '待推送',
	'feed.push.failures': '连续失败次数',
	'feed.push.nextAttempt': '下次重试',
	'feed.push.lastError': '最近错误',
	'feed.push.updatedAt': '状态更新',
	'feed.push.none': '无',
	'feed.push.ok': '正常'
} as const;

export const feedEn: Record<keyof typeof feedZh, string> = {
	'error.FEED_AFTER_INVALID':
		'Query parameter “after” must be a whole number of at least 0: the last seq read (0 to read from the start).',
	'error.FEED_LIMIT_INVALID': 'Query parameter “limit” must be a whole number from 1 to {max}.',
	'error.FEED_TOKEN_NAME_TAKEN': 'A feed token named “{name}” already exists; choose another name.',
	'error.FEED_TOKEN_NOT_FOUND': 'No such feed token.',
	'feed.title': 'Real-time reporting',
	'feed.admin.card': 'Real-time reporting',
	'feed.admin.cardNote':
		"Upstream halls' tokens for reading this county's case events, and the push status",
	'feed.intro':
		"This county's key case events — acceptance, steps, closing — are reported as they happen in GB/T 39046-2020 field names. A city or provincial hall reads them in order from GET /api/v1/feed with a feed token, or Sunlit pushes them to a configured upstream address.",
	'feed.docs': 'See docs/feed.md and docs/openapi.yaml.',
	'feed.summary': '{count} events reported (latest seq {seq}).',
	'feed.tokens': 'Feed tokens',
	'feed.tokens.help':
		'One token per upstream hall. A feed token reads the feed and nothing else; it is shown once when issued and only its SHA-256 is kept.',
	'feed.token.name': 'Token name',
	'feed.token.namePlaceholder': 'e.g. City service hall',
	'feed.token.issue': 'Issue feed token',
	'feed.token.issued': 'Feed token “{name}” issued.',
	'feed.token.revoked': 'Feed token revoked.',
	'feed.token.onceHead': 'Feed token “{name}” (shown this once)',
	'feed.token.onceHint':
		'Copy it now and hand it to the upstream hall; it cannot be shown again. A lost token can only be revoked and replaced.',
	'feed.token.copy': 'Copy',
	'feed.token.copied': 'Copied',
	'feed.token.createdAt': 'Issued',
	'feed.token.lastUsed': 'Last used',
	'feed.token.never': 'never',
	'feed.token.status': 'Status',
	'feed.token.revoke': 'Revoke',
	'feed.token.revokedAt': 'revoked {at}',
	'feed.token.confirmRevoke':
		'Revoke this feed token? The hall using it can no longer read the feed.',
	'feed.token.none': 'No feed tokens yet.',
	'feed.push': 'Push upstream',
	'feed.push.off':
		'No push configured (environment variable SUNLIT_FEED_PUSH_URL). Upstream halls can read the feed with a feed token.',
	'feed.push.url': 'Push address',
	'feed.push.lastSeq': 'Pushed up to seq',
	'feed.push.pending': 'Waiting to be pushed',
	'feed.push.failures': 'Failures in a row',
	'feed.push.nextAttempt': 'Next attempt',
	'feed.push.lastError': 'Last error',
	'feed.push.updatedAt': 'Status updated',
	'feed.push.none': 'none',
	'feed.push.ok': 'OK'
};
