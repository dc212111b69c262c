/**
 * npm run bench: runs every suite below, prints each figure as `name: value unit` and writes them
 * all to bench/results.json (`{ "name": { "value": n, "unit": "…" } }`, keys sorted).
 * Add a suite by writing bench/suites/<area>.ts and listing it here.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rounded, type Figure, type Suite } from './lib';
import { catalogueSearch } from './suites/catalogue-search';
import { designerLint } from './suites/designer-lint';
import { designerOpen } from './suites/designer-open';
import { freeze } from './suites/freeze';

const SUITES: readonly Suite[] = [catalogueSearch, designerLint, designerOpen, freeze];

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

async function main(): Promise<void> {
	const figures = new Map<string, Figure>();
	for (const suite of SUITES) {
		const log = (message: string) => console.error(`[${suite.name}] ${message}`);
		log('start');
		const started = process.hrtime.bigint();
		for (const figure of await suite.run({ log })) {
			if (!Number.isFinite(figure.value)) throw new Error(`${figure.name} is not a number`);
			if (figures.has(figure.name)) throw new Error(`figure ${figure.name} reported twice`);
			const r = rounded(figure);
			figures.set(r.name, r);
			console.log(`${r.name}: ${r.value} ${r.unit}`);
		}
		log(`done in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
	}
	const sorted = [...figures.keys()].sort();
	const out = Object.fromEntries(
		sorted.map((name) => {
			const { value, unit } = figures.get(name)!;
			return [name, { value, unit }];
		})
	);
	writeFileSync(RESULTS, `${JSON.stringify(out, null, '\t')}\n`);
	console.error(`${figures.size} figures written to bench/results.json`);
}

main().catch((err: unknown) => {
	console.error(err instanceof Error ? (err.stack ?? err.message) : err);
	process.exitCode = 1;
});
