/**
 * Stage 4, emit: the files of a frozen item version, byte for byte reproducible (sorted keys,
 * tabs, a trailing newline, no timestamps; the generated-file header in each). `definition.json`
 * (the runtime definition), `form.schema.json` (JSON Schema 2020-12 of the application form, with
 * a versioned `$id`), `types.ts` (TypeScript types of the form data, from json-schema-to-typescript)
 * and, last, `manifest.json`: source hash, compiler version, the hash of every other file, and
 * the approval.
 */
import { compile } from 'json-schema-to-typescript';
import { canonicalJsonPretty } from '../domain/canonical-json';
import { sha256Hex } from '../domain/hash';
import { emptyForm } from '../domain/form/types';
import { toJsonSchema, type JsonSchema } from '../domain/form/to-schema';
import { frozenSchemaId } from './lower';
import type { NormalizedBundle } from './normalize';
import {
	COMPILER_VERSION,
	GENERATED_HEADER,
	type ApprovalInfo,
	type EmittedFiles,
	type Manifest,
	type RuntimeDefinition
} from './types';

/** The form's schema as frozen: the designer's schema under a versioned `$id`, with the header. */
export function frozenSchema(b: NormalizedBundle): JsonSchema {
	const form = b.form ?? emptyForm(b.item.code, b.item.content.name.trim());
	return {
		...toJsonSchema(form),
		$id: frozenSchemaId(b.item.code, b.item.version),
		$comment: GENERATED_HEADER
	};
}

/**
 * The schema as json-schema-to-typescript should see it: no `title`s (it would turn every
 * Chinese field label into a named type), labels and help kept as doc comments instead.
 */
function forTypes(schema: unknown): unknown {
	if (Array.isArray(schema)) return schema.map(forTypes);
	if (!schema || typeof schema !== 'object') return schema;
	const out: Record<string, unknown> = {};
	const s = schema as Record<string, unknown>;
	for (const [k, v] of Object.entries(s)) {
		if (k === 'title' || k === 'description' || k === '$id' || k === '$comment' || k === '$schema')
			continue;
		out[k] = k === 'items' ? forTypes(v) : v;
	}
	if (out.properties && typeof out.properties === 'object')
		out.properties = Object.fromEntries(
			Object.entries(out.properties as Record<string, unknown>).map(([k, v]) => [k, forTypes(v)])
		);
	const doc = [s.title, s.description].filter((x) => typeof x === 'string' && x.trim());
	if (doc.length) out.description = doc.join('：');
	return out;
}

/** Indents json-schema-to-typescript's unformatted output with tabs (prettier would cost ~100 ms). */
function indent(code: string): string {
	let depth = 0;
	const lines: string[] = [];
	for (const raw of code.split('\n')) {
		const line = raw.trim();
		if (!line) {
			if (lines.length && lines[lines.length - 1] !== '') lines.push('');
			continue;
		}
		if (/^[}\]]/.test(line)) depth = Math.max(0, depth - 1);
		const pad = '\t'.repeat(depth);
		lines.push(line.startsWith('*') ? `${pad} ${line}` : `${pad}${line}`);
		if (/[{[]$/.test(line)) depth++;
	}
	while (lines.length && lines[lines.length - 1] === '') lines.pop();
	return `${lines.join('\n')}\n`;
}

async function formTypes(schema: JsonSchema, b: NormalizedBundle): Promise<string> {
	const banner = `/*\n * ${GENERATED_HEADER}\n * ${b.item.code} v${b.item.version}: ${b.item.content.name.trim()}\n */`;
	const code = await compile(forTypes(schema) as Parameters<typeof compile>[0], 'ApplicationForm', {
		bannerComment: banner,
		format: false,
		additionalProperties: false,
		declareExternallyReferenced: true,
		unreachableDefinitions: false,
		strictIndexSignatures: true,
		ignoreMinAndMaxItems: true
	});
	return indent(code);
}

/** Every file but the manifest. */
export async function emitFiles(
	b: NormalizedBundle,
	definition: RuntimeDefinition
): Promise<EmittedFiles> {
	const schema = frozenSchema(b);
	return {
		'definition.json': canonicalJsonPretty(definition),
		'form.schema.json': canonicalJsonPretty(schema),
		'types.ts': await formTypes(schema, b)
	};
}

/** The manifest over `files` (which must not contain it). */
export function emitManifest(
	b: NormalizedBundle,
	sourceHash: string,
	files: EmittedFiles,
	approval: ApprovalInfo
): string {
	const hashes = Object.fromEntries(
		Object.keys(files)
			.sort()
			.map((name) => [name, sha256Hex(files[name]!)])
	);
	const manifest: Manifest = {
		$comment: GENERATED_HEADER,
		format: 'sunlit.manifest',
		formatVersion: 1,
		item: b.item.code,
		version: b.item.version,
		compiler: { name: 'sunlit-freeze', version: COMPILER_VERSION },
		sourceHash,
		contentHash: hashes['definition.json']!,
		files: hashes,
		approval
	};
	return canonicalJsonPretty(manifest);
}
