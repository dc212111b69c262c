import { describe, expect, it } from 'vitest';
import { newEdge, newNode, type FlowDocument } from '../../src/lib/domain/flow/types';
import { flowToBpmn } from '../../src/lib/server/bpmn/export';
import { bpmnToFlow } from '../../src/lib/server/bpmn/import';
import { lintBpmn } from '../../src/lib/server/bpmn/lint';
import { createModdle } from '../../src/lib/server/bpmn/moddle';
import { problemMessage } from '../../src/lib/server/bpmn/problems';
import { bpmnFixtures, disclosureFlow, licensingFlow, penaltyFlow } from '../factories/bpmn-flows';

/**
 * A flow independent of ids: nodes by `kind:name` (unique in the fixtures) with their position,
 * edges by their ends' keys with their bend points.
 */
function canonical(flow: FlowDocument) {
	const key = new Map(flow.semantics.nodes.map((n) => [n.id, `${n.kind}:${n.name}`]));
	const nodes = flow.semantics.nodes
		.map(({ id, ...node }) => ({ ...node, at: flow.layout.nodes[id] }))
		.sort((a, b) => `${a.kind}:${a.name}`.localeCompare(`${b.kind}:${b.name}`));
	const edges = flow.semantics.edges
		.map(({ id, source, target, ...edge }) => ({
			from: key.get(source),
			to: key.get(target),
			...edge,
			bends: flow.layout.edges[id] ?? []
		}))
		.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
	return { item: flow.item, name: flow.name, nodes, edges };
}

const fixtures = Object.entries(bpmnFixtures);

describe('BPMN export and import', () => {
	it.each(fixtures)('round-trips %s without problems, ids and positions kept', async (_, make) => {
		const flow = make();
		const { flow: back, problems } = await bpmnToFlow(await flowToBpmn(flow), flow.item);
		expect(problems).toEqual([]);
		expect(canonical(back)).toEqual(canonical(flow));
		expect(back).toEqual(flow);
	});

	it.each(fixtures)(
		'writes %s as BPMN that bpmn-moddle reads without warnings',
		async (_, make) => {
			const xml = await flowToBpmn(make());
			const { warnings } = await createModdle().fromXML(xml, 'bpmn:Definitions');
			expect(warnings).toEqual([]);
		}
	);

	it.each(fixtures)('writes %s as BPMN that passes bpmnlint recommended', async (_, make) => {
		expect(await lintBpmn(await flowToBpmn(make()))).toEqual({ errors: [], warnings: [] });
	});

	it('maps kinds, conditions, defaults and extension properties as documented', async () => {
		const xml = await flowToBpmn(penaltyFlow());
		expect(xml).toContain(
			'<bpmn:process id="Process_990001-SCJG-CF-0099" name="食品安全行政处罚（一般程序）" isExecutable="false">'
		);
		expect(xml).toMatch(/<bpmn:exclusiveGateway id="n4" name="案件类型" default="e6">/);
		expect(xml).toContain(
			'<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="application/vnd.sunlit.condition+json">{"field":"amount","op":"lt","value":200}</bpmn:conditionExpression>'
		);
		expect(xml).toMatch(
			/<bpmn:userTask id="n6" name="集体讨论">\s*<bpmn:extensionElements>\s*<sunlit:properties kind="task" department="SCJG" post="JZ" timeLimitDays="5">\s*<sunlit:control kind="collective" secondPerson="false">\s*<sunlit:description>重大案件由负责人集体讨论决定<\/sunlit:description>/
		);
		expect(xml).toContain('xmlns:sunlit="https://sunlit.example/schema/bpmn/1.0"');
		// 送达 has three incoming edges: a merge gateway in front of it, in BPMN only
		expect(xml).toMatch(
			/<bpmn:exclusiveGateway id="n8_merge">\s*<bpmn:extensionElements>\s*<sunlit:properties kind="merge" \/>/
		);
		expect(xml).toContain('<bpmndi:BPMNShape id="n6_di" bpmnElement="n6">');
		expect(xml).toMatch(
			/<bpmndi:BPMNShape id="n6_di" bpmnElement="n6">\s*<dc:Bounds x="910" y="200" width="100" height="80" \/>/
		);
		const disclosure = await flowToBpmn(disclosureFlow());
		expect(disclosure).toMatch(/<bpmn:receiveTask id="n4" name="补正">/);
		expect(disclosure).toMatch(/<bpmn:startEvent id="n1" name="受理">/);
		expect(disclosure).toMatch(/<dc:Bounds x="82" y="182" width="36" height="36" \/>/);
		const licensing = await flowToBpmn(licensingFlow());
		expect(licensing.match(/<bpmn:parallelGateway /g)).toHaveLength(2);
		expect(licensing).toMatch(/<sunlit:properties kind="end" outcome="reject">/);
	});

	it('lays out nodes without a position and keeps the diagram complete', async () => {
		const flow = licensingFlow();
		delete flow.layout.nodes.n9;
		delete flow.layout.nodes.n10;
		delete flow.layout.nodes.n3;
		const xml = await flowToBpmn(flow);
		expect(await lintBpmn(xml)).toEqual({ errors: [], warnings: [] });
		const { flow: back, problems } = await bpmnToFlow(xml, flow.item);
		expect(problems).toEqual([]);
		for (const node of back.semantics.nodes) expect(back.layout.nodes[node.id]).toBeDefined();
		expect(back.layout.nodes.n2).toEqual(flow.layout.nodes.n2);
		const given = Object.values(flow.layout.nodes).map((p) => p.y);
		expect(back.layout.nodes.n9?.y).toBeGreaterThan(Math.max(...given));
	});

	it('puts a merge in front of a gateway with several incoming edges and folds it back', async () => {
		const flow = licensingFlow();
		// 是否准予 → 退回重审 → the parallel split again
		flow.semantics.edges.push({ ...newEdge('e11', 'n8', 'n3'), outcome: '退回重审' });
		flow.layout.edges.e11 = [
			{ x: 1300, y: 470 },
			{ x: 500, y: 470 }
		];
		const xml = await flowToBpmn(flow);
		expect(xml).toMatch(/<bpmn:exclusiveGateway id="n3_merge">/);
		expect(xml).toContain(
			'<bpmn:sequenceFlow id="e11" name="退回重审" sourceRef="n8" targetRef="n3_merge" />'
		);
		expect(await lintBpmn(xml)).toEqual({ errors: [], warnings: [] });
		const { flow: back, problems } = await bpmnToFlow(xml, flow.item);
		expect(problems).toEqual([]);
		expect(back).toEqual(flow);
	});

	it('keeps line breaks and markup characters in names and texts', async () => {
		const flow = licensingFlow();
		flow.name = '许可 & 审查 "联合" <试行>';
		const node = flow.semantics.nodes.find((n) => n.id === 'n4');
		if (!node) throw new Error('fixture changed');
		node.name = '市场监管局\n审查 <A&B> "甲"';
		node.duty = '  第一行\n\t第二行 ]]> &amp; \n';
		node.department = "S&'C";
		const edge = flow.semantics.edges.find((e) => e.id === 'e9');
		if (edge) edge.outcome = '准予\n（附条件）';
		const xml = await flowToBpmn(flow);
		expect(xml).toContain('<bpmn:lane id="Lane_S__C" name="S&#38;&#39;C">');
		const { flow: back, problems } = await bpmnToFlow(xml, flow.item);
		expect(problems).toEqual([]);
		// n4 is now the only node of its department: its lane moves it into a band of its own
		expect(back.semantics).toEqual(flow.semantics);
		expect(back.name).toBe(flow.name);
	});

	it('maps ids that are not ASCII names and still round-trips', async () => {
		const flow = disclosureFlow();
		const rename = (id: string) => (id === 'n2' ? '登记 审查' : id === 'e1' ? '1st' : id);
		for (const node of flow.semantics.nodes) node.id = rename(node.id);
		for (const edge of flow.semantics.edges) {
			edge.id = rename(edge.id);
			edge.source = rename(edge.source);
			edge.target = rename(edge.target);
		}
		flow.layout.nodes['登记 审查'] = flow.layout.nodes.n2 ?? { x: 0, y: 0 };
		delete flow.layout.nodes.n2;
		const xml = await flowToBpmn(flow);
		expect(xml).toContain('id="Node_1" name="登记审查"');
		expect(xml).toContain('<bpmn:sequenceFlow id="Flow_1" sourceRef="n1" targetRef="Node_1_merge"');
		const { flow: back, problems } = await bpmnToFlow(xml, flow.item);
		expect(problems).toEqual([]);
		expect(canonical(back)).toEqual(canonical(flow));
		expect(back.semantics.nodes.map((n) => n.id)).toContain('Node_1');
	});
});

/** BPMN as drawn by hand in a modeler, around `body` (flow elements of one process). */
function handWritten(body: string, extra = ''): string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Process_1" name="手工绘制" isExecutable="true">${body}</bpmn:process>${extra}
</bpmn:definitions>`;
}

describe('BPMN import of other tools’ diagrams', () => {
	it('reports unsupported elements by id and type and keeps the rest', async () => {
		const xml = handWritten(`
    <bpmn:startEvent id="Start_1" name="受理" />
    <bpmn:userTask id="Task_1" name="审查" />
    <bpmn:boundaryEvent id="Timer_1" attachedToRef="Task_1"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
    <bpmn:inclusiveGateway id="Inclusive_1" name="哪些材料" />
    <bpmn:subProcess id="Sub_1" name="现场核查"><bpmn:task id="Inner_1" name="核查" /></bpmn:subProcess>
    <bpmn:endEvent id="End_1" name="办结" />
    <bpmn:endEvent id="End_2" name="超时" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start_1" targetRef="Task_1" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_1" targetRef="Inclusive_1" />
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Inclusive_1" targetRef="Sub_1" />
    <bpmn:sequenceFlow id="Flow_4" sourceRef="Sub_1" targetRef="End_1" />
    <bpmn:sequenceFlow id="Flow_5" sourceRef="Timer_1" targetRef="End_2" />
    <bpmn:sequenceFlow id="Flow_6" sourceRef="Inclusive_1" targetRef="End_1" />`);
		const { flow, problems } = await bpmnToFlow(xml, 'X-1');
		const unsupported = problems.filter((p) => p.code === 'UNSUPPORTED_ELEMENT');
		expect(unsupported.map((p) => [p.element, p.type, p.severity])).toEqual([
			['Timer_1', 'bpmn:BoundaryEvent', 'error'],
			['Inclusive_1', 'bpmn:InclusiveGateway', 'error'],
			['Sub_1', 'bpmn:SubProcess', 'error']
		]);
		expect(unsupported[1]?.message).toBe(
			'流程图不支持包容网关“哪些材料”（Inclusive_1），该元素未导入。'
		);
		expect(problems.filter((p) => p.code === 'FLOW_DETACHED').map((p) => p.element)).toEqual([
			'Flow_2',
			'Flow_3',
			'Flow_4',
			'Flow_5',
			'Flow_6'
		]);
		expect(flow.semantics.nodes.map((n) => [n.id, n.kind, n.name])).toEqual([
			['Start_1', 'start', '受理'],
			['Task_1', 'task', '审查'],
			['End_1', 'end', '办结'],
			['End_2', 'end', '超时']
		]);
		expect(flow.semantics.edges).toEqual([
			{
				id: 'Flow_1',
				source: 'Start_1',
				target: 'Task_1',
				outcome: '',
				condition: null,
				isDefault: false
			}
		]);
		expect(flow.name).toBe('手工绘制');
		expect(flow.item).toBe('X-1');
		// no diagram: every node laid out automatically, each reported
		expect(problems.filter((p) => p.code === 'POSITION_MISSING')).toHaveLength(4);
		expect(Object.keys(flow.layout.nodes)).toHaveLength(4);
	});

	it('adapts other modelers’ BPMN: foreign conditions, merges, join-forks, task types, lanes', async () => {
		const shape = (id: string, x: number) =>
			`<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="100" width="100" height="80" /></bpmndi:BPMNShape>`;
		const xml = handWritten(
			`
    <bpmn:laneSet id="LaneSet_1"><bpmn:lane id="Lane_1" name="窗口"><bpmn:flowNodeRef>Start_1</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="Start_1" name="受理"><bpmn:messageEventDefinition /></bpmn:startEvent>
    <bpmn:serviceTask id="Activity_0abc" name="自动登记" camunda:type="external" camunda:topic="reg">
      <bpmn:documentation>系统自动登记</bpmn:documentation>
    </bpmn:serviceTask>
    <bpmn:exclusiveGateway id="Gateway_1" name="金额" default="Flow_big" />
    <bpmn:task id="Task.review" name="审核" />
    <bpmn:task id="Task_small" name="简易审核" />
    <bpmn:exclusiveGateway id="Merge_1" />
    <bpmn:parallelGateway id="Both_1" />
    <bpmn:userTask id="Task_a" name="甲" />
    <bpmn:userTask id="Task_b" name="乙" />
    <bpmn:receiveTask id="Wait_1" name="等待补正" />
    <bpmn:parallelGateway id="Join_1" />
    <bpmn:endEvent id="End_1" name="办结"><bpmn:terminateEventDefinition /></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start_1" targetRef="Activity_0abc" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_0abc" targetRef="Gateway_1" />
    <bpmn:sequenceFlow id="Flow_big" name="大额" sourceRef="Gateway_1" targetRef="Task.review" />
    <bpmn:sequenceFlow id="Flow_small" name="小额" sourceRef="Gateway_1" targetRef="Task_small">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${amount &lt; 1000}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Task.review" targetRef="Merge_1" />
    <bpmn:sequenceFlow id="Flow_4" sourceRef="Task_small" targetRef="Merge_1" />
    <bpmn:sequenceFlow id="Flow_5" sourceRef="Merge_1" targetRef="Both_1" />
    <bpmn:sequenceFlow id="Flow_6" sourceRef="Start_1" targetRef="Both_1" />
    <bpmn:sequenceFlow id="Flow_7" sourceRef="Both_1" targetRef="Task_a" />
    <bpmn:sequenceFlow id="Flow_8" sourceRef="Both_1" targetRef="Task_b" />
    <bpmn:sequenceFlow id="Flow_9" sourceRef="Task_a" targetRef="Join_1" />
    <bpmn:sequenceFlow id="Flow_10" sourceRef="Task_b" targetRef="Join_1" />
    <bpmn:sequenceFlow id="Flow_11" sourceRef="Join_1" targetRef="End_1" />`,
			`
  <bpmndi:BPMNDiagram id="D_1"><bpmndi:BPMNPlane id="P_1" bpmnElement="Process_1">
    ${shape('Activity_0abc', 200)}${shape('Task.review', 400)}${shape('Both_1', 600)}
    <bpmndi:BPMNEdge id="Flow_3_di" bpmnElement="Flow_3"><di:waypoint x="450" y="180" /><di:waypoint x="450" y="260" /><di:waypoint x="550" y="260" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`
		);
		const { flow, problems } = await bpmnToFlow(xml, 'X-2');
		expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
		const codes = problems.map((p) => `${p.code} ${p.element}`);
		expect(codes).toEqual(
			expect.arrayContaining([
				'TASK_TYPE_MAPPED Activity_0abc',
				'DOCUMENTATION_IGNORED Activity_0abc',
				'EXTENSION_IGNORED Activity_0abc',
				'EVENT_DEFINITION_IGNORED Start_1',
				'EVENT_DEFINITION_IGNORED End_1',
				'CONDITION_UNSUPPORTED Flow_small',
				'MERGE_COLLAPSED Merge_1',
				'GATEWAY_JOIN_FORK Both_1',
				'UNSUPPORTED_ELEMENT Lane_1',
				'SUPPLEMENT_ASSUMED Wait_1'
			])
		);
		const condition = problems.find((p) => p.code === 'CONDITION_UNSUPPORTED');
		expect(condition?.message).toContain('${amount < 1000}');
		const ids = flow.semantics.nodes.map((n) => `${n.id}:${n.kind}`);
		expect(ids).toEqual([
			'Start_1:start',
			'Activity_0abc:task',
			'Gateway_1:decision',
			'n1:task', // Task.review: not one of our ids
			'Task_small:task',
			'Both_1:parallel_join',
			'Task_a:task',
			'Task_b:task',
			'Wait_1:supplement',
			'Join_1:parallel_join',
			'End_1:end',
			'Both_1_split:parallel_split'
		]);
		const edge = (id: string) => flow.semantics.edges.find((e) => e.id === id);
		expect(edge('Flow_big')).toMatchObject({ outcome: '大额', isDefault: true, condition: null });
		expect(edge('Flow_small')).toMatchObject({
			outcome: '小额',
			isDefault: false,
			condition: null
		});
		// the merge is folded: flows into it lead to the gateway after it, with their bend points
		expect(edge('Flow_3')).toMatchObject({ source: 'n1', target: 'Both_1' });
		expect(edge('Flow_4')).toMatchObject({ source: 'Task_small', target: 'Both_1' });
		expect(edge('Flow_5')).toBeUndefined();
		expect(flow.layout.edges.Flow_3).toEqual([{ x: 450, y: 260 }]);
		// the join-fork: a join, an edge, a split that the forking flows leave from
		expect(edge('Flow_7')).toMatchObject({ source: 'Both_1_split', target: 'Task_a' });
		expect(flow.semantics.edges.find((e) => e.target === 'Both_1_split')).toMatchObject({
			source: 'Both_1'
		});
		expect(flow.layout.nodes.Activity_0abc).toEqual({ x: 160, y: 102 });
		expect(flow.layout.nodes.Both_1_split).toEqual({ x: 718, y: 108 });
		const end = flow.semantics.nodes.find((n) => n.id === 'End_1');
		expect(end).toMatchObject({ outcome: 'other', timeLimitDays: null, department: '' });
	});

	it('reports other processes, collaborations and message flows', async () => {
		const xml = handWritten(
			`<bpmn:startEvent id="S" name="受理" />`,
			`
  <bpmn:process id="Process_2"><bpmn:task id="T2" name="另一流程" /></bpmn:process>
  <bpmn:process id="Process_3" />
  <bpmn:collaboration id="Collab_1">
    <bpmn:participant id="Pool_1" processRef="Process_1" />
    <bpmn:participant id="Pool_2" processRef="Process_2" />
    <bpmn:messageFlow id="Msg_1" sourceRef="S" targetRef="T2" />
  </bpmn:collaboration>`
		);
		const { flow, problems } = await bpmnToFlow(xml, 'X-3');
		expect(problems.map((p) => [p.code, p.element, p.severity])).toEqual([
			['UNSUPPORTED_ELEMENT', 'Process_2', 'error'],
			['UNSUPPORTED_ELEMENT', 'Process_3', 'warning'],
			['UNSUPPORTED_ELEMENT', 'Collab_1', 'warning'],
			['UNSUPPORTED_ELEMENT', 'Msg_1', 'warning'],
			['POSITION_MISSING', 'S', 'warning']
		]);
		expect(flow.semantics.nodes.map((n) => n.id)).toEqual(['S']);
	});

	it('checks our own conditions and extension values instead of trusting them', async () => {
		const xml = handWritten(`
    <bpmn:startEvent id="S" name="受理" />
    <bpmn:userTask id="T" name="审查">
      <bpmn:extensionElements>
        <sunlit:properties xmlns:sunlit="https://sunlit.example/schema/bpmn/1.0" kind="decision" timeLimitDays="-3">
          <sunlit:control kind="bribery" secondPerson="true" />
        </sunlit:properties>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F" sourceRef="S" targetRef="T">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" language="application/vnd.sunlit.condition+json">{"field":"x","op":"eval","value":"process.exit()"}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>`);
		const { flow, problems } = await bpmnToFlow(xml, 'X-4');
		expect(problems.map((p) => [p.code, p.element, p.params.property ?? p.params.detail])).toEqual(
			expect.arrayContaining([
				['EXTENSION_INVALID', 'T', 'timeLimitDays'],
				['EXTENSION_INVALID', 'T', 'control.kind'],
				['EXTENSION_INVALID', 'T', 'kind'],
				['CONDITION_INVALID', 'F', '$.op is unknown']
			])
		);
		expect(flow.semantics.nodes[1]).toMatchObject({
			kind: 'task',
			timeLimitDays: null,
			control: null
		});
		expect(flow.semantics.edges[0]?.condition).toBeNull();
	});

	it('reports text that is not BPMN, and BPMN without a process', async () => {
		const garbage = await bpmnToFlow('<html><body>not bpmn</body></html>', 'X-5');
		expect(garbage.problems.map((p) => [p.code, p.severity])).toEqual([['NOT_BPMN', 'error']]);
		expect(garbage.flow.semantics.nodes).toEqual([]);
		const empty = await bpmnToFlow(
			handWritten('').replace(/<bpmn:process[^]*<\/bpmn:process>/, ''),
			'X-6'
		);
		expect(empty.problems.map((p) => p.code)).toEqual(['NO_PROCESS']);
	});

	it('renders problems in English too', async () => {
		const { problems } = await bpmnToFlow(handWritten('<bpmn:inclusiveGateway id="G" />'), 'X-7');
		const gateway = problems.find((p) => p.code === 'UNSUPPORTED_ELEMENT');
		expect(gateway && problemMessage('en', gateway)).toBe(
			'Flowcharts do not support the inclusive gateway (G); it was not imported.'
		);
	});
});

describe('lintBpmn', () => {
	it('reports bpmnlint errors and warnings of flows that break its rules', async () => {
		const flow = disclosureFlow();
		const task = flow.semantics.nodes.find((n) => n.id === 'n5');
		if (task) task.name = '';
		// 登记审查 splits without a decision; 补正 → a decision with one way out
		flow.semantics.edges.push(newEdge('e7', 'n2', 'n6'));
		flow.semantics.nodes.push(newNode('n7', 'decision', '是否逾期'));
		const loop = flow.semantics.edges.find((e) => e.id === 'e4');
		if (loop) loop.source = 'n7';
		flow.semantics.edges.push(newEdge('e8', 'n4', 'n7'));
		const { errors, warnings } = await lintBpmn(await flowToBpmn(flow));
		expect(errors).toEqual([
			'n5: Element is missing label/name (label-required)',
			'n2: Flow splits implicitly (no-implicit-split)'
		]);
		expect(warnings).toEqual([
			'n7: Gateway is superfluous. It only has one source and target. (superfluous-gateway)'
		]);
	});
});
