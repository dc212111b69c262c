/**
 * Short readable texts of flowchart property values, for the change table of FlowDiff: a reviewer
 * reads “承办岗位：受理岗 → 审查岗”, not JSON.
 */
import type { EdgeDiffProp, NodeDiffProp } from '$lib/domain/diff/flow-diff';
import type { Condition, FlowEdge, FlowNode } from '$lib/domain/flow/types';
import type { MessageKey } from '$lib/i18n';
import { t } from '$lib/i18n/t.svelte';

/** Longest text shown in a table cell before it is cut (duties and rights can be paragraphs). */
export const SHORT_LIMIT = 120;

/** The text, cut at SHORT_LIMIT characters with a note of its full length. */
export function short(text: string): string {
	const chars = [...text.trim()];
	if (chars.length <= SHORT_LIMIT) return chars.join('');
	return chars.slice(0, SHORT_LIMIT).join('') + '…' + t('diff.truncated', { n: chars.length });
}

const orEmpty = (text: string) => (text.trim() ? short(text) : t('diff.empty'));

/** A step's name as drawn: its name, or its kind's label when unnamed. */
export const nodeLabel = (n: FlowNode) => n.name.trim() || t(`flowKind.${n.kind}`);

export function nodeValue(
	n: FlowNode,
	prop: NodeDiffProp,
	postName: (n: FlowNode) => string
): string {
	switch (prop) {
		case 'kind':
			return t(`flowKind.${n.kind}`);
		case 'post':
			return n.post.trim() ? short(postName(n)) : t('diff.empty');
		case 'timeLimitDays':
			return n.timeLimitDays === null || n.timeLimitDays === undefined
				? t('diff.empty')
				: t('flowView.days', { n: n.timeLimitDays });
		case 'control': {
			const c = n.control;
			if (!c) return t('diff.empty');
			const head = t(`control.${c.kind}`) + (c.secondPerson ? t('flowView.secondPerson') : '');
			return c.description.trim() ? `${head}：${short(c.description)}` : head;
		}
		case 'outcome':
			return n.outcome ? t(`endOutcome.${n.outcome}`) : t('diff.empty');
		default:
			return orEmpty(String(n[prop] ?? ''));
	}
}

/** The properties worth listing for a step that was added or removed: the ones with a value. */
export function nodeOutline(n: FlowNode): NodeDiffProp[] {
	const props: NodeDiffProp[] = ['kind'];
	if (n.department.trim()) props.push('department');
	if (n.post.trim()) props.push('post');
	if (n.timeLimitDays !== null && n.timeLimitDays !== undefined) props.push('timeLimitDays');
	if (n.control) props.push('control');
	if (n.outcome) props.push('outcome');
	return props;
}

export function edgeValue(
	e: FlowEdge,
	prop: EdgeDiffProp,
	nodeName: (id: string) => string,
	fieldLabel: (id: string) => string
): string {
	switch (prop) {
		case 'source':
		case 'target':
			return nodeName(e[prop]);
		case 'condition':
			return e.condition ? short(conditionText(e.condition, fieldLabel)) : t('diff.empty');
		case 'isDefault':
			return e.isDefault ? t('diff.yes') : t('diff.no');
		case 'outcome':
			return orEmpty(e.outcome);
	}
}

/** The properties worth listing for a connection that was added or removed. */
export function edgeOutline(e: FlowEdge): EdgeDiffProp[] {
	const props: EdgeDiffProp[] = [];
	if (e.outcome.trim()) props.push('outcome');
	if (e.condition) props.push('condition');
	if (e.isDefault) props.push('isDefault');
	return props;
}

/** “金额 大于 100 且 类型 属于 个人、企业”; nested groups in parentheses. */
export function conditionText(c: Condition, fieldLabel: (id: string) => string): string {
	const group = (list: Condition[], joiner: MessageKey) =>
		list
			.map((x) => {
				const text = conditionText(x, fieldLabel);
				return 'all' in x || 'any' in x ? `（${text}）` : text;
			})
			.join(` ${t(joiner)} `);
	if ('all' in c) return group(c.all, 'diff.flow.cond.all');
	if ('any' in c) return group(c.any, 'diff.flow.cond.any');
	const field = fieldLabel(c.field);
	if (c.op === 'empty' || c.op === 'not_empty') return `${field} ${t(`conditionOp.${c.op}`)}`;
	if (c.op === 'in') {
		const list = Array.isArray(c.value) ? c.value.join('、') : String(c.value ?? '');
		return `${field} ${t('diff.flow.cond.in')} ${list}`;
	}
	return `${field} ${t(`conditionOp.${c.op}`)} ${String(c.value ?? '')}`;
}
