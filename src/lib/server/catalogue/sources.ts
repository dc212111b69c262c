import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CatalogueSourceFile } from '../services/catalogue-service';

/** The demo county's published catalogue, one JSON file per entry under `flows/catalogue/`. */
export function readCatalogueSources(
	dir = resolve('flows', 'catalogue')
): { name: string; source: CatalogueSourceFile }[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((name) => ({
			name,
			source: JSON.parse(readFileSync(join(dir, name), 'utf8')) as CatalogueSourceFile
		}));
}

/** The demo items' flowcharts and forms: `flows/items/<code>.flow.json` and `<code>.form.json`. */
export function readDesignSources(
	dir = resolve('flows', 'items')
): { name: string; kind: 'flow' | 'form'; document: { item: string } & Record<string, unknown> }[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => /\.(flow|form)\.json$/.test(f))
		.sort()
		.map((name) => ({
			name,
			kind: name.endsWith('.flow.json') ? ('flow' as const) : ('form' as const),
			document: JSON.parse(readFileSync(join(dir, name), 'utf8'))
		}));
}
