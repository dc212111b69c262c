import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nameProblem, safeFileName, visiblePart } from '../../src/lib/domain/visible-text';
import { keepFile, MAX_UPLOAD_BYTES } from '../../src/lib/server/uploads/store';

describe('visible text', () => {
	it('refuses names nobody can see and names with control or direction characters', () => {
		expect(nameProblem('张三')).toBeNull();
		expect(nameProblem('某某有限公司（分公司）')).toBeNull();
		expect(nameProblem('')).toBeNull(); // "required" is the caller's message
		for (const unseen of [
			'\u200B',
			'\u00AD\u2060',
			'\uFEFF \u3164',
			'\u0000\u001F',
			'\u2028\u200B'
		])
			expect(nameProblem(unseen), JSON.stringify(unseen)).toBe('INVISIBLE');
		for (const bad of ['张\u202E三', 'a\u0007b', '\u2066李四\u2069'])
			expect(nameProblem(bad), JSON.stringify(bad)).toBe('CONTROL_CHARS');
		expect(visiblePart(' a\u200Bb ')).toBe('ab');
	});

	it('makes file names safe: last path part, no controls or overrides, short, never empty', () => {
		expect(safeFileName('C:\\fakepath\\申请书.pdf')).toBe('申请书.pdf');
		expect(safeFileName('../../etc/passwd')).toBe('passwd');
		expect(safeFileName('report\u202Efdp.exe')).toBe('reportfdp.exe');
		expect(safeFileName('a<b>:c|d?.pdf')).toBe('a_b__c_d_.pdf');
		expect(safeFileName('.hidden')).toBe('hidden');
		expect(safeFileName('\u200B..')).toBe('file');
		const long = safeFileName(`${'𠀀'.repeat(150)}.jpeg`);
		expect([...long]).toHaveLength(100);
		expect(long.endsWith('.jpeg')).toBe(true);
	});
});

describe('keepFile', () => {
	it('judges size by the bytes received, not by the size the client claimed', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sunlit-keep-'));
		try {
			const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
			big.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
			const liar = {
				name: 'x.pdf',
				size: 10,
				type: 'application/pdf',
				arrayBuffer: async () => big.buffer
			};
			expect(await keepFile(dir, liar as unknown as File)).toEqual({
				ok: false,
				code: 'FILE_TOO_LARGE'
			});
			const empty = { name: 'x.pdf', size: 99, arrayBuffer: async () => new ArrayBuffer(0) };
			expect(await keepFile(dir, empty as unknown as File)).toEqual({
				ok: false,
				code: 'FILE_MISSING'
			});
			expect(readdirSync(dir)).toEqual([]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
