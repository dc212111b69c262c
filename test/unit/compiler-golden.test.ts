/**
 * Golden tests of the freeze compiler: each `test/golden/<case>/input/` (entry.json, flow.json,
 * form.json when the item has one, approval.json, org.json to replace the demo county's) compiles
 * to exactly the files in `expected/` — first the list of files, then each file byte for byte. A
 * rejected bundle's expected output is `diagnostics.json`. `UPDATE_GOLDEN=1` rewrites `expected/`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBundle } from '../../src/lib/compiler';
import type { EmittedFiles } from '../../src/lib/compiler/types';
import { canonicalJsonPretty } from '../../src/lib/domain/canonical-json';
import { GOLDEN_CASES, GOLDEN_ROOT, goldenInput } from './golden';

const ROOT = GOLDEN_ROOT;
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** What a case compiles to, as files: the emitted ones, or diagnostics.json when refused. */
async function actualFiles(name: string): Promise<EmittedFiles> {
	const { source, approval } = goldenInput(name);
	const result = await compileBundle(source, approval);
	if (!result.ok) return { 'diagnostics.json': canonicalJsonPretty(result.diagnostics) };
	return result.files;
}

function readExpected(dir: string): EmittedFiles {
	if (!existsSync(dir)) return {};
	return Object.fromEntries(
		readdirSync(dir)
			.sort()
			.map((f) => [f, readFileSync(join(dir, f), 'utf8')])
	);
}

describe('freeze compiler golden files', () => {
	it('has at least 8 cases, one of them rejected', () => {
		expect(GOLDEN_CASES.length).toBeGreaterThanOrEqual(8);
		expect(
			GOLDEN_CASES.some((c) => existsSync(join(ROOT, c, 'expected', 'diagnostics.json')))
		).toBe(true);
	});

	for (const name of GOLDEN_CASES)
		it(name, async () => {
			const actual = await actualFiles(name);
			const dir = join(ROOT, name, 'expected');
			if (UPDATE) {
				rmSync(dir, { recursive: true, force: true });
				mkdirSync(dir, { recursive: true });
				for (const [file, text] of Object.entries(actual)) writeFileSync(join(dir, file), text);
			}
			const expected = readExpected(dir);
			expect(Object.keys(actual).sort(), 'the list of files').toEqual(Object.keys(expected));
			for (const file of Object.keys(expected))
				expect(actual[file], `${name}/expected/${file}`).toBe(expected[file]);
		});
});
