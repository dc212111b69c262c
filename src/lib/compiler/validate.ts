/**
 * Stage 1, validate: every problem of the bundle, before anything is emitted. The designer's lint
 * rules (the same `lintFlow` the studio runs live, with the entry's promised time limit and the
 * form's fields), the catalogue entry's and the form definition's own checks, and cross-checks
 * of the three: the flow and form belong to the item, every department and post of a step exists
 * in the organisation model, every upload field provides one of the entry's materials.
 */
import { validateContent } from '../domain/catalogue/validate';
import { lintFlow } from '../domain/flow/lint';
import type { FlowNode } from '../domain/flow/types';
import { validateFormDefinition } from '../domain/form/validate-definition';
import { translate, type Locale, type MessageKey, type Params } from '../i18n/index';
import { pathLabel } from '../i18n/catalogue-paths';
import type { BundleSource, Diagnostic, DiagnosticSeverity, DiagnosticSource } from './types';

/** Codes of the bundle cross-checks (message key `compiler.<CODE>`). */
export const BUNDLE_CODES = [
	'FLOW_MISSING',
	'FLOW_ITEM_MISMATCH',
	'FORM_ITEM_MISMATCH',
	'DEPARTMENT_UNKNOWN',
	'POST_UNKNOWN',
	'MATERIAL_NO_UPLOAD'
] as const;
export type BundleCode = (typeof BUNDLE_CODES)[number];

const BUNDLE_WARNINGS: ReadonlySet<string> = new Set<BundleCode>(['MATERIAL_NO_UPLOAD']);

/** `locale` is the language of the messages (Chinese unless the reader asked for another). */
export function validateBundle(src: BundleSource, locale: Locale = 'zh'): Diagnostic[] {
	const zh = (key: string, params: Params = {}) => translate(locale, key as MessageKey, params);
	const displayName = (node: FlowNode | undefined): string =>
		!node ? '' : node.name.trim() || zh(`flowKind.${node.kind}`);
	const out: Diagnostic[] = [];
	const content = src.item.content;
	const nodeName = new Map<string, FlowNode>(
		(src.flow?.semantics.nodes ?? []).map((n) => [n.id, n])
	);
	const push = (
		source: DiagnosticSource,
		severity: DiagnosticSeverity,
		code: string,
		message: string,
		at: Pick<Diagnostic, 'path' | 'nodeId' | 'edgeId' | 'params'> = {}
	) => out.push({ code, source, severity, ...at, message });
	const bundle = (code: BundleCode, at: Pick<Diagnostic, 'path' | 'nodeId' | 'params'> = {}) => {
		const name = at.nodeId ? displayName(nodeName.get(at.nodeId)) : '';
		push(
			'bundle',
			BUNDLE_WARNINGS.has(code) ? 'warning' : 'error',
			code,
			zh(`compiler.${code}`, { ...(at.params ?? {}), name }),
			at
		);
	};

	for (const issue of validateContent(content))
		push(
			'entry',
			'error',
			issue.code,
			zh(`validation.${issue.code}`, {
				field: pathLabel(issue.field, zh),
				...(issue.params ?? {})
			}),
			{ path: issue.field, ...(issue.params ? { params: issue.params } : {}) }
		);

	const materials = content.materials.map((m) => m.name.trim());
	if (src.form) {
		for (const issue of validateFormDefinition(src.form, { materials }))
			push('form', 'error', issue.code, zh(`formDef.${issue.code}`, issue.params ?? {}), {
				path: issue.field,
				...(issue.params ? { params: issue.params } : {})
			});
		if (src.form.item !== src.item.code)
			bundle('FORM_ITEM_MISMATCH', { params: { item: src.form.item } });
	}

	if (!src.flow) bundle('FLOW_MISSING');
	else {
		if (src.flow.item !== src.item.code)
			bundle('FLOW_ITEM_MISMATCH', { params: { item: src.flow.item } });
		const formFields = (src.form?.fields ?? []).map((f) => f.id);
		for (const issue of lintFlow(src.flow.semantics, {
			promisedDays: content.promisedDays,
			formFields
		})) {
			const name = displayName(issue.nodeId ? nodeName.get(issue.nodeId) : undefined);
			push(
				'flow',
				issue.severity,
				issue.code,
				zh(`lint.${issue.code}`, { name, ...issue.params }),
				{
					...(issue.nodeId ? { nodeId: issue.nodeId } : {}),
					...(issue.edgeId ? { edgeId: issue.edgeId } : {}),
					...(issue.params ? { params: issue.params } : {})
				}
			);
		}
		const departments = new Map(src.org.departments.map((d) => [d.code, d]));
		for (const node of src.flow.semantics.nodes) {
			const department = node.department.trim();
			const post = node.post.trim();
			if (!department) continue; // required ones are lint's TASK_NO_DEPARTMENT
			const d = departments.get(department);
			if (!d) bundle('DEPARTMENT_UNKNOWN', { nodeId: node.id, params: { department } });
			else if (post && !d.posts.some((p) => p.code === post))
				bundle('POST_UNKNOWN', {
					nodeId: node.id,
					params: { department: d.name, post }
				});
		}
	}

	// An item applied for online needs an upload for each required material (the online form
	// itself provides the material named like it, e.g. 政府信息公开申请表).
	if (content.onlineApply) {
		const uploaded = new Set(
			(src.form?.fields ?? [])
				.flatMap((f) => (f.kind === 'group' ? (f.fields ?? []) : [f]))
				.filter((f) => f.kind === 'file' && f.material)
				.map((f) => f.material!.trim())
		);
		content.materials.forEach((m, i) => {
			const name = m.name.trim();
			if (m.required && !uploaded.has(name) && name !== src.form?.title.trim())
				bundle('MATERIAL_NO_UPLOAD', {
					path: `materials.${i}.name`,
					params: { material: name }
				});
		});
	}
	return sortDiagnostics(out);
}

const SOURCE_RANK: Record<DiagnosticSource, number> = { entry: 0, form: 1, flow: 2, bundle: 3 };

/** Errors first, then by source; each source's own order (already deterministic) is kept. */
function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
	return list
		.map((d, i) => ({ d, i }))
		.sort(
			(a, b) =>
				Number(a.d.severity === 'warning') - Number(b.d.severity === 'warning') ||
				SOURCE_RANK[a.d.source] - SOURCE_RANK[b.d.source] ||
				a.i - b.i
		)
		.map((x) => x.d);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
	return diagnostics.some((d) => d.severity === 'error');
}
