/**
 * bpmnlint's `recommended` rules over BPMN XML, for tests and CI (every exported demo flow must
 * pass). bpmnlint is a devDependency and resolves its rules at run time from the working
 * directory: import this module from tests and scripts only, never from a route (it is then not
 * part of the production build).
 */
import { Linter } from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';
import { createModdle } from './moddle';

export interface LintResult {
	/** `<element id>: <message> (<rule>)`; XML the model cannot read counts as an error too. */
	errors: string[];
	warnings: string[];
}

export async function lintBpmn(xml: string): Promise<LintResult> {
	const { rootElement, warnings: xmlWarnings } = await createModdle().fromXML(
		xml,
		'bpmn:Definitions'
	);
	const errors = xmlWarnings.map((w) => `xml: ${w.message.replace(/\s+/g, ' ')}`);
	const warnings: string[] = [];
	const linter = new Linter({
		config: { extends: 'bpmnlint:recommended' },
		resolver: new NodeResolver()
	});
	const reports = await linter.lint(rootElement);
	for (const [rule, list] of Object.entries(reports)) {
		for (const report of list) {
			const line = `${report.id ?? '?'}: ${report.message} (${rule})`;
			if (report.category === 'warn' || report.category === 'info') warnings.push(line);
			else errors.push(line);
		}
	}
	return { errors, warnings };
}
