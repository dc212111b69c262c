/**
 * JSON with object keys sorted at every depth and no insignificant whitespace, so the same value
 * always gives the same bytes (the basis of every hash the product records).
 */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value && typeof value === 'object' && !(value instanceof Date)) {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) {
			const v = (value as Record<string, unknown>)[key];
			if (v !== undefined) out[key] = sortKeys(v);
		}
		return out;
	}
	return value;
}

/**
 * The same sorted-key value indented with tabs and ending in a newline: how generated files are
 * written (byte-for-byte reproducible, and readable in a diff).
 */
export function canonicalJsonPretty(value: unknown): string {
	return `${JSON.stringify(sortKeys(value), null, '\t')}\n`;
}
