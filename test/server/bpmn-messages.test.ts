import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bpmnToFlow } from '../../src/lib/server/bpmn/import';
import { importReport } from '../../src/lib/server/bpmn/problems';
import { BPMN_MAX_BYTES, bpmnUpload } from '../../src/lib/server/bpmn/upload';

const reference = readFileSync(
	join(process.cwd(), 'test', 'fixtures', 'bpmn', 'bpmn-io-reference.bpmn'),
	'utf8'
);

/** Words of bpmn-moddle's / saxen's English messages that must never reach staff. */
const PARSER_TEXT =
	/unparsable|detected|nested error|closing tag|mismatch|unknown type|duplicate ID|unrecognized|failed to parse|unresolved/i;

/** The line (1-based) of the first occurrence of `text` in `xml`. */
const lineOf = (xml: string, text: string) => xml.slice(0, xml.indexOf(text)).split('\n').length;

describe('BPMN import messages', () => {
	it('names elements by their name, with the id once in brackets and no type code', async () => {
		const xml = reference
			.replace(
				'<bpmn:task id="Activity_0m2n7p4" name="决定">',
				'<bpmn:inclusiveGateway id="Activity_0m2n7p4" name="决定">'
			)
			.replace(
				/(<bpmn:incoming>Flow_1d4e5f6<\/bpmn:incoming>\s*<bpmn:outgoing>Flow_0g7h8i9<\/bpmn:outgoing>\s*)<\/bpmn:task>/,
				'$1</bpmn:inclusiveGateway>'
			);
		const { problems } = await bpmnToFlow(xml, 'X-M');
		const gateway = problems.find((p) => p.code === 'UNSUPPORTED_ELEMENT');
		expect(gateway?.message).toBe('流程图不支持包容网关“决定”（Activity_0m2n7p4），该元素未导入。');
		const detached = problems.filter((p) => p.code === 'FLOW_DETACHED').map((p) => p.message);
		expect(detached).toEqual([
			'顺序流（Flow_1d4e5f6）连接了未导入或不存在的元素，未导入。',
			'顺序流（Flow_0g7h8i9）连接了未导入或不存在的元素，未导入。'
		]);
		for (const p of problems) {
			expect(p.message).not.toMatch(/bpmn:[A-Z]/);
			expect(p.message.split(p.element).length).toBeLessThanOrEqual(2);
		}
	});

	it('never shows the XML parser’s English text: broken XML, unknown elements, duplicate ids', async () => {
		const broken = reference.replace(
			'<bpmn:task id="Activity_0m2n7p4" name="决定">',
			'<bpmn:task id="Activity_0m2n7p4" name="决定"'
		);
		const notXml = await bpmnToFlow(broken, 'X-M');
		expect(notXml.problems.map((p) => p.code)).toEqual(['PARSE_FAILED']);
		expect(notXml.problems[0]?.message).not.toMatch(PARSER_TEXT);
		expect(notXml.problems[0]?.message).toMatch(/^无法读取该文件：第 \d+ 行附近不是格式正确的 XML/);

		const unknown = reference
			.replace('<bpmn:task id="Activity_0m2n7p4"', '<bpmn:taks id="Activity_0m2n7p4"')
			.replace(/<\/bpmn:task>(\s*<bpmn:task id="Activity_1r5s6t7")/, '</bpmn:taks>$1');
		const { problems } = await bpmnToFlow(unknown, 'X-M');
		const xml = problems.find((p) => p.code === 'XML_UNKNOWN_ELEMENT');
		expect(xml?.severity).toBe('error');
		expect(xml?.message).toBe(
			`第 ${lineOf(unknown, '<bpmn:taks')} 行的 <bpmn:taks> 不是 BPMN 2.0 元素，或不能出现在这个位置，无法导入。`
		);
		const twice = reference.replace('id="Activity_0m2n7p4"', 'id="Activity_1qk3v9x"');
		const duplicate = await bpmnToFlow(twice, 'X-M');
		const dup = duplicate.problems.find((p) => p.code === 'XML_DUPLICATE_ID');
		expect(dup?.message).toContain('标识 Activity_1qk3v9x 在文件中重复出现');
		for (const p of [...problems, ...duplicate.problems])
			expect(p.message).not.toMatch(PARSER_TEXT);
		const html = await bpmnToFlow('<html><body>x</body></html>', 'X-M');
		expect(html.problems[0]?.message).not.toMatch(PARSER_TEXT);
	});

	it('does not refuse a valid diagram with a misplaced documentation element', async () => {
		const xml = reference
			.replace(
				'<bpmn:task id="Activity_1qk3v9x" name="审查">',
				'<bpmn:task id="Activity_1qk3v9x" name="审查"><bpmn:extensionElements><bpmn:documentation>审查申请材料</bpmn:documentation></bpmn:extensionElements>'
			)
			.replace(
				'<bpmn:endEvent id="Event_0u8v9w0" name="办结">',
				'<bpmn:endEvent id="Event_0u8v9w0" name="办结"><bpmn:incoming>Flow_1j0k1l2</bpmn:incoming><bpmn:documentation>结束</bpmn:documentation>'
			);
		const { flow, problems } = await bpmnToFlow(xml, 'X-M');
		expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
		expect(flow.semantics.nodes.map((n) => n.name)).toEqual([
			'受理',
			'审查',
			'决定',
			'送达',
			'办结'
		]);
		expect(flow.semantics.edges).toHaveLength(4);
		const misplaced = problems.find((p) => p.code === 'XML_MISPLACED');
		expect(misplaced?.message).toBe(
			`第 ${lineOf(xml, '<bpmn:documentation>审查')} 行的说明文字（documentation）不在 BPMN 规定的位置，已忽略。`
		);
	});

	it('lists blocking errors first, with their count', async () => {
		const xml = reference
			.replace(
				'<bpmn:startEvent id="StartEvent_1" name="受理">',
				'<bpmn:startEvent id="StartEvent_1" name="受理"><bpmn:documentation>窗口</bpmn:documentation>'
			)
			.replace(
				'<bpmn:task id="Activity_1r5s6t7" name="送达">',
				'<bpmn:subProcess id="Activity_1r5s6t7" name="送达">'
			)
			.replace(
				/(<bpmn:outgoing>Flow_1j0k1l2<\/bpmn:outgoing>\s*)<\/bpmn:task>/,
				'$1</bpmn:subProcess>'
			)
			.replace(
				'<bpmn:task id="Activity_0m2n7p4" name="决定">',
				'<bpmn:complexGateway id="Activity_0m2n7p4" name="决定">'
			)
			.replace(
				/(<bpmn:outgoing>Flow_0g7h8i9<\/bpmn:outgoing>\s*)<\/bpmn:task>/,
				'$1</bpmn:complexGateway>'
			);
		const { problems } = await bpmnToFlow(xml, 'X-M');
		// in document order a warning (the start's documentation) comes before the errors
		expect(problems.findIndex((p) => p.severity === 'warning')).toBeLessThan(
			problems.findLastIndex((p) => p.severity === 'error')
		);
		const report = importReport('zh', problems);
		expect(report.errors).toBe(2);
		expect(report.heading).toBe('未导入：有 2 个问题须先解决（列在最前），其余为转换提示');
		expect(report.problems.map((p) => p.severity)).toEqual([
			'error',
			'error',
			...problems.filter((p) => p.severity === 'warning').map(() => 'warning')
		]);
		expect(report.problems[0]?.message).toContain('“决定”（Activity_0m2n7p4）');
		expect(importReport('zh', []).heading).toBe('');
		const [first] = problems.filter((p) => p.severity === 'error');
		expect(importReport('zh', first ? [first] : []).heading).toBe('未导入：有 1 个问题须先解决');
	});

	it('names the size limit when a file is too large, and refuses an empty file clearly', async () => {
		const big = new Blob([reference, ' '.repeat(BPMN_MAX_BYTES)]);
		const large = await bpmnUpload(big, 'X-M');
		expect(large.problems.map((p) => [p.code, p.severity])).toEqual([['FILE_TOO_LARGE', 'error']]);
		expect(large.problems[0]?.message).toMatch(/^文件过大（2 MB），BPMN 文件不能超过 2 MB。$/);
		const empty = await bpmnUpload(new Blob([]), 'X-M');
		expect(empty.problems[0]?.message).toBe('无法读取该文件：文件是空的。');
		const ok = await bpmnUpload(new Blob([reference]), 'X-M');
		expect(ok.problems).toEqual([]);
	});
});
