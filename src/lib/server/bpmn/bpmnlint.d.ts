/** Minimal typings for the parts of `bpmnlint` (a devDependency) that `lint.ts` uses. */
declare module 'bpmnlint' {
	export interface LintReport {
		id?: string;
		message: string;
		category: 'error' | 'warn' | 'info' | 'rule-error';
	}

	export class Linter {
		constructor(options: {
			config: { extends?: string | string[]; rules?: Record<string, unknown> };
			resolver: unknown;
		});
		/** Reports by rule name. */
		lint(definitions: unknown): Promise<Record<string, LintReport[]>>;
	}
}

declare module 'bpmnlint/lib/resolver/node-resolver.js' {
	/** Resolves `bpmnlint:…` configs and rules through Node's module resolution. */
	export default class NodeResolver {
		constructor();
	}
}
