import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileBundle, STAGES, withApproval, type Expr } from '../../src/lib/compiler';
import { evaluate } from '../../src/lib/compiler/expr';
import type { BundleSource, RuntimeDefinition } from '../../src/lib/compiler/types';
import { createValidator } from '../../src/lib/forms/ajv';
import {
	DefinitionTamperedError,
	loadVerifiedDefinition,
	verifyFiles,
	writeVersionFiles
} from '../../src/lib/server/freeze/files';
import { freezeRepository } from '../../src/lib/server/freeze/repository-sources';
import { GOLDEN_CASES, goldenInput } from './golden';

const tmp = mkdtempSync(join(tmpdir(), 'sunlit-compiler-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function compiled(name: string) {
	const { source, approval } = goldenInput(name);
	const r = await compileBundle(source, approval);
	if (!r.ok) throw new Error(`${name} did not compile`);
	return r;
}

function deepFreeze<T>(v: T): T {
	if (v && typeof v === 'object') {
		Object.freeze(v);
		for (const x of Object.values(v)) deepFreeze(x);
	}
	return v;
}

describe('freeze compiler', () => {
	it('runs the four named stages in order', () => {
		expect(STAGES).toEqual(['validate', 'normalize', 'lower', 'emit']);
	});

	it('is idempotent: compiling twice gives identical bytes', async () => {
		for (const name of GOLDEN_CASES) {
			const { source, approval } = goldenInput(name);
			const a = await compileBundle(source, approval);
			const b = await compileBundle(source, approval);
			expect(JSON.stringify(b), name).toBe(JSON.stringify(a));
		}
	});

	it('does not change its input', async () => {
		for (const name of GOLDEN_CASES) {
			const { source, approval } = goldenInput(name);
			const before = JSON.stringify(source);
			// Frozen objects make any write throw in strict mode; the JSON comparison catches the rest.
			await compileBundle(deepFreeze(source), approval);
			expect(JSON.stringify(source), name).toBe(before);
		}
	});

	it('gives the same definition whatever order nodes and edges are stored in, and ignores layout', async () => {
		const { source, approval } = goldenInput('04-parallel-joint');
		const a = await compileBundle(source, approval);
		const flow = structuredClone(source.flow)!;
		flow.semantics.nodes.reverse();
		flow.semantics.edges.reverse();
		flow.layout.nodes = { n1: { x: 500, y: 20 } };
		const b = await compileBundle({ ...source, flow }, approval);
		expect(a.ok && b.ok).toBe(true);
		if (a.ok && b.ok) {
			expect(b.files['definition.json']).toBe(a.files['definition.json']);
			expect(b.contentHash).toBe(a.contentHash);
			expect(b.sourceHash).not.toBe(a.sourceHash); // the sources did change
		}
	});

	it('a semantic change changes the content hash; the approval changes only the manifest', async () => {
		const { source, approval } = goldenInput('01-linear');
		const a = await compiled('01-linear');
		const flow = structuredClone(source.flow)!;
		flow.semantics.nodes.find((n) => n.id === 'n2')!.timeLimitDays = 1;
		const b = await compileBundle({ ...source, flow }, approval);
		expect(b.ok && b.contentHash).not.toBe(a.contentHash);
		const other = withApproval(a.files, { by: '另一人', at: '2026-11-21', record: 7 });
		for (const f of ['definition.json', 'form.schema.json', 'types.ts'])
			expect(other[f]).toBe(a.files[f]);
		expect(other['manifest.json']).not.toBe(a.files['manifest.json']);
		expect(verifyFiles(other)).toEqual([]);
	});

	it('refuses a bundle with errors and emits nothing', async () => {
		const { source, approval } = goldenInput('08-rejected');
		const r = await compileBundle(source, approval);
		expect(r.ok).toBe(false);
		expect('files' in r).toBe(false);
		const codes = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
		expect(codes).toEqual(
			expect.arrayContaining(['POST_UNKNOWN', 'DEPARTMENT_UNKNOWN', 'MATERIAL_UNKNOWN'])
		);
		for (const d of r.diagnostics) expect(d.message.length, d.code).toBeGreaterThan(5);
	});

	it('refuses a bundle without a flowchart', async () => {
		const { source, approval } = goldenInput('01-linear');
		const r = await compileBundle({ ...source, flow: null } as BundleSource, approval);
		expect(r.ok).toBe(false);
		expect(r.diagnostics.map((d) => d.code)).toContain('FLOW_MISSING');
	});

	it('lowers parallel joint processing with the join expecting every branch of its split', async () => {
		const r = await compiled('04-parallel-joint');
		const def = JSON.parse(r.files['definition.json']!) as RuntimeDefinition;
		const split = def.nodes.n2!;
		const join = def.nodes.n6!;
		expect(split.kind === 'parallel_split' && split.join).toBe('n6');
		expect(join.kind === 'parallel_join' && join.expects).toEqual(['e2', 'e3']);
		const task = def.nodes.n4!;
		expect(task.kind === 'task' && task.department.name).toBe('县自然资源局');
	});

	it('emits types.ts that compile under tsc --strict', () => {
		const dir = join(tmp, 'types');
		const files: string[] = [];
		for (const name of GOLDEN_CASES) {
			const src = join('test', 'golden', name, 'expected', 'types.ts');
			try {
				const text = readFileSync(src, 'utf8');
				const to = join(dir, `${name}.ts`);
				cpSync(src, to);
				files.push(to);
				expect(text.startsWith('/*\n * Generated by the Sunlit freeze compiler')).toBe(true);
			} catch (e) {
				if (!String(e).includes('ENOENT')) throw e;
			}
		}
		expect(files.length).toBeGreaterThanOrEqual(6);
		// A use of the type: a wrong field type must fail to compile.
		writeFileSync(
			join(dir, 'use.ts'),
			"import type { ApplicationForm } from './01-linear';\nexport const ok: ApplicationForm = { name: 'x', mobile: '13800000000' };\n"
		);
		const tsc = (extra: string[]) =>
			spawnSync(
				process.execPath,
				['node_modules/typescript/bin/tsc', '--strict', '--noEmit', '--skipLibCheck', ...extra],
				{ encoding: 'utf8' }
			);
		const good = tsc([...files, join(dir, 'use.ts')]);
		expect(good.stdout + good.stderr).toBe('');
		expect(good.status).toBe(0);
		writeFileSync(
			join(dir, 'bad.ts'),
			"import type { ApplicationForm } from './01-linear';\nexport const bad: ApplicationForm = { name: 1 };\n"
		);
		const bad = tsc([join(dir, 'bad.ts')]);
		expect(bad.status).not.toBe(0);
	}, 60_000);

	it('emits form schemas that validate sample data with ajv', async () => {
		const r = await compiled('07-uploads-group');
		const validate = createValidator(JSON.parse(r.files['form.schema.json']!) as object);
		const file = { name: 'a.pdf', size: 10, type: 'application/pdf', ref: 'sha256-abc' };
		const good = {
			name: '示例餐饮有限公司',
			creditCode: '91350100M000100Y43',
			address: '示例县人民路 1 号',
			staff: [{ staffName: '张三', staffId: '11010519491231002X' }],
			application: file,
			license: file,
			layout: file,
			rules: file
		};
		expect(validate(good)).toEqual({ valid: true, errors: [] });
		const bad = validate({ ...good, staff: [], creditCode: '123', extra: 1 });
		expect(bad.valid).toBe(false);
		expect(bad.errors.map((e) => e.field)).toEqual(
			expect.arrayContaining(['staff', 'creditCode', 'extra'])
		);
	});
});

describe('compiled conditions', () => {
	const e: Expr = {
		op: 'or',
		args: [
			{ op: 'ge', field: 'area', value: 500 },
			{
				op: 'and',
				args: [
					{ op: 'eq', field: 'kind', value: 'catering' },
					{ op: 'not_empty', field: 'chain' }
				]
			}
		]
	};
	it('evaluates over form data without eval', () => {
		expect(evaluate(e, { area: 500 })).toBe(true);
		expect(evaluate(e, { area: 499 })).toBe(false);
		expect(evaluate(e, { area: '600' })).toBe(true);
		expect(evaluate(e, { kind: 'catering', chain: ['direct'] })).toBe(true);
		expect(evaluate(e, { kind: 'catering', chain: [] })).toBe(false);
		expect(evaluate(e, {})).toBe(false);
	});
	it('handles lists, missing answers and in', () => {
		expect(evaluate({ op: 'eq', field: 'c', value: 'a' }, { c: ['b', 'a'] })).toBe(true);
		expect(evaluate({ op: 'ne', field: 'c', value: 'a' }, { c: ['b'] })).toBe(true);
		expect(evaluate({ op: 'ne', field: 'c', value: 'a' }, {})).toBe(true);
		expect(evaluate({ op: 'lt', field: 'n', value: 3 }, {})).toBe(false);
		expect(evaluate({ op: 'in', field: 's', value: ['x', 'y'] }, { s: 'y' })).toBe(true);
		expect(evaluate({ op: 'in', field: 's', value: ['x', 'y'] }, { s: 'z' })).toBe(false);
		expect(evaluate({ op: 'empty', field: 's' }, { s: '' })).toBe(true);
		expect(evaluate({ op: 'le', field: 'd', value: '2026-01-31' }, { d: '2026-01-05' })).toBe(true);
	});
});

describe('frozen files', () => {
	it('are written atomically and never overwritten with different bytes', async () => {
		const r = await compiled('01-linear');
		const dir = join(tmp, 'frozen', '990001-SCJG-XK-0001', 'v1');
		expect(writeVersionFiles(dir, r.files)).toBe('written');
		expect(writeVersionFiles(dir, r.files)).toBe('unchanged');
		const other = await compiled('02-decision-outcome');
		expect(() => writeVersionFiles(dir, other.files)).toThrow('FROZEN_IMMUTABLE');
		expect(readFileSync(join(dir, 'definition.json'), 'utf8')).toBe(r.files['definition.json']);
	});

	it('a definition edited by one byte is refused by the loader', async () => {
		const r = await compiled('01-linear');
		const root = join(tmp, 'tamper');
		const dir = join(root, '990001-SCJG-XK-0001', 'v1');
		writeVersionFiles(dir, r.files);
		const ok = loadVerifiedDefinition(root, '990001-SCJG-XK-0001', 1, r.contentHash);
		expect(ok.definition.item.code).toBe('990001-SCJG-XK-0001');
		const path = join(dir, 'definition.json');
		writeFileSync(path, readFileSync(path, 'utf8').replace('"审核"', '"审查"'));
		expect(() => loadVerifiedDefinition(root, '990001-SCJG-XK-0001', 1, r.contentHash)).toThrow(
			DefinitionTamperedError
		);
		// Rewriting the manifest to match does not help: the recorded hash still differs.
		const files = {
			...r.files,
			'definition.json': readFileSync(path, 'utf8')
		};
		const forged = withApproval(files, JSON.parse(r.files['manifest.json']!).approval);
		expect(verifyFiles(forged).length).toBeGreaterThan(0);
	});
});

describe('npm run freeze', () => {
	it('--check passes on the repository and fails when a frozen byte is edited', async () => {
		const root = join(tmp, 'repo');
		cpSync('flows', join(root, 'flows'), { recursive: true });
		cpSync('generated', join(root, 'generated'), { recursive: true });
		const clean = await freezeRepository({ root, check: true });
		expect(clean.lines.join('\n')).not.toMatch(/过期|被改动|多余/);
		expect(clean.failed).toBe(false);

		const path = join(root, 'generated', '990001-ZFB-QT-0001', 'v1', 'definition.json');
		const text = readFileSync(path, 'utf8');
		writeFileSync(path, text.replace('"formatVersion": 1', '"formatVersion": 2'));
		const edited = await freezeRepository({ root, check: true });
		expect(edited.failed).toBe(true);
		expect(edited.lines.join('\n')).toContain('被改动 990001-ZFB-QT-0001 v1');

		// A source change leaves generated/ stale until frozen again.
		writeFileSync(path, text);
		const flowPath = join(root, 'flows', 'items', '990001-ZFB-QT-0001.flow.json');
		writeFileSync(
			flowPath,
			readFileSync(flowPath, 'utf8').replace('"timeLimitDays": 2', '"timeLimitDays": 1')
		);
		const stale = await freezeRepository({ root, check: true });
		expect(stale.failed).toBe(true);
		expect(stale.lines.join('\n')).toContain('过期 990001-ZFB-QT-0001 v1');
		const rebuilt = await freezeRepository({ root });
		expect(rebuilt.failed).toBe(false);
		expect((await freezeRepository({ root, check: true })).failed).toBe(false);
	}, 30_000);
});
