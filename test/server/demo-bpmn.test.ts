import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../src/lib/domain/flow/types';
import { flowToBpmn } from '../../src/lib/server/bpmn/export';
import { bpmnToFlow } from '../../src/lib/server/bpmn/import';
import { lintBpmn } from '../../src/lib/server/bpmn/lint';

/** Every demo flow in flows/items exports to BPMN 2.0 that bpmn-moddle and bpmnlint accept, and back. */
const dir = join(process.cwd(), 'flows', 'items');
const flows = readdirSync(dir).filter((f) => f.endsWith('.flow.json'));

describe('BPMN of the demo flows', () => {
	it('has three demo flows to check', () => {
		expect(flows.length).toBe(3);
	});

	it.each(flows)('%s: passes bpmnlint recommended and round-trips its meaning', async (name) => {
		const flow = JSON.parse(readFileSync(join(dir, name), 'utf8')) as FlowDocument;
		const xml = await flowToBpmn(flow);
		const lint = await lintBpmn(xml);
		expect(lint.errors).toEqual([]);
		expect(lint.warnings).toEqual([]);
		const { flow: back, problems } = await bpmnToFlow(xml, flow.item);
		expect(problems).toEqual([]);
		// The demo files have no stored positions (export lays them out), so compare meaning only.
		expect(back.semantics).toEqual(flow.semantics);
		expect(back.name).toBe(flow.name);
	});
});
