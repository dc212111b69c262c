/**
 * Minimal typings for `bpmn-moddle`, which ships none for its main entry. Elements are typed
 * loosely on purpose: read them through the accessors in `moddle.ts`, never by casting.
 */
declare module 'bpmn-moddle' {
	/** A model element (BPMN, DI or extension); `$type` is its qualified type, e.g. `bpmn:Task`. */
	export interface ModdleElement {
		readonly $type: string;
		$parent?: ModdleElement;
		/** Attributes the model does not know (foreign namespaces, typos), by qualified name. */
		$attrs: Record<string, string>;
		id?: string;
		get(name: string): unknown;
		set(name: string, value: unknown): void;
		$instanceOf(type: string): boolean;
	}

	export interface ParseWarning {
		message: string;
		element?: ModdleElement;
		property?: string;
		value?: unknown;
		error?: Error;
	}

	export interface ParseResult {
		rootElement: ModdleElement;
		elementsById: Record<string, ModdleElement>;
		warnings: ParseWarning[];
	}

	export class BpmnModdle {
		/** `packages`: extra moddle descriptors by prefix, e.g. `{ sunlit: descriptor }`. */
		constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
		create(type: string, attrs?: Record<string, unknown>): ModdleElement;
		/** Rejects when the text is not XML or not a `bpmn:Definitions` document. */
		fromXML(xml: string, typeName?: string): Promise<ParseResult>;
		toXML(
			element: ModdleElement,
			options?: { format?: boolean; preamble?: boolean }
		): Promise<{ xml: string }>;
	}
}
