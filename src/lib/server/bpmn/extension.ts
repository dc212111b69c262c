/**
 * Our node properties in BPMN, in the node's `bpmn:extensionElements`:
 *
 * ```xml
 * <sunlit:properties kind="task" department="SCJG" post="SL" timeLimitDays="20" outcome="approve">
 *   <sunlit:duty>…</sunlit:duty> <sunlit:rights>…</sunlit:rights>
 *   <sunlit:complaint>…</sunlit:complaint>
 *   <sunlit:control kind="legal_review" secondPerson="true"><sunlit:description>…</sunlit:description></sunlit:control>
 * </sunlit:properties>
 * ```
 *
 * Empty texts and null values are left out; reading treats what is missing as empty / null.
 * Free texts are elements (not attributes) so line breaks survive.
 */
import { CONTROL_KINDS, END_OUTCOMES } from '../../domain/flow/types';
import type { ControlPoint, EndOutcome, FlowNode } from '../../domain/flow/types';
import { bool, child, isOneOf, list, num, str, xmlText, type ModdleElement } from './moddle';
import type { BpmnModdle } from 'bpmn-moddle';

/** The `sunlit:Properties` element of a node; `kind` may be an extra kind such as `merge`. */
export function writeProperties(moddle: BpmnModdle, node: FlowNode): ModdleElement {
	const props = moddle.create('sunlit:Properties', { kind: node.kind });
	const texts = { department: node.department, post: node.post } as const;
	for (const [name, value] of Object.entries(texts)) if (value) props.set(name, xmlText(value));
	if (node.timeLimitDays !== null) props.set('timeLimitDays', node.timeLimitDays);
	if (node.outcome !== null) props.set('outcome', node.outcome);
	const bodies = { duty: node.duty, rights: node.rights, complaint: node.complaint } as const;
	for (const [name, value] of Object.entries(bodies)) if (value) props.set(name, xmlText(value));
	if (node.control) props.set('control', writeControl(moddle, node.control));
	return props;
}

function writeControl(moddle: BpmnModdle, control: ControlPoint): ModdleElement {
	const el = moddle.create('sunlit:Control', {
		kind: control.kind,
		secondPerson: control.secondPerson
	});
	if (control.description) el.set('description', xmlText(control.description));
	return el;
}

/** The first `sunlit:Properties` in an element's extension elements. */
export function findProperties(el: ModdleElement): ModdleElement | undefined {
	const ext = child(el, 'extensionElements');
	return ext ? list(ext, 'values').find((v) => v.$type === 'sunlit:Properties') : undefined;
}

/** Extension elements of other tools (anything but ours), by type. */
export function foreignExtensions(el: ModdleElement): string[] {
	const ext = child(el, 'extensionElements');
	const types = ext ? list(ext, 'values').map((v) => v.$type) : [];
	return [...new Set(types.filter((t) => !t.startsWith('sunlit:')))];
}

/** Node properties read from `sunlit:Properties`, each checked; `invalid` lists what was not. */
export interface ReadProperties {
	kind: string | undefined;
	values: Pick<
		FlowNode,
		'department' | 'post' | 'duty' | 'rights' | 'complaint' | 'timeLimitDays' | 'control'
	> & { outcome: EndOutcome | undefined };
	invalid: { property: string; value: string }[];
}

export function readProperties(props: ModdleElement | undefined): ReadProperties {
	const invalid: ReadProperties['invalid'] = [];
	const text = (name: string) => (props ? (str(props, name) ?? '') : '');
	const rawLimit = props?.get('timeLimitDays');
	const limit = props ? num(props, 'timeLimitDays') : undefined;
	const timeLimitDays = limit !== undefined && limit >= 0 ? limit : null;
	if (rawLimit !== undefined && timeLimitDays === null) {
		invalid.push({ property: 'timeLimitDays', value: String(rawLimit) });
	}
	const rawOutcome = props ? str(props, 'outcome') : undefined;
	const outcome = isOneOf(END_OUTCOMES, rawOutcome) ? rawOutcome : undefined;
	if (rawOutcome !== undefined && !outcome)
		invalid.push({ property: 'outcome', value: rawOutcome });
	return {
		kind: props ? str(props, 'kind') : undefined,
		values: {
			department: text('department'),
			post: text('post'),
			duty: text('duty'),
			rights: text('rights'),
			complaint: text('complaint'),
			timeLimitDays,
			control: readControl(props && child(props, 'control'), invalid),
			outcome
		},
		invalid
	};
}

function readControl(
	el: ModdleElement | undefined,
	invalid: ReadProperties['invalid']
): ControlPoint | null {
	if (!el) return null;
	const kind = str(el, 'kind') ?? '';
	if (!isOneOf(CONTROL_KINDS, kind)) {
		invalid.push({ property: 'control.kind', value: kind });
		return null;
	}
	return {
		kind,
		description: str(el, 'description') ?? '',
		secondPerson: bool(el, 'secondPerson') ?? false
	};
}
