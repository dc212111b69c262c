/**
 * What BPMN import found and could not take over as is. Errors mean the imported flow would not
 * mean what the file means (the studio then refuses the import); warnings mean something was
 * left out or adapted without changing which steps run in which order. Errors: unsupported flow
 * nodes (other gateways, sub-processes, call activities, intermediate and boundary events), loop
 * and multi-instance settings, a second process with flow elements, content the BPMN model could
 * not parse, no process at all, text that is not BPMN. Warnings: everything else (lanes, pools,
 * message flows, data objects, annotations, groups, documentation, other tools' extensions,
 * event definitions on start/end, foreign conditions, task types mapped, merges folded, ...).
 */
import { translate, hasMessage, type Locale, type MessageKey } from '../../i18n';
import type { bpmnZh } from '../../i18n/bpmn-messages';

type BpmnKey = keyof typeof bpmnZh;

/** Problem codes: the message of a code is `bpmn.<CODE>`. */
export type BpmnProblemCode = BpmnKey extends infer K
	? K extends `bpmn.${infer C}`
		? C extends `type.${string}`
			? never
			: C
		: never
	: never;

export interface BpmnProblem {
	code: BpmnProblemCode;
	severity: 'error' | 'warning';
	/** Id of the BPMN element concerned; '' for the document as a whole. */
	element: string;
	/** Its BPMN type (e.g. `bpmn:InclusiveGateway`); '' when not applicable. */
	type: string;
	/** The Chinese text; `problemMessage` renders it in another locale. */
	message: string;
	/** The message's placeholder values. */
	params: Record<string, string>;
}

/** `{what}`: the name of a BPMN type in `locale` (`bpmn.type.<Name>`, else a generic word). */
function typeLabel(locale: Locale, type: string): string {
	const key = `bpmn.type.${type.replace(/^bpmn:/, '')}`;
	return translate(locale, hasMessage(key) ? key : 'bpmn.type.other');
}

/** The text of a problem in `locale`. */
export function problemMessage(locale: Locale, problem: Omit<BpmnProblem, 'message'>): string {
	const key: MessageKey = `bpmn.${problem.code}`;
	return translate(locale, key, { ...problem.params, what: typeLabel(locale, problem.type) });
}

/** A problem with its Chinese message; `element` and `type` are also placeholders. */
export function problem(
	code: BpmnProblemCode,
	severity: BpmnProblem['severity'],
	element: string,
	type = '',
	params: Record<string, string> = {}
): BpmnProblem {
	const base = { code, severity, element, type, params: { element, type, ...params } };
	return { ...base, message: problemMessage('zh', base) };
}
