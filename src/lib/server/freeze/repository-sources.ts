/**
 * The bundles of the items under `flows/` (the demo county's sources in the repository): each
 * item with a flowchart `flows/items/<code>.flow.json`, its form `<code>.form.json` when there is
 * one, and its catalogue entry `flows/catalogue/<code>.json` (version 1). The organisation model
 * is the demo county's. `npm run freeze` compiles these into `generated/`.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { compileBundle } from '../../compiler/index';
import { normalizeContent } from '../../domain/catalogue/normalize';
import type { ApprovalInfo, BundleSource, OrgModel } from '../../compiler/types';
import type { FlowDocument } from '../../domain/flow/types';
import type { FormDocument } from '../../domain/form/types';
import { readCatalogueSources, readDesignSources } from '../catalogue/sources';
import { DEMO_DEPARTMENTS } from '../services/seed-service';
import { readVersionFiles, sameFiles, verifyFiles, versionDir, writeVersionFiles } from './files';

export const DEMO_ORG: OrgModel = {
	departments: DEMO_DEPARTMENTS.map((d) => ({
		code: d.code,
		name: d.name,
		posts: d.posts.map((p) => ({ code: p.code, name: p.name }))
	}))
};

export interface RepositoryBundle {
	source: BundleSource;
	approval: ApprovalInfo;
}

/** Who approved what is frozen from the repository: its history is the record. */
export const REPOSITORY_APPROVER = '仓库源文件（flows/）';

export function readRepositoryBundles(root = '.'): RepositoryBundle[] {
	const catalogue = new Map(
		readCatalogueSources(`${root}/flows/catalogue`).map((f) => [f.source.code, f])
	);
	const designs = readDesignSources(`${root}/flows/items`);
	const byItem = new Map<string, { flow?: FlowDocument; form?: FormDocument }>();
	for (const d of designs) {
		const entry = byItem.get(d.document.item) ?? {};
		if (d.kind === 'flow') entry.flow = d.document as unknown as FlowDocument;
		else entry.form = d.document as unknown as FormDocument;
		byItem.set(d.document.item, entry);
	}
	const out: RepositoryBundle[] = [];
	for (const [code, d] of [...byItem].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		if (!d.flow) continue;
		const c = catalogue.get(code);
		if (!c) throw new Error(`flows/items 中的 ${code} 在 flows/catalogue 中没有对应的目录条目`);
		out.push({
			source: {
				item: {
					code,
					version: 1,
					department: c.source.department,
					content: normalizeContent(c.source.content)
				},
				flow: d.flow,
				form: d.form ?? null,
				org: DEMO_ORG
			},
			approval: { by: REPOSITORY_APPROVER, at: c.source.publishedAt, record: null }
		});
	}
	return out;
}

// ── npm run freeze ───────────────────────────────────────────────────────────

export interface FreezeReport {
	/** Lines to print, in order. */
	lines: string[];
	/** Whether the run failed (diagnostics with errors; with `check`, a stale or edited `generated/`). */
	failed: boolean;
}

/**
 * Compiles every repository bundle. Without `check`, writes `<out>/<code>/v<n>/` (replacing what
 * was built from older sources) and removes version folders no source gives any more. With
 * `check`, writes nothing and fails when any folder differs from what the sources compile to, a
 * file does not match its manifest, or a folder has no source.
 */
export async function freezeRepository(opts: {
	root?: string;
	out?: string;
	check?: boolean;
}): Promise<FreezeReport> {
	const root = opts.root ?? '.';
	const out = opts.out ?? join(root, 'generated');
	const lines: string[] = [];
	let failed = false;
	const expected = new Set<string>();
	for (const { source, approval } of readRepositoryBundles(root)) {
		const label = `${source.item.code} v${source.item.version}`;
		const result = await compileBundle(source, approval);
		for (const d of result.diagnostics)
			lines.push(
				`${d.severity === 'error' ? '错误' : '提示'} ${label} [${d.source}.${d.code}]${d.nodeId ? ` 节点 ${d.nodeId}` : ''}${d.path ? ` ${d.path}` : ''}：${d.message}`
			);
		if (!result.ok) {
			failed = true;
			continue;
		}
		const dir = versionDir(out, source.item.code, source.item.version);
		expected.add(dir);
		if (opts.check) {
			const onDisk = readVersionFiles(dir);
			const tampered = onDisk ? verifyFiles(onDisk) : [];
			if (!onDisk) lines.push(`过期 ${label}：${dir} 尚未生成，请运行 npm run freeze`);
			else if (tampered.length) lines.push(`被改动 ${label}：${tampered.join('；')}`);
			else if (!sameFiles(onDisk, result.files))
				lines.push(`过期 ${label}：${dir} 与源文件编译结果不一致，请运行 npm run freeze`);
			else {
				lines.push(`一致 ${label} ${result.contentHash}`);
				continue;
			}
			failed = true;
		} else {
			const how = writeVersionFiles(dir, result.files, { replace: true });
			lines.push(`${how === 'unchanged' ? '未变' : '已生成'} ${label} ${result.contentHash}`);
		}
	}
	for (const dir of existingVersionDirs(out))
		if (!expected.has(dir)) {
			if (opts.check) {
				failed = true;
				lines.push(`多余 ${dir}：flows/ 中没有对应的源文件`);
			} else {
				rmSync(dir, { recursive: true, force: true });
				lines.push(`已删除 ${dir}（flows/ 中没有对应的源文件）`);
			}
		}
	return { lines, failed };
}

function existingVersionDirs(out: string): string[] {
	if (!existsSync(out)) return [];
	const dirs: string[] = [];
	for (const item of readdirSync(out, { withFileTypes: true }))
		if (item.isDirectory())
			for (const v of readdirSync(join(out, item.name), { withFileTypes: true }))
				if (v.isDirectory()) dirs.push(join(out, item.name, v.name));
	return dirs.sort();
}
