/**
 * Three realistic flows for BPMN interchange tests: a disclosure request with a supplement loop,
 * a licence with joint review by two departments, a penalty with structured conditions. Positions
 * are the designer's (top-left corners of its boxes, `NODE_SIZE`), laid out without overlaps and
 * with each department's nodes in a band of their own; bend points only where the orthogonal
 * route of the export would not turn by itself (so they round-trip).
 */
import { emptyFlow, newEdge, newNode } from '../../src/lib/domain/flow/types';
import type {
	FlowDocument,
	FlowEdge,
	FlowNode,
	NodeKind,
	Point
} from '../../src/lib/domain/flow/types';

type NodeRow = readonly [
	id: string,
	kind: NodeKind,
	name: string,
	at: Point | null,
	over?: Partial<FlowNode>
];
type EdgeRow = readonly [
	source: string,
	target: string,
	outcome: string,
	over?: Partial<FlowEdge>,
	bends?: Point[]
];

/** A flow from rows; edges are numbered e1, e2, … in order. */
function build(item: string, name: string, nodes: NodeRow[], edges: EdgeRow[]): FlowDocument {
	const doc = emptyFlow(item, name);
	for (const [id, kind, label, at, over] of nodes) {
		doc.semantics.nodes.push({ ...newNode(id, kind, label), ...over });
		if (at) doc.layout.nodes[id] = at;
	}
	edges.forEach(([source, target, outcome, over, bends], i) => {
		const id = `e${i + 1}`;
		doc.semantics.edges.push({ ...newEdge(id, source, target), outcome, ...over });
		if (bends) doc.layout.edges[id] = bends;
	});
	return doc;
}

/** 政府信息公开申请: 受理 → 登记审查 → 是否需要补正 → (补正 → 登记审查) | 答复 → 办结. */
export function disclosureFlow(): FlowDocument {
	const office = { department: 'ZFB', post: 'XXGK' };
	return build(
		'990001-ZFB-QT-0001',
		'政府信息公开申请办理流程',
		[
			['n1', 'start', '受理', { x: 40, y: 176 }, { ...office, duty: '接收申请，出具登记回执。' }],
			[
				'n2',
				'task',
				'登记审查',
				{ x: 220, y: 162 },
				{
					...office,
					timeLimitDays: 1,
					duty: '核对申请内容是否明确；\n内容不明确的，一次性告知需补正的全部事项 <补正清单> & 合理期限。',
					complaint: '县政务服务热线 12345'
				}
			],
			['n3', 'decision', '是否需要补正', { x: 460, y: 164 }, office],
			[
				'n4',
				'supplement',
				'补正',
				{ x: 430, y: 320 },
				{
					timeLimitDays: 15,
					rights: '申请人可在补正期限内补充或更改申请；逾期未补正的视为放弃申请。'
				}
			],
			[
				'n5',
				'task',
				'答复',
				{ x: 640, y: 162 },
				{
					...office,
					timeLimitDays: 20,
					control: { kind: 'other', description: '答复前由科室负责人复核', secondPerson: true },
					rights: '对答复不服的，可依法申请行政复议或提起行政诉讼。'
				}
			],
			['n6', 'end', '答复', { x: 880, y: 176 }, { outcome: 'other' }]
		],
		[
			['n1', 'n2', ''],
			['n2', 'n3', ''],
			['n3', 'n4', '需要补正'],
			['n4', 'n2', '', {}, [{ x: 310, y: 358 }]],
			['n3', 'n5', '无需补正'],
			['n5', 'n6', '']
		]
	);
}

/** 行政许可: 受理审查 → 市场监管局审查 ∥ 卫健委会签 → 法制审核 → 准予 / 不予. */
export function licensingFlow(): FlowDocument {
	const market = { department: 'SCJG', post: 'XKK' };
	return build(
		'990001-SCJG-XK-0001',
		'公共场所卫生许可（联合审查）',
		[
			['n1', 'start', '受理', { x: 40, y: 236 }, { department: 'SCJG', post: 'CK' }],
			['n2', 'task', '受理审查', { x: 220, y: 222 }, { ...market, timeLimitDays: 2 }],
			['n3', 'parallel_split', '联合审查', { x: 468, y: 228 }],
			[
				'n4',
				'task',
				'市场监管局审查',
				{ x: 610, y: 102 },
				{ ...market, timeLimitDays: 5, duty: '审查经营场所与申请材料的一致性。' }
			],
			[
				'n5',
				'task',
				'卫健委会签',
				{ x: 610, y: 440 },
				{ department: 'WJW', post: 'GGWS', timeLimitDays: 5, duty: '出具卫生学评价意见。' }
			],
			['n6', 'parallel_join', '汇合', { x: 868, y: 228 }],
			[
				'n7',
				'task',
				'法制审核',
				{ x: 1000, y: 222 },
				{
					department: 'SCJG',
					post: 'FGK',
					timeLimitDays: 3,
					control: {
						kind: 'legal_review',
						description: '审核主体、依据、程序是否合法',
						secondPerson: true
					}
				}
			],
			['n8', 'decision', '是否准予', { x: 1240, y: 224 }, market],
			['n9', 'end', '准予许可', { x: 1440, y: 136 }, { outcome: 'approve' }],
			[
				'n10',
				'end',
				'不予许可',
				{ x: 1440, y: 336 },
				{ outcome: 'reject', rights: '可申请行政复议或提起行政诉讼。' }
			]
		],
		[
			['n1', 'n2', ''],
			['n2', 'n3', ''],
			['n3', 'n4', ''],
			['n3', 'n5', ''],
			['n4', 'n6', ''],
			['n5', 'n6', ''],
			['n6', 'n7', ''],
			['n7', 'n8', ''],
			['n8', 'n9', '准予'],
			['n8', 'n10', '不予']
		]
	);
}

/** 行政处罚: branches by structured conditions over form fields, with a default branch. */
export function penaltyFlow(): FlowDocument {
	const team = { department: 'SCJG', post: 'ZFD' };
	return build(
		'990001-SCJG-CF-0099',
		'食品安全行政处罚（一般程序）',
		[
			['n1', 'start', '立案', { x: 40, y: 216 }, team],
			[
				'n2',
				'task',
				'调查取证',
				{ x: 220, y: 202 },
				{
					...team,
					timeLimitDays: 30,
					control: { kind: 'recusal', description: '', secondPerson: true },
					rights: '当事人有权申请执法人员回避。'
				}
			],
			[
				'n3',
				'task',
				'处罚告知',
				{ x: 440, y: 202 },
				{ ...team, timeLimitDays: 3, rights: '陈述、申辩；符合条件的可要求听证。' }
			],
			['n4', 'decision', '案件类型', { x: 680, y: 204 }, team],
			['n5', 'task', '当场处罚', { x: 870, y: 62 }, { ...team, timeLimitDays: 1 }],
			[
				'n6',
				'task',
				'集体讨论',
				{ x: 870, y: 202 },
				{
					department: 'SCJG',
					post: 'JZ',
					timeLimitDays: 5,
					control: {
						kind: 'collective',
						description: '重大案件由负责人集体讨论决定',
						secondPerson: false
					}
				}
			],
			[
				'n7',
				'task',
				'负责人审批',
				{ x: 870, y: 342 },
				{ department: 'SCJG', post: 'FZR', timeLimitDays: 3 }
			],
			['n8', 'task', '送达', { x: 1110, y: 202 }, { ...team, timeLimitDays: 7 }],
			['n9', 'end', '结案', { x: 1350, y: 216 }, { outcome: 'other' }]
		],
		[
			['n1', 'n2', ''],
			['n2', 'n3', ''],
			['n3', 'n4', ''],
			['n4', 'n5', '简易程序', { condition: { field: 'amount', op: 'lt', value: 200 } }],
			[
				'n4',
				'n6',
				'重大案件',
				{
					condition: {
						any: [
							{ field: 'amount', op: 'ge', value: 10000 },
							{ field: 'measures', op: 'in', value: ['吊销许可证', '责令停产停业'] },
							{
								all: [
									{ field: 'repeat', op: 'eq', value: true },
									{ field: 'note', op: 'not_empty' }
								]
							}
						]
					}
				}
			],
			['n4', 'n7', '一般案件', { isDefault: true }],
			['n5', 'n8', '', {}, [{ x: 1200, y: 100 }]],
			['n6', 'n8', ''],
			['n7', 'n8', '', {}, [{ x: 1200, y: 380 }]],
			['n8', 'n9', '']
		]
	);
}

export const bpmnFixtures = { disclosureFlow, licensingFlow, penaltyFlow } as const;
