import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bpmnUpload } from '../../src/lib/server/bpmn/upload';

/** Files as Chinese Windows modelers save them; the GBK / GB18030 ones made with `iconv -t gbk`. */
const bytes = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', 'bpmn', name));
const reference = bytes('bpmn-io-reference.bpmn').toString('utf8');
const NAMES = ['受理', '审查', '决定', '送达', '办结'];

const upload = async (data: Uint8Array) => bpmnUpload(new Blob([new Uint8Array(data)]), 'X-E');
const names = (r: Awaited<ReturnType<typeof upload>>) => r.flow.semantics.nodes.map((n) => n.name);

/** UTF-16 bytes of `text`, with a byte order mark. */
function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
	const le = Buffer.from(`\ufeff${text}`, 'utf16le');
	if (endian === 'le') return le;
	const be = Buffer.from(le);
	for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [le[i + 1] ?? 0, le[i] ?? 0];
	return be;
}

describe('BPMN upload: encodings', () => {
	it('decodes a GBK file as its XML declaration says, Chinese names intact', async () => {
		const gbk = bytes('gbk-declared.bpmn');
		expect(gbk.toString('latin1')).toContain('encoding="GBK"');
		expect(gbk.includes(Buffer.from('受理', 'utf8'))).toBe(false);
		const result = await upload(gbk);
		expect(result.problems).toEqual([]);
		expect(names(result)).toEqual(NAMES);
		expect(result.flow.name).toBe('参考流程');
	});

	it('decodes GB18030, including characters beyond GBK', async () => {
		const result = await upload(bytes('gb18030-declared.bpmn'));
		expect(result.problems).toEqual([]);
		expect(names(result)).toEqual(['受理', '审查', '决定', '送达𠀀', '办结']);
	});

	it('decodes UTF-16 with a byte order mark (both byte orders) and UTF-8 with one', async () => {
		const declared = reference.replace('encoding="UTF-8"', 'encoding="UTF-16"');
		for (const data of [utf16(declared, 'le'), utf16(declared, 'be')]) {
			const result = await upload(data);
			expect(result.problems).toEqual([]);
			expect(names(result)).toEqual(NAMES);
		}
		const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(reference)]);
		expect(names(await upload(bom))).toEqual(NAMES);
	});

	it('refuses clearly what it cannot decode, instead of garbled names', async () => {
		// GBK bytes without a declaration: not UTF-8 and nothing says what it is
		const undeclared = Buffer.from(
			bytes('gbk-declared.bpmn')
				.toString('latin1')
				.replace(/<\?xml[^>]*\?>/, ''),
			'latin1'
		);
		const a = await upload(undeclared);
		expect(a.problems.map((p) => [p.code, p.severity])).toEqual([['ENCODING_UNDECLARED', 'error']]);
		expect(a.problems[0]?.message).toContain('不是 UTF-8 编码');
		// declared UTF-8 but holding GBK bytes
		const lying = Buffer.from(
			bytes('gbk-declared.bpmn').toString('latin1').replace('encoding="GBK"', 'encoding="UTF-8"'),
			'latin1'
		);
		const b = await upload(lying);
		expect(b.problems.map((p) => p.code)).toEqual(['ENCODING_INVALID']);
		expect(b.problems[0]?.message).toContain('声明为 UTF-8 编码');
		const c = await upload(Buffer.from(reference.replace('UTF-8', 'x-klingon')));
		expect(c.problems.map((p) => p.code)).toEqual(['ENCODING_UNSUPPORTED']);
		expect(c.problems[0]?.message).toContain('x-klingon');
		for (const r of [a, b, c]) expect(r.flow.semantics.nodes).toEqual([]);
	});
});
