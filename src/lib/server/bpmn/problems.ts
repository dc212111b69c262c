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
		? C extends `${'type' | 'element' | 'summary'}.${string}`
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

/** `{element}`: the element by its name with its id once in brackets (by id alone if unnamed). */
function elementLabel(locale: Locale, id: string, name: string | undefined): string {
	if (!id) return name ?? '';
	return name
		? translate(locale, 'bpmn.element.named', { name, id })
		: translate(locale, 'bpmn.element.unnamed', { id });
}

/** The text of a problem in `locale`. */
export function problemMessage(locale: Locale, problem: Omit<BpmnProblem, 'message'>): string {
	const key: MessageKey = `bpmn.${problem.code}`;
	const { params } = problem;
	return translate(locale, key, {
		...params,
		element: elementLabel(locale, problem.element, params.name),
		what: typeLabel(locale, problem.type)
	});
}

/** `problems` with each element's name (from `names`, by id) in its message. */
export function withNames(
	problems: readonly BpmnProblem[],
	names: (id: string) => string | undefined
): BpmnProblem[] {
	return problems.map((p) => {
		const name = p.element ? names(p.element)?.trim() : undefined;
		if (!name || p.params.name) return p;
		const named = { ...p, params: { ...p.params, name } };
		return { ...named, message: problemMessage('zh', named) };
	});
}

/** What the studio shows: blocking errors first (with their count), then the warnings. */
export function importReport(locale: Locale, problems: readonly BpmnProblem[]) {
	const errors = problems.filter((p) => p.severity === 'error');
	const warnings = problems.filter((p) => p.severity !== 'error');
	return {
		errors: errors.length,
		heading: errors.length
			? translate(locale, warnings.length ? 'bpmn.summary.refused' : 'bpmn.summary.refusedOnly', {
					count: String(errors.length)
				})
			: '',
		problems: [...errors, ...warnings].map((p) => ({
			severity: p.severity,
			element: p.element,
			message: problemMessage(locale, p)
		}))
	};
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
