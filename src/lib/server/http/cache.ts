import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Answers for the read-only public API and downloads (the catalogue as JSON, CSV and Excel,
 * frozen definition files, BPMN): a strong ETag (SHA-256 of the body bytes), Cache-Control, 304
 * to a matching If-None-Match, and text compressed with br or gzip as Accept-Encoding asks
 * (Vary: Accept-Encoding). A compressed answer's ETag carries the encoding (`"…-br"`), as a
 * different representation must; If-None-Match matches any encoding of the same bytes.
 */

/** Caches may keep it but must ask again (the catalogue changes when an entry is published). */
export const REVALIDATE = 'public, no-cache';
/** Never changes at this URL (a frozen version's file). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Bodies smaller than this are sent as they are. */
const MIN_COMPRESS = 256;

type Encoding = 'br' | 'gzip';

export interface CachedBodyOptions {
	contentType: string;
	cacheControl: string;
	/** Compress (text); not for formats that are compressed already (xlsx). */
	compress: boolean;
	headers?: Record<string, string>;
}

function etagOf(bytes: Uint8Array): string {
	return `"${createHash('sha256').update(bytes).digest('base64url')}"`;
}

/** The encoding Accept-Encoding prefers among br and gzip (q > 0), or null for none. */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
	if (!acceptEncoding) return null;
	const q = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const value = qp ? Number(qp.slice(2)) : 1;
		q.set(name, Number.isFinite(value) ? value : 0);
	}
	const of = (name: Encoding) => q.get(name) ?? (q.has('*') ? q.get('*')! : 0);
	const br = of('br');
	const gzip = of('gzip');
	if (br <= 0 && gzip <= 0) return null;
	return br >= gzip ? 'br' : 'gzip';
}

/** True when If-None-Match names `etag` (in any encoding of it) or is `*`. */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	const base = etag.slice(1, -1);
	return ifNoneMatch.split(',').some((raw) => {
		const tag = raw.trim().replace(/^W\//, '');
		if (tag === '*') return true;
		const inner = tag.replace(/^"|"$/g, '').replace(/-(br|gzip)$/, '');
		return inner === base;
	});
}

const compressed = new Map<string, Buffer>();
const MAX_KEPT = 64;

function compress(bytes: Uint8Array, etag: string, encoding: Encoding): Buffer {
	const key = `${encoding}:${etag}`;
	const kept = compressed.get(key);
	if (kept) return kept;
	const out =
		encoding === 'br'
			? brotliCompressSync(bytes, {
					params: {
						[constants.BROTLI_PARAM_QUALITY]: 5,
						[constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength
					}
				})
			: gzipSync(bytes);
	if (compressed.size >= MAX_KEPT) compressed.delete(compressed.keys().next().value!);
	compressed.set(key, out);
	return out;
}

/** The answer for `body` to `request`: 200 (perhaps compressed) or 304. */
export function cachedBody(
	request: Request,
	body: string | Uint8Array,
	options: CachedBodyOptions
): Response {
	const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
	const etag = etagOf(bytes);
	const encoding =
		options.compress && bytes.byteLength >= MIN_COMPRESS
			? chooseEncoding(request.headers.get('accept-encoding'))
			: null;
	const tag = encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag;
	const headers = new Headers({
		'cache-control': options.cacheControl,
		etag: tag
	});
	if (options.compress) headers.set('vary', 'Accept-Encoding');
	if (matchesEtag(request.headers.get('if-none-match'), etag))
		return new Response(null, { status: 304, headers });
	headers.set('content-type', options.contentType);
	for (const [k, v] of Object.entries(options.headers ?? {})) headers.set(k, v);
	if (!encoding) return new Response(new Uint8Array(bytes), { headers });
	const out = compress(bytes, etag, encoding);
	headers.set('content-encoding', encoding);
	headers.set('content-length', String(out.byteLength));
	return new Response(new Uint8Array(out), { headers });
}
