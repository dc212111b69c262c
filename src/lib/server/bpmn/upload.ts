/**
 * An uploaded BPMN file → flow: the size limit, the bytes decoded as the file says
 * (`decode.ts`: byte order mark, XML declaration, else UTF-8), then `bpmnToFlow`.
 * Refusals are problems like any other (an error), so the studio shows them in the same list.
 */
import { emptyFlow } from '../../domain/flow/types';
import { decodeXml } from './decode';
import { bpmnToFlow, type BpmnImport } from './import';
import { problem } from './problems';

/** The largest BPMN file the studio reads, in bytes (2 MB). */
export const BPMN_MAX_BYTES = 2_000_000;

/** `bytes` as a person reads a file size: `1.5 MB`, `820 KB`. */
export function fileSize(bytes: number): string {
	if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1).replace(/\.0$/, '')} MB`;
	return `${Math.max(1, Math.round(bytes / 1000))} KB`;
}

/** The flow of `item` from an uploaded file (refused when empty or larger than the limit). */
export async function bpmnUpload(file: Blob, item: string): Promise<BpmnImport> {
	const refuse = (p: ReturnType<typeof problem>) => ({ flow: emptyFlow(item, ''), problems: [p] });
	if (file.size === 0) return refuse(problem('FILE_EMPTY', 'error', ''));
	if (file.size > BPMN_MAX_BYTES) {
		const params = { size: fileSize(file.size), limit: fileSize(BPMN_MAX_BYTES) };
		return refuse(problem('FILE_TOO_LARGE', 'error', '', '', params));
	}
	const decoded = decodeXml(new Uint8Array(await file.arrayBuffer()));
	if (!decoded.ok) return refuse(decoded.problem);
	return bpmnToFlow(decoded.text, item);
}
