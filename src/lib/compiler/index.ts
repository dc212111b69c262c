/**
 * The freezing compiler (固化): a power item version's bundle (catalogue entry, flowchart,
 * application form) → the immutable files the case runner executes. A chain of named stages, one
 * file each: validate → normalize → lower → emit. Diagnostics are collected before anything is
 * emitted; a bundle with an error gives no files. Pure: no clock, no randomness, no I/O; the same
 * sources give the same bytes. Writing the files (atomically) is the caller's business
 * (src/lib/server/freeze/).
 */
import { canonicalJson, canonicalJsonPretty } from '../domain/canonical-json';
import { sha256Hex } from '../domain/hash';
import { emitFiles, emitManifest } from './emit';
import { lowerBundle } from './lower';
import { normalizeBundle } from './normalize';
import type { Locale } from '../i18n/index';
import type { ApprovalInfo, BundleSource, Diagnostic, EmittedFiles } from './types';
import { hasErrors, validateBundle } from './validate';

export { COMPILER_VERSION, EMITTED_FILES, GENERATED_HEADER } from './types';
export type * from './types';
export { evaluate } from './expr';
export { hasErrors } from './validate';

/** The stages in the order they run. */
export const STAGES = ['validate', 'normalize', 'lower', 'emit'] as const;
export type Stage = (typeof STAGES)[number];

export type CompileResult =
	| { ok: false; diagnostics: Diagnostic[] }
	| {
			ok: true;
			diagnostics: Diagnostic[];
			files: EmittedFiles;
			/** SHA-256 of definition.json. */
			contentHash: string;
			sourceHash: string;
	  };

/** SHA-256 of the canonical JSON of the bundle's sources (the organisation model excluded). */
export function sourceHash(src: BundleSource): string {
	return sha256Hex(canonicalJson({ item: src.item, flow: src.flow, form: src.form }));
}

/** Only the validate stage: what the reviewer and the designer see before approving. */
export function checkBundle(src: BundleSource, locale: Locale = 'zh'): Diagnostic[] {
	return validateBundle(src, locale);
}

/**
 * Compiles `src`. `approval` says who approved it and under which audit record (it goes into the
 * manifest only); `approval: null` compiles everything but the manifest's approval, which is then
 * `{ by: '', at: '', record: null }` — for a check before the approval is recorded.
 */
export async function compileBundle(
	src: BundleSource,
	approval: ApprovalInfo | null
): Promise<CompileResult> {
	const diagnostics = validateBundle(src);
	if (hasErrors(diagnostics)) return { ok: false, diagnostics };
	const normalized = normalizeBundle(src);
	const definition = lowerBundle(normalized);
	const files = await emitFiles(normalized, definition);
	const hash = sourceHash(src);
	const manifest = emitManifest(
		normalized,
		hash,
		files,
		approval ?? { by: '', at: '', record: null }
	);
	const all: EmittedFiles = { ...files, 'manifest.json': manifest };
	return {
		ok: true,
		diagnostics,
		files: Object.fromEntries(
			Object.keys(all)
				.sort()
				.map((k) => [k, all[k]!])
		),
		contentHash: sha256Hex(files['definition.json']!),
		sourceHash: hash
	};
}

/**
 * Re-attaches an approval to compiled files: the manifest is the only file that names it, so
 * approving after a check does not recompile.
 */
export function withApproval(files: EmittedFiles, approval: ApprovalInfo): EmittedFiles {
	const manifest = JSON.parse(files['manifest.json']!) as Record<string, unknown>;
	manifest.approval = approval;
	return { ...files, 'manifest.json': canonicalJsonPretty(manifest) };
}
