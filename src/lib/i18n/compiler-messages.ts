/**
 * Messages of the freeze compiler and the approval of item versions; merged into the one catalogue
 * in messages.ts. `compiler.<CODE>` is the text of a bundle cross-check (src/lib/compiler/validate.ts).
 */
export const compilerZh = {
	'compiler.FLOW_MISSING': '本事项还没有流程图，无法固化。请先在编制工作室绘制流程图。',
	'compiler.FLOW_ITEM_MISMATCH': '流程图属于事项“{item}”，不是本事项。请重新导入本事项的流程图。',
	'compiler.FORM_ITEM_MISMATCH':
		'申请表单属于事项“{item}”，不是本事项。请重新导入本事项的申请表单。',
	'compiler.DEPARTMENT_UNKNOWN':
		'环节“{name}”的承办部门“{department}”不在组织机构中。请在环节属性中重新选择部门。',
	'compiler.POST_UNKNOWN':
		'环节“{name}”的承办岗位“{post}”不是{department}的岗位。请在环节属性中重新选择岗位，或先在组织机构中设立该岗位。',
	'compiler.MATERIAL_NO_UPLOAD':
		'本事项可网上申请，但必备材料“{material}”在申请表单中没有对应的上传字段。请在表单中添加。',
	'review.bundleTitle': '事项包检查（目录 + 流程图 + 申请表单）',
	'review.bundleRevisions': '本次提交：流程图第 {flow} 稿，申请表单第 {form} 稿（提交时锁定）。',
	'review.frozenNow': '现行固化版本：第 {version} 版（{date} 批准，内容哈希 {hash}…）。',
	'review.noFrozenYet': '该事项还没有固化版本，以下对比中全部内容均为新增。',
	'review.noFlow': '本次提交没有流程图：批准后只公布目录条目，不会固化，事项不能在线办理。',
	'review.errors': '编译检查发现 {count} 个错误，不能批准固化。请退回并写明修改意见：',
	'review.compiles': '编译检查通过：批准后即生成并固化第 {version} 版运行定义。',
	'review.warnings': '提示 {count} 条（不影响批准）',
	'review.flowDiff': '流程图对比',
	'review.formDiff': '申请表单对比',
	'review.flowComments': '对流程图环节的意见',
	'review.formComments': '对申请表单字段的意见',
	'review.pickStep': '（选择环节，不选则针对整个流程图）',
	'review.pickField': '（选择字段，不选则针对整个表单）',
	'review.commentTarget': '第 {n} 条意见针对',
	'review.commentText': '第 {n} 条意见',
	'review.addComment': '再加一条意见',
	'review.approveBlocked': '有编译错误，不能批准。',
	'review.onFlow': '流程图',
	'review.onForm': '申请表单',
	'review.onStep': '流程图环节“{name}”',
	'review.onField': '申请表单字段“{name}”',
	'checkpoints.title': '审计链公示',
	'checkpoints.explain':
		'本系统的每一次操作都写入带哈希链的审计日志，每条记录的哈希都包含前一条的哈希。下面定期公布日志末端的序号和哈希（启动时、日志有增长时每小时一次、每次批准固化时）。保存任意一个检查点，以后随时可以查询该序号的记录现在的哈希：若不相同，说明日志被截断或改写。',
	'checkpoints.head': '当前日志末端：第 {seq} 条记录，哈希',
	'checkpoints.json': '机器可读（JSON）',
	'checkpoints.lookupTitle': '核对保存的检查点',
	'checkpoints.seq': '记录序号',
	'checkpoints.lookup': '查询该记录现在的哈希',
	'checkpoints.seqInvalid': '“记录序号”须为正整数。',
	'checkpoints.seqMissing':
		'审计日志中没有第 {seq} 条记录。若您保存过该序号的检查点，说明日志已被截断。',
	'checkpoints.hashNow': '第 {seq} 条记录现在的哈希：',
	'checkpoints.listTitle': '已公布的检查点',
	'checkpoints.none': '尚未公布检查点。',
	'checkpoints.at': '公布时间',
	'checkpoints.hash': '哈希（SHA-256）',
	'checkpoints.reason': '时机',
	'checkpoints.reason.start': '启动',
	'checkpoints.reason.hourly': '每小时',
	'checkpoints.reason.freeze': '批准固化',
	'frozen.title': '固化版本',
	'frozen.inForce':
		'现行固化版本：第 {version} 版，{date} 经法制审核批准固化。新受理的办件都按此版本运行。',
	'frozen.inForceWas': '第 {version} 版（{date} 批准）',
	'frozen.hash': '内容哈希（SHA-256）',
	'frozen.download': '下载运行定义',
	'frozen.explain':
		'每个办件都记录它开始时的固化版本和内容哈希；下载的文件可用 manifest.json 中的哈希核对是否与批准时一致。',
	'frozen.earlier': '以前的固化版本（{count} 个，仍在办理的旧办件按其运行）',
	'frozen.none': '该事项的流程尚未经法制审核固化，暂不能在线办理。',
	'error.BUNDLE_HAS_ERRORS': '事项包有 {count} 个错误，不能批准固化。请退回并写明需要修改之处。',
	'error.FREEZE_REQUIRED': '该版本附有流程图，须经编译固化后才能批准。',
	'error.FREEZE_STALE': '审核期间流程图或申请表单有了新的版本，请刷新页面后重新审核。',
	'error.FROZEN_VERSION_EXISTS': '第 {version} 版已经固化，固化版本不能更改。',
	'error.FROZEN_VERSION_NOT_FOUND': '没有找到该事项的固化版本。',
	'error.FROZEN_IMMUTABLE': '固化版本的文件不能更改。',
	'error.FROZEN_PATH_INVALID': '固化版本的事项编码或版本号无效。',
	'error.DEFINITION_TAMPERED':
		'事项 {item} 第 {version} 版的固化文件与批准时记录的不一致（{problems}），已拒绝加载并记入审计日志。'
} as const;

export const compilerEn: Record<keyof typeof compilerZh, string> = {
	'compiler.FLOW_MISSING':
		'This item has no flowchart yet, so it cannot be frozen. Draw one in the studio first.',
	'compiler.FLOW_ITEM_MISMATCH':
		'The flowchart belongs to item “{item}”, not to this one. Import this item’s flowchart again.',
	'compiler.FORM_ITEM_MISMATCH':
		'The application form belongs to item “{item}”, not to this one. Import this item’s form again.',
	'compiler.DEPARTMENT_UNKNOWN':
		'Step “{name}” is handled by department “{department}”, which is not in the organisation. Choose the department again in the step’s properties.',
	'compiler.POST_UNKNOWN':
		'Post “{post}” of step “{name}” is not a post of {department}. Choose the post again, or create it in the organisation first.',
	'compiler.MATERIAL_NO_UPLOAD':
		'This item can be applied for online, but the required material “{material}” has no upload field in the form. Add one.',
	'review.bundleTitle': 'Bundle check (catalogue entry + flowchart + application form)',
	'review.bundleRevisions':
		'Submitted: flowchart draft {flow}, form draft {form} (locked at submission).',
	'review.frozenNow':
		'Frozen version in force: version {version} (approved {date}, content hash {hash}…).',
	'review.noFrozenYet': 'This item has no frozen version yet; everything below is new.',
	'review.noFlow':
		'This submission has no flowchart: approving publishes the entry only; nothing is frozen and the item cannot be handled online.',
	'review.errors':
		'The compiler found {count} errors; the bundle cannot be approved. Return it with what must change:',
	'review.compiles':
		'The bundle compiles: approving generates and freezes runtime definition version {version}.',
	'review.warnings': '{count} notes (approval is not blocked)',
	'review.flowDiff': 'Flowchart changes',
	'review.formDiff': 'Application form changes',
	'review.flowComments': 'Comments on flowchart steps',
	'review.formComments': 'Comments on form fields',
	'review.pickStep': '(choose a step, or none for the whole flowchart)',
	'review.pickField': '(choose a field, or none for the whole form)',
	'review.commentTarget': 'Comment {n} is about',
	'review.commentText': 'Comment {n}',
	'review.addComment': 'Add another comment',
	'review.approveBlocked': 'There are compiler errors: approval is not possible.',
	'review.onFlow': 'Flowchart',
	'review.onForm': 'Application form',
	'review.onStep': 'Flowchart step “{name}”',
	'review.onField': 'Form field “{name}”',
	'checkpoints.title': 'Audit chain checkpoints',
	'checkpoints.explain':
		'Every action is written to a hash-chained audit log: each record’s hash includes the previous one’s. The sequence number and hash of the log’s end are published here at start-up, every hour the log has grown, and at every freeze. Save any checkpoint; later, look up that record’s hash now: if it differs, the log was truncated or rewritten.',
	'checkpoints.head': 'End of the log now: record {seq}, hash',
	'checkpoints.json': 'Machine-readable (JSON)',
	'checkpoints.lookupTitle': 'Check a saved checkpoint',
	'checkpoints.seq': 'Record number',
	'checkpoints.lookup': 'Look up its hash now',
	'checkpoints.seqInvalid': '“Record number” must be a positive whole number.',
	'checkpoints.seqMissing':
		'The audit log has no record {seq}. If you saved a checkpoint with that number, the log was truncated.',
	'checkpoints.hashNow': 'Hash of record {seq} now:',
	'checkpoints.listTitle': 'Published checkpoints',
	'checkpoints.none': 'No checkpoint has been published yet.',
	'checkpoints.at': 'Published at',
	'checkpoints.hash': 'Hash (SHA-256)',
	'checkpoints.reason': 'Occasion',
	'checkpoints.reason.start': 'Start-up',
	'checkpoints.reason.hourly': 'Hourly',
	'checkpoints.reason.freeze': 'Freeze',
	'frozen.title': 'Frozen version',
	'frozen.inForce':
		'Frozen version in force: version {version}, approved and frozen by the legal office on {date}. New cases run on it.',
	'frozen.inForceWas': 'Version {version} (approved {date})',
	'frozen.hash': 'Content hash (SHA-256)',
	'frozen.download': 'Download the runtime definition',
	'frozen.explain':
		'Every case records the frozen version and content hash it started on; check downloaded files against the hashes in manifest.json.',
	'frozen.earlier': 'Earlier frozen versions ({count}; older cases still in progress run on them)',
	'frozen.none':
		'This item’s flow has not been frozen by the legal office yet and cannot be handled online.',
	'error.BUNDLE_HAS_ERRORS':
		'The bundle has {count} errors and cannot be approved. Return it with what must change.',
	'error.FREEZE_REQUIRED':
		'This version has a flowchart: it must be compiled and frozen to be approved.',
	'error.FREEZE_STALE':
		'The flowchart or form changed during the review. Reload the page and review again.',
	'error.FROZEN_VERSION_EXISTS':
		'Version {version} is already frozen; frozen versions cannot change.',
	'error.FROZEN_VERSION_NOT_FOUND': 'No frozen version of this item was found.',
	'error.FROZEN_IMMUTABLE': 'The files of a frozen version cannot change.',
	'error.FROZEN_PATH_INVALID': 'Invalid item code or version of a frozen version.',
	'error.DEFINITION_TAMPERED':
		'The frozen files of item {item} version {version} do not match what was approved ({problems}); refused and logged.'
};
