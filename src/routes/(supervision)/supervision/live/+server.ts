import { getApp } from '$lib/server/app';
import { auditHead } from '$lib/server/repositories/audit-repository';
import { supervisionOverview } from '$lib/server/services/supervision-service';
import type { RequestHandler } from './$types';

/** How often the stream looks for changes (SUNLIT_LIVE_POLL_MS, default 2 s). */
const POLL_MS = Math.max(100, Number(process.env.SUNLIT_LIVE_POLL_MS) || 2000);
const HEARTBEAT_MS = 15_000;

/**
 * GET /supervision/live: the overview as server-sent events (`event: overview`, JSON data), sent
 * at once and again whenever it changes. Every change to cases, warnings, exceptions and notices
 * appends to the audit log, so the stream re-reads the overview only when the log's head moved.
 */
export const GET: RequestHandler = ({ request }) => {
	const { db } = getApp();
	const encoder = new TextEncoder();
	let timer: ReturnType<typeof setInterval> | undefined;
	let beat: ReturnType<typeof setInterval> | undefined;
	const stop = () => {
		clearInterval(timer);
		clearInterval(beat);
	};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			let head = -1;
			let last = '';
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			const check = () => {
				const now = auditHead(db).seq;
				if (now === head) return;
				head = now;
				const body = JSON.stringify(supervisionOverview(db));
				if (body === last) return;
				last = body;
				send(`event: overview\ndata: ${body}\n\n`);
			};
			send('retry: 3000\n\n');
			check();
			timer = setInterval(check, POLL_MS);
			beat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
			request.signal.addEventListener('abort', () => {
				stop();
				try {
					controller.close();
				} catch {
					/* already closed */
				}
			});
		},
		cancel: stop
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			'x-accel-buffering': 'no'
		}
	});
};
