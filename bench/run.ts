/**
 * npm run bench: runs every suite below, prints each figure as `name: value unit` and writes them
 * all to bench/results.json (`{ "name": { "value": n, "unit": "…" } }`, keys sorted).
 * `npm run bench -- <suite> [<suite>…]` runs only the named suites (e.g. `designer-open`); their
 * figures replace the same names in bench/results.json and the other figures stay as they were.
 * Add a suite by writing bench/suites/<area>.ts and listing it here.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rounded, type Figure, type Suite } from './lib';
import { catalogueSearch } from './suites/catalogue-search';
import { designerLint } from './suites/designer-lint';
import { designerOpen } from './suites/designer-open';
import { freeze } from './suites/freeze';
import { runner } from './suites/runner';
import { supervision } from './suites/supervision';

const SUITES: readonly Suite[] = [
	catalogueSearch,
	designerLint,
	designerOpen,
	freeze,
	runner,
	supervision
];

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

async function main(): Promise<void> {
	const wanted = process.argv.slice(2);
	const unknown = wanted.filter((name) => !SUITES.some((s) => s.name === name));
	if (unknown.length)
		throw new Error(
			`unknown suite ${unknown.join(', ')}; known: ${SUITES.map((s) => s.name).join(', ')}`
		);
	const selected = wanted.length ? SUITES.filter((s) => wanted.includes(s.name)) : SUITES;
	const figures = new Map<string, Figure>();
	for (const suite of selected) {
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
	// A partial run keeps the figures of the suites it did not run.
	const previous: Record<string, { value: number; unit: string }> =
		wanted.length && existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
	const merged = new Map<string, { value: number; unit: string }>(Object.entries(previous));
	for (const [name, { value, unit }] of figures) merged.set(name, { value, unit });
	const out = Object.fromEntries(
		[...merged.keys()].sort().map((name) => [name, merged.get(name)!])
	);
	writeFileSync(RESULTS, `${JSON.stringify(out, null, '\t')}\n`);
	console.error(`${figures.size} figures written to bench/results.json (${merged.size} in all)`);
}

main().catch((err: unknown) => {
	console.error(err instanceof Error ? (err.stack ?? err.message) : err);
	process.exitCode = 1;
});
