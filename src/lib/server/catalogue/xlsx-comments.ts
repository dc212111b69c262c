/**
 * Cell comments (批注) are taken out of an uploaded .xlsx before ExcelJS reads it. ExcelJS 4.4
 * only finds comment parts named its own way (`xl/comments1.xml`, `xl/drawings/vmlDrawing1.vml`)
 * and crashes on any other (exceljs/exceljs issue #2797): openpyxl and pandas write
 * `xl/comments/comment1.xml` and `xl/drawings/commentsDrawing1.vml`, referenced by absolute
 * paths, so a template saved by a department's script was refused as unreadable. The import
 * never reads comments, so the sheets' relationships to them and the parts themselves are
 * removed; everything else in the file is kept as it was.
 */
import JSZip from 'jszip';

/** A relationship element, self-closing or not, in any namespace prefix. */
const RELATIONSHIP =
	/<(?:[\w.-]+:)?Relationship\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:[\w.-]+:)?Relationship\s*>)/g;
/** Comments and their legacy VML drawing, in the transitional and the strict namespace. */
const COMMENT_TYPE = /\bType\s*=\s*(["'])[^"']*\/(?:comments|vmlDrawing)\1/;
const TARGET = /\bTarget\s*=\s*(["'])([^"']*)\1/;

/** The part a relationship of `xl/worksheets/_rels/sheetN.xml.rels` points at, as a zip path. */
function partOf(target: string): string {
	const decoded = target.replace(/&amp;/g, '&');
	if (decoded.startsWith('/')) return decoded.slice(1);
	const parts = ['xl', 'worksheets'];
	for (const p of decoded.split('/')) {
		if (p === '..') parts.pop();
		else if (p !== '.' && p !== '') parts.push(p);
	}
	return parts.join('/');
}

/**
 * The workbook without cell comments, or the buffer itself when it has none (or is not a zip at
 * all, which ExcelJS then reports as unreadable).
 */
export async function withoutComments(buffer: Buffer): Promise<Buffer> {
	let zip: JSZip;
	try {
		zip = await JSZip.loadAsync(buffer);
	} catch {
		return buffer;
	}
	const drop = new Set<string>();
	let changed = false;
	for (const rels of zip.file(/^xl\/worksheets\/_rels\/[^/]+\.rels$/)) {
		const xml = await rels.async('string');
		let removed = false;
		const kept = xml.replace(RELATIONSHIP, (rel) => {
			if (!COMMENT_TYPE.test(rel)) return rel;
			const target = TARGET.exec(rel)?.[2];
			if (target) drop.add(partOf(target));
			removed = true;
			return '';
		});
		if (removed) {
			zip.file(rels.name, kept);
			changed = true;
		}
	}
	if (!changed) return buffer;
	for (const name of drop) zip.remove(name);
	return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}
