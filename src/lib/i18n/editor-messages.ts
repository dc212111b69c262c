/**
 * Messages of the flow designer's editing model: command labels for the undo/redo tooltips
 * (`command.*`, filled from each command's label params), the reasons a connection is refused
 * (`rule.<code>`) and the undo/redo controls (`editor.*`). Merged into the one catalogue;
 * `editorEn` has exactly the keys and placeholders of `editorZh`. `{kind}` is a node kind code:
 * translate it before filling it in.
 */
export const editorZh = {
	'editor.undo': '撤销：{label}',
	'editor.redo': '重做：{label}',
	'editor.nothingToUndo': '没有可撤销的操作',
	'editor.nothingToRedo': '没有可重做的操作',
	'editor.unsaved': '有未保存的修改',

	'command.addNode': '添加节点（{kind}）',
	'command.moveNodes': '移动 {count} 个节点',
	'command.connect': '连接节点',
	'command.deleteElements': '删除 {nodes} 个节点、{edges} 条连线',
	'command.updateNode': '修改节点属性',
	'command.updateEdge': '修改连线属性',
	'command.setDefaultBranch': '设为默认分支',
	'command.paste': '粘贴 {count} 个节点',
	'command.applyLayout': '自动布局',
	'command.renameFlow': '重命名流程图',

	'rule.UNKNOWN_NODE': '连线的起点或终点不存在。',
	'rule.SELF_LOOP': '不能把节点连到它自己。',
	'rule.START_AS_TARGET': '“受理”节点不能有进入的连线。',
	'rule.END_AS_SOURCE': '“办结”节点不能再引出连线。',
	'rule.DUPLICATE_EDGE': '这两个节点之间已有同一方向的连线。'
} as const;

export const editorEn: Record<keyof typeof editorZh, string> = {
	'editor.undo': 'Undo: {label}',
	'editor.redo': 'Redo: {label}',
	'editor.nothingToUndo': 'Nothing to undo',
	'editor.nothingToRedo': 'Nothing to redo',
	'editor.unsaved': 'Unsaved changes',

	'command.addNode': 'Add node ({kind})',
	'command.moveNodes': 'Move {count} node(s)',
	'command.connect': 'Connect nodes',
	'command.deleteElements': 'Delete {nodes} node(s) and {edges} connection(s)',
	'command.updateNode': 'Edit node properties',
	'command.updateEdge': 'Edit connection properties',
	'command.setDefaultBranch': 'Make default branch',
	'command.paste': 'Paste {count} node(s)',
	'command.applyLayout': 'Auto layout',
	'command.renameFlow': 'Rename flowchart',

	'rule.UNKNOWN_NODE': 'The start or end of the connection does not exist.',
	'rule.SELF_LOOP': 'A node cannot be connected to itself.',
	'rule.START_AS_TARGET': 'Nothing may lead into a “Start” (受理) node.',
	'rule.END_AS_SOURCE': 'Nothing may lead out of an “End” (办结) node.',
	'rule.DUPLICATE_EDGE': 'These two nodes are already connected in this direction.'
};
