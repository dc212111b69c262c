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
