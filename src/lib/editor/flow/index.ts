/**
 * The flow designer's editing model: every edit of a `FlowDocument` is a command run on a
 * `CommandStack`, which makes undo and redo exact; rules say what may be connected. Plain
 * TypeScript, free of Svelte and @xyflow.
 */
export {
	CompositeCommand,
	type Command,
	type CommandLabel,
	type EditorMessageKey
} from './command';
export { CommandStack, DEFAULT_MAX_DEPTH, type StackChange } from './command-stack';
export {
	canConnect,
	deletionScope,
	CONNECT_RULE_CODES,
	type ConnectRuleCode,
	type RuleVerdict
} from './rules';
export { copySelection, isEmptyClipboard, type FlowClipboard } from './clipboard';
export { snap, translate } from './geometry';
export { IdAllocator } from './ids';
export { deepCopy, deepEqual } from './plain';
export { AddNodeCommand } from './commands/add-node';
export { MoveNodesCommand } from './commands/move-nodes';
export { ConnectCommand } from './commands/connect';
export { DeleteElementsCommand } from './commands/delete-elements';
export { UpdateNodeCommand, type NodePatch } from './commands/update-node';
export { UpdateEdgeCommand, setDefaultBranch, type EdgePatch } from './commands/update-edge';
export { PasteCommand, PASTE_OFFSET } from './commands/paste';
export { ApplyLayoutCommand } from './commands/apply-layout';
export { RenameFlowCommand } from './commands/rename-flow';
