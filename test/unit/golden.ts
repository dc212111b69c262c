/** Reading the freeze compiler's golden cases (test/golden/<case>/input). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApprovalInfo, BundleSource } from '../../src/lib/compiler/types';
import { normalizeContent } from '../../src/lib/domain/catalogue/normalize';
import { DEMO_ORG } from '../../src/lib/server/freeze/repository-sources';

export const GOLDEN_ROOT = join(import.meta.dirname, '..', 'golden');

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const optional = (path: string): unknown => (existsSync(path) ? readJson(path) : null);

export function goldenInput(name: string): { source: BundleSource; approval: ApprovalInfo } {
	const dir = join(GOLDEN_ROOT, name, 'input');
	const entry = readJson(join(dir, 'entry.json')) as {
		code: string;
		version: number;
		department: string;
		content: unknown;
	};
	return {
		source: {
			item: { ...entry, content: normalizeContent(entry.content) },
			flow: optional(join(dir, 'flow.json')) as BundleSource['flow'],
			form: optional(join(dir, 'form.json')) as BundleSource['form'],
			org: (optional(join(dir, 'org.json')) as BundleSource['org'] | null) ?? DEMO_ORG
		},
		approval: readJson(join(dir, 'approval.json')) as ApprovalInfo
	};
}

export const GOLDEN_CASES = readdirSync(GOLDEN_ROOT, { withFileTypes: true })
	.filter((d) => d.isDirectory())
	.map((d) => d.name)
	.sort();
