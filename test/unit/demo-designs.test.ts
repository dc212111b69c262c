import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFlow, longestPathDays } from '../../src/lib/domain/flow/lint';
import type { FlowDocument } from '../../src/lib/domain/flow/types';
import type { FormDocument } from '../../src/lib/domain/form/types';
import { validateFormDefinition } from '../../src/lib/domain/form/validate-definition';
import { toJsonSchema } from '../../src/lib/domain/form/to-schema';
import { createValidator } from '../../src/lib/forms/ajv';

const dir = join(process.cwd(), 'flows', 'items');
const read = <T>(name: string): T => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
const promised = (code: string): number =>
	(
		JSON.parse(readFileSync(join(process.cwd(), 'flows', 'catalogue', `${code}.json`), 'utf8')) as {
			content: { promisedDays: number };
		}
	).content.promisedDays;

describe('the demo items’ flowcharts', () => {
	const flows = readdirSync(dir).filter((f) => f.endsWith('.flow.json'));

	it('cover the three items the seeds call for', () => {
		expect(flows.sort()).toEqual([
			'990001-SCJG-CF-0001.flow.json',
			'990001-ZFB-QT-0001.flow.json',
			'990001-ZRZY-XK-0002.flow.json'
		]);
	});

	for (const name of flows) {
		it(`${name} lints clean against its form fields and its item's promised time limit`, () => {
			const flow = read<FlowDocument>(name);
			const form = read<FormDocument>(name.replace('.flow.json', '.form.json'));
			expect(`${flow.item}.flow.json`).toBe(name);
			expect(form.item).toBe(flow.item);
			const issues = lintFlow(flow.semantics, {
				promisedDays: promised(flow.item),
				formFields: form.fields.map((f) => f.id)
			});
			expect(issues).toEqual([]);
			expect(longestPathDays(flow.semantics)).toBeLessThanOrEqual(promised(flow.item));
		});
	}

	for (const name of flows.map((f) => f.replace('.flow.json', '.form.json'))) {
		it(`${name} is a valid form whose uploads are the item's application materials`, () => {
			const form = read<FormDocument>(name);
			const entry = JSON.parse(
				readFileSync(join(process.cwd(), 'flows', 'catalogue', `${form.item}.json`), 'utf8')
			) as { content: { materials: { name: string }[] } };
			expect(
				validateFormDefinition(form, { materials: entry.content.materials.map((m) => m.name) })
			).toEqual([]);
			// An empty submission names every required field.
			const result = createValidator(toJsonSchema(form))({});
			expect(result.valid).toBe(false);
			const required = form.fields
				.filter((f) => f.required)
				.map((f) => f.id)
				.sort();
			expect(
				result.errors
					.filter((e) => e.code === 'REQUIRED')
					.map((e) => e.field)
					.sort()
			).toEqual(required);
		});
	}

	it('政府信息公开 has a supplement step that pauses the clock; the licence runs two departments in parallel with legal review; the penalty decides by the discretion benchmark', () => {
		const gk = read<FlowDocument>('990001-ZFB-QT-0001.flow.json').semantics;
		expect(gk.nodes.some((n) => n.kind === 'supplement')).toBe(true);
		const xk = read<FlowDocument>('990001-ZRZY-XK-0002.flow.json').semantics;
		const split = xk.nodes.find((n) => n.kind === 'parallel_split')!;
		const branches = xk.edges
			.filter((e) => e.source === split.id)
			.map((e) => xk.nodes.find((n) => n.id === e.target)!.department);
		expect(new Set(branches).size).toBe(2);
		expect(xk.nodes.some((n) => n.control?.kind === 'legal_review')).toBe(true);
		const cf = read<FlowDocument>('990001-SCJG-CF-0001.flow.json').semantics;
		const decision = cf.nodes.find((n) => n.kind === 'decision')!;
		expect(decision.name).toContain('裁量基准');
		expect(cf.edges.some((e) => e.source === decision.id && e.condition !== null)).toBe(true);
	});
});
