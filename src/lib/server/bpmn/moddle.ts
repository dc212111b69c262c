/**
 * The BPMN model shared by export, import and lint: bpmn-moddle with our extension package
 * (`sunlit.json`), the constants of our encoding, and typed accessors for model elements.
 */
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import sunlitDescriptor from './sunlit.json';

export type { ModdleElement };

/** Namespace of our extension elements (`sunlit:properties`, `sunlit:control`). */
export const SUNLIT_URI = sunlitDescriptor.uri;

/**
 * `language` of a `bpmn:FormalExpression` whose body is one of our structured conditions as JSON
 * (a `Condition` of the flow model). Data, never code: nothing evaluates it as an expression.
 */
export const CONDITION_LANGUAGE = 'application/vnd.sunlit.condition+json';

/**
 * `kind` of an exclusive gateway that exists in BPMN only: it merges the flows into a node with
 * several incoming flows (an implicit join in BPMN); import folds it back into those flows.
 */
export const MERGE_KIND = 'merge';

/** A fresh model with the BPMN, DI and sunlit packages. */
export function createModdle(): BpmnModdle {
	return new BpmnModdle({ sunlit: sunlitDescriptor });
}

function isElement(value: unknown): value is ModdleElement {
	return typeof value === 'object' && value !== null && '$type' in value;
}

/** Whether `el` is of `type` or a subtype (`bpmn:Task` for a `bpmn:UserTask`). */
export function is(el: ModdleElement, type: string): boolean {
	return typeof el.$instanceOf === 'function' ? el.$instanceOf(type) : el.$type === type;
}

/** The elements of a many-valued property; [] when unset. */
export function list(el: ModdleElement, property: string): ModdleElement[] {
	const value = el.get(property);
	return Array.isArray(value) ? value.filter(isElement) : [];
}

/** A single-valued element property or reference; undefined when unset. */
export function child(el: ModdleElement, property: string): ModdleElement | undefined {
	const value = el.get(property);
	return isElement(value) ? value : undefined;
}

/** A string-valued property; undefined when unset. */
export function str(el: ModdleElement, property: string): string | undefined {
	const value = el.get(property);
	return typeof value === 'string' ? value : undefined;
}

/** A number-valued property; undefined when unset or not a finite number. */
export function num(el: ModdleElement, property: string): number | undefined {
	const value = el.get(property);
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A boolean-valued property; undefined when unset. */
export function bool(el: ModdleElement, property: string): boolean | undefined {
	const value = el.get(property);
	return typeof value === 'boolean' ? value : undefined;
}

/** Whether `value` is one of `values` (a literal union's members). */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
	return (values as readonly unknown[]).includes(value);
}

/** XML 1.0 cannot carry most control characters; they are dropped, and CR LF becomes LF. */
export function xmlText(text: string): string {
	return (
		text
			.replace(/\r\n?/g, '\n')
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
	);
}

/** An NCName in ASCII, which every XML tool accepts as an id. */
export const ASCII_NCNAME = /^[A-Za-z_][\w.-]*$/;

/** Gives out ids unique within one document, preferring the one asked for. */
export class IdAllocator {
	private readonly used = new Set<string>();

	/** `wanted` if it is an ASCII NCName not yet given out, else `${fallback}_<n>`. */
	take(wanted: string, fallback: string): string {
		if (ASCII_NCNAME.test(wanted) && !this.used.has(wanted)) {
			this.used.add(wanted);
			return wanted;
		}
		for (let n = 1; ; n++) {
			const id = `${fallback}_${n}`;
			if (!this.used.has(id)) {
				this.used.add(id);
				return id;
			}
		}
	}
}

/** The text made a valid NCName tail: characters outside `[A-Za-z0-9_.-]` become `_`. */
export function ncnameTail(text: string): string {
	return text.replace(/[^\w.-]/g, '_');
}
