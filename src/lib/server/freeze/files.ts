/**
 * Frozen item versions on disk: `<root>/<item-code>/v<n>/` with the files the compiler emitted.
 * Written atomically (a temporary folder beside the target, renamed into place), read back only
 * after every file is checked against manifest.json: a definition whose files do not match their
 * manifest (or whose content hash is not the one recorded) is refused.
 */
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../domain/errors';
import { sha256Hex } from '../../domain/hash';
import type { EmittedFiles, Manifest, RuntimeDefinition } from '../../compiler/types';

/** The folder of one item version. */
export function versionDir(root: string, code: string, version: number): string {
	if (!/^[0-9A-Za-z-]+$/.test(code) || !Number.isInteger(version) || version < 1)
		throw new AppError('FROZEN_PATH_INVALID');
	return join(root, code, `v${version}`);
}

/** Reads every file of a version folder (names sorted); undefined when there is no such folder. */
export function readVersionFiles(dir: string): EmittedFiles | undefined {
	if (!existsSync(dir)) return undefined;
	const out: EmittedFiles = {};
	for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name), 'utf8');
	return out;
}

/**
 * Writes `files` as `dir`, atomically. With `replace` an existing folder is swapped out (the
 * repository's build of `flows/`); without, an existing folder must already hold exactly these
 * bytes (a frozen version is never changed) or FROZEN_IMMUTABLE is thrown and nothing is written.
 */
export function writeVersionFiles(
	dir: string,
	files: EmittedFiles,
	opts: { replace?: boolean } = {}
): 'written' | 'unchanged' | 'replaced' {
	const existing = readVersionFiles(dir);
	if (existing && sameFiles(existing, files)) return 'unchanged';
	if (existing && !opts.replace) throw new AppError('FROZEN_IMMUTABLE', undefined, { dir });
	const parent = join(dir, '..');
	mkdirSync(parent, { recursive: true });
	const tmp = `${dir}.tmp-${process.pid}`;
	rmSync(tmp, { recursive: true, force: true });
	mkdirSync(tmp);
	for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp, name), text);
	if (existing) {
		const old = `${dir}.old-${process.pid}`;
		renameSync(dir, old);
		renameSync(tmp, dir);
		rmSync(old, { recursive: true, force: true });
		return 'replaced';
	}
	renameSync(tmp, dir);
	return 'written';
}

export function sameFiles(a: EmittedFiles, b: EmittedFiles): boolean {
	const ka = Object.keys(a).sort();
	const kb = Object.keys(b).sort();
	return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** What is wrong with a version's files against its manifest (empty: they match). */
export function verifyFiles(files: EmittedFiles): string[] {
	const problems: string[] = [];
	const text = files['manifest.json'];
	if (text === undefined) return ['manifest.json 缺失'];
	let manifest: Manifest;
	try {
		manifest = JSON.parse(text) as Manifest;
	} catch {
		return ['manifest.json 不是有效的 JSON'];
	}
	const listed = manifest.files ?? {};
	for (const [name, hash] of Object.entries(listed)) {
		const body = files[name];
		if (body === undefined) problems.push(`${name} 缺失`);
		else if (sha256Hex(body) !== hash) problems.push(`${name} 与清单中的哈希不符（已被改动）`);
	}
	for (const name of Object.keys(files))
		if (name !== 'manifest.json' && !(name in listed)) problems.push(`${name} 不在清单中`);
	if (listed['definition.json'] !== manifest.contentHash)
		problems.push('清单中的内容哈希与 definition.json 的哈希不一致');
	return problems;
}

/** A definition refused because its files do not match their manifest or the recorded hash. */
export class DefinitionTamperedError extends AppError {
	constructor(
		readonly problems: string[],
		readonly item: string,
		readonly version: number
	) {
		super('DEFINITION_TAMPERED', undefined, { item, version, problems: problems.join('；') });
	}
}

/**
 * The runtime definition of a frozen version, after checking every file against the manifest and
 * the manifest's content hash against `expectedHash` (what the database recorded at approval).
 */
export function loadVerifiedDefinition(
	root: string,
	code: string,
	version: number,
	expectedHash: string
): { definition: RuntimeDefinition; manifest: Manifest; files: EmittedFiles } {
	const files = readVersionFiles(versionDir(root, code, version));
	if (!files) throw new DefinitionTamperedError(['版本文件夹缺失'], code, version);
	const problems = verifyFiles(files);
	const manifest = problems.length ? undefined : (JSON.parse(files['manifest.json']!) as Manifest);
	if (manifest && manifest.contentHash !== expectedHash)
		problems.push('内容哈希与批准时记录的不一致');
	if (manifest && (manifest.item !== code || manifest.version !== version))
		problems.push('清单中的事项编码或版本号不符');
	if (problems.length || !manifest) throw new DefinitionTamperedError(problems, code, version);
	return {
		definition: JSON.parse(files['definition.json']!) as RuntimeDefinition,
		manifest,
		files
	};
}
