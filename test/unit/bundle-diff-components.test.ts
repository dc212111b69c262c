import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import FlowDiff from '../../src/lib/components/flow-view/FlowDiff.svelte';
import FormDiff from '../../src/lib/components/form-diff/FormDiff.svelte';
import type { FlowDocument, FlowNode } from '../../src/lib/domain/flow/types';
import type { FormDocument } from '../../src/lib/domain/form/types';

// Components translate through $app/state's page, which only exists inside a SvelteKit request.
vi.mock('$app/state', () => ({ page: { data: { locale: 'zh' } } }));

const read = <T>(name: string): T =>
	JSON.parse(readFileSync(join(process.cwd(), 'flows', 'items', name), 'utf8')) as T;
const CODE = '990001-ZFB-QT-0001';
const flow = () => read<FlowDocument>(`${CODE}.flow.json`);
const form = () => read<FormDocument>(`${CODE}.form.json`);

/** The HTML of each <figure>, in order. */
const figures = (html: string) => [...html.matchAll(/<figure[\s\S]*?<\/figure>/g)].map((m) => m[0]);
const marksIn = (html: string) =>
	[...html.matchAll(/<g class="node[^"]*"[^>]*data-mark="(\w+)"/g)].map((m) => m[1]).sort();
/** Text content with tags and hydration comments removed. */
const text = (html: string) => html.replace(/<[^>]*>/g, '');

describe('FlowDiff', () => {
	it('says so when nothing changed, and draws the flow once', () => {
		const before = flow();
		const after = structuredClone(before);
		after.layout.nodes = { [after.semantics.nodes[0]!.id]: { x: 500, y: 500 } };
		const html = render(FlowDiff, { props: { before, after } }).body;
		expect(text(html)).toContain('流程图无变化');
		expect(figures(html)).toHaveLength(1);
		expect(html).not.toContain('<table');
		expect(html).not.toContain('data-mark');
	});

	it('marks removed and changed on the frozen chart, added and changed on the submitted one', () => {
		const before = flow();
		const after = structuredClone(before);
		const [, task, , removed] = after.semantics.nodes;
		task!.timeLimitDays = 9;
		task!.post = '新岗位';
		after.semantics.nodes = after.semantics.nodes.filter((n) => n.id !== removed!.id);
		after.semantics.edges = after.semantics.edges.filter(
			(e) => e.source !== removed!.id && e.target !== removed!.id
		);
		after.semantics.nodes.push({ ...task!, id: 'n99', name: '新增的环节' });

		const html = render(FlowDiff, {
			props: { before, after, postName: (n: FlowNode) => `岗位「${n.post}」` }
		}).body;
		const [frozen, submitted] = figures(html);
		expect(text(frozen!)).toContain('固化版本');
		expect(text(submitted!)).toContain('提交版本');
		expect(marksIn(frozen!)).toEqual(['changed', 'removed']);
		expect(marksIn(submitted!)).toEqual(['added', 'changed']);

		const table = html.slice(html.indexOf('<table'));
		expect(table).toMatch(/<caption[^>]*>流程图变更明细<\/caption>/);
		expect(table.match(/<th scope="col"/g)).toHaveLength(3);
		const rows = table.match(/<tr data-mark="\w+"[\s\S]*?<\/tr>/g)!;
		const changed = text(rows.find((r) => r.includes(task!.name))!);
		expect(changed).toContain(
			`办理时限：${before.semantics.nodes[1]!.timeLimitDays} 个工作日→改为9 个工作日`
		);
		expect(changed).toContain(
			`承办岗位：岗位「${before.semantics.nodes[1]!.post}」→改为岗位「新岗位」`
		);
		expect(text(rows.find((r) => r.includes('新增的环节'))!)).toContain('新增');
		expect(text(html)).toMatch(
			/环节：新增 1 个，修改 1 个，删除 1 个；连线：新增 0 条，修改 0 条，删除 \d+ 条。/
		);
	});

	it('shows only the submitted chart, all new, when nothing was frozen', () => {
		const html = render(FlowDiff, { props: { before: null, after: flow() } }).body;
		expect(text(html)).toContain('尚无固化版本');
		expect(figures(html)).toHaveLength(1);
		expect(new Set(marksIn(html))).toEqual(new Set(['added']));
	});
});

describe('FormDiff', () => {
	it('says so when nothing changed', () => {
		const html = render(FormDiff, { props: { before: form(), after: form() } }).body;
		expect(text(html)).toContain('表单无变化');
		expect(html).not.toContain('<table');
	});

	it('lists changed options, moved fields and the title in a table', () => {
		const before = form();
		const after = structuredClone(before);
		after.title = '新的申请表';
		const delivery = after.fields.find((f) => f.id === 'delivery')!;
		delivery.options = delivery.options!.slice(0, 2);
		after.sections[0]!.fieldIds = after.sections[0]!.fieldIds.filter((id) => id !== 'mobile');
		after.sections[1]!.fieldIds.push('mobile');

		const html = render(FormDiff, { props: { before, after } }).body;
		expect(html).toMatch(/<caption[^>]*>表单变更明细<\/caption>/);
		const body = text(html);
		expect(body).toContain('字段：新增 0 个，修改 1 个，删除 0 个，调整位置 1 个。');
		expect(body).toContain('表单名称');
		expect(body).toContain('新的申请表');
		expect(body).toContain(
			'选项：邮寄（mail）、电子邮件（email）、当面领取（pickup）、在线查看（online）→改为邮寄（mail）、电子邮件（email）'
		);
		expect(body).toContain('所在分组：申请人信息→改为申请内容');
		expect(html.match(/<th scope="row"/g)).toHaveLength(3);
	});

	it('lists the columns of a repeating group under it', () => {
		const before = form();
		const after = structuredClone(before);
		after.fields.push({
			id: 'members',
			kind: 'group',
			label: '家庭成员',
			help: '',
			required: false,
			fields: [{ id: 'name', kind: 'text', label: '姓名', help: '', required: true }]
		});
		const body = text(render(FormDiff, { props: { before, after } }).body);
		expect(body).toContain('“家庭成员”中的一列');
		expect(body).toContain('members.name');
	});
});
