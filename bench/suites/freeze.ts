/**
 * freeze.compile_300_ms: the freeze compiler on a 300-node flow (the designer benchmark's
 * generated flow: joint handling, decisions by condition, supplements, 退回 loops) with a 50-field
 * application form, every stage (validate → normalize → lower → emit, types.ts included) and the
 * manifest. Goal < 300 ms. The peer in the same run: the validate stage alone
 * (`freeze.validate_300_ms`), i.e. what the designer's live lint plus the cross-checks cost, so
 * the ratio shows what lowering and emitting add.
 */
import { readFileSync } from 'node:fs';
import { checkBundle, compileBundle } from '../../src/lib/compiler';
import type { BundleSource } from '../../src/lib/compiler/types';
import { normalizeContent } from '../../src/lib/domain/catalogue/normalize';
import { longestPathDays } from '../../src/lib/domain/flow/lint';
import type { FormField } from '../../src/lib/domain/form/types';
import { median, percentile, timedAsync, timed, type Suite } from '../lib';
import { generatedFlow } from './designer-lint';

const GOAL_MS = 300;
const WARMUP = 5;
const RUNS = 30;
const CODE = '990001-XZSP-XK-0001';

/** 50 fields: the four the flow's conditions use, then every other kind in turn. */
function fiftyFields(materials: string[]): FormField[] {
	const f = (id: string, kind: FormField['kind'], more: Partial<FormField> = {}): FormField => ({
		id,
		kind,
		label: `字段 ${id}`,
		help: '',
		required: false,
		...more
	});
	const options = [
		{ value: '企业', label: '企业' },
		{ value: '个体工商户', label: '个体工商户' },
		{ value: '其他', label: '其他' }
	];
	const fields: FormField[] = [
		f('amount', 'number', { min: 0 }),
		f('area', 'number', { min: 0 }),
		f('kind', 'select', { options, required: true }),
		f('urgent', 'radio', {
			options: [
				{ value: 'yes', label: '是' },
				{ value: 'no', label: '否' }
			]
		})
	];
	const kinds: FormField['kind'][] = [
		'text',
		'textarea',
		'date',
		'checkbox',
		'id_card',
		'mobile',
		'credit_code',
		'address',
		'file',
		'group'
	];
	for (let i = 0; fields.length < 50; i++) {
		const kind = kinds[i % kinds.length]!;
		const id = `f${i}`;
		if (kind === 'file') fields.push(f(id, kind, { material: materials[i % materials.length]! }));
		else if (kind === 'checkbox') fields.push(f(id, kind, { options }));
		else if (kind === 'group')
			fields.push(
				f(id, kind, {
					fields: [f('name', 'text'), f('idCard', 'id_card'), f('share', 'number')],
					maxItems: 10
				})
			);
		else fields.push(f(id, kind, { required: i % 3 === 0 }));
	}
	return fields;
}

function bundle(): BundleSource {
	const flow = generatedFlow();
	const days = longestPathDays(flow);
	const source = JSON.parse(readFileSync('flows/catalogue/990001-SCJG-XK-0001.json', 'utf8'));
	const content = normalizeContent({
		...source.content,
		promisedDays: days,
		statutoryDays: days,
		onlineApply: false
	});
	const departments = new Map<string, Set<string>>();
	for (const n of flow.nodes)
		if (n.department)
			departments.set(n.department, (departments.get(n.department) ?? new Set()).add(n.post));
	return {
		item: { code: CODE, version: 1, department: 'XZSP', content },
		flow: {
			format: 'sunlit.flow',
			version: 1,
			item: CODE,
			name: '300 个环节',
			semantics: flow,
			layout: { nodes: {}, edges: {} }
		},
		form: {
			format: 'sunlit.form',
			version: 1,
			item: CODE,
			title: '申请表',
			fields: fiftyFields(content.materials.map((m) => m.name)),
			sections: []
		},
		org: {
			departments: [...departments].map(([code, posts]) => ({
				code,
				name: `部门 ${code}`,
				posts: [...posts].filter(Boolean).map((p) => ({ code: p, name: p }))
			}))
		}
	};
}

export const freeze: Suite = {
	name: 'freeze',
	async run({ log }) {
		const src = bundle();
		const approval = { by: 'bench', at: '2026-11-23', record: 1 };
		const first = await compileBundle(src, approval);
		// A fast wrong answer is worthless: the bundle must compile clean to all four files.
		if (!first.ok)
			throw new Error(`bench bundle refused: ${first.diagnostics.map((d) => d.code).join(', ')}`);
		const nodes = Object.keys(JSON.parse(first.files['definition.json']!).nodes).length;
		if (nodes !== 300 || Object.keys(first.files).length !== 4)
			throw new Error('incomplete output');
		log(
			`${nodes} nodes, ${src.form!.fields.length} fields; ${WARMUP} warm-up + ${RUNS} runs, alternating`
		);
		const compileMs: number[] = [];
		const validateMs: number[] = [];
		for (let i = 0; i < WARMUP + RUNS; i++) {
			const c = async () => (await timedAsync(() => compileBundle(src, approval))).ms;
			const v = () => timed(() => checkBundle(src)).ms;
			let cm: number;
			let vm: number;
			if (i % 2) {
				cm = await c();
				vm = v();
			} else {
				vm = v();
				cm = await c();
			}
			if (i >= WARMUP) {
				compileMs.push(cm);
				validateMs.push(vm);
			}
		}
		const c50 = median(compileMs);
		const v50 = median(validateMs);
		log(
			`compile p50 ${c50.toFixed(1)} ms (goal < ${GOAL_MS} ms), validate alone ${v50.toFixed(1)} ms`
		);
		return [
			{ name: 'freeze.compile_300_ms', value: c50, unit: 'ms' },
			{ name: 'freeze.compile_300_p95_ms', value: percentile(compileMs, 95), unit: 'ms' },
			{ name: 'freeze.validate_300_ms', value: v50, unit: 'ms' },
			{ name: 'freeze.compile_300_vs_goal', value: c50 / GOAL_MS, unit: 'x' }
		];
	}
};
