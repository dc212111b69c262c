import ElkApi, { type ELK, type ElkNode } from 'elkjs/lib/elk-api.js';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';
import { warmUpGraph, type LayoutEngine } from './auto-layout';

/**
 * ELK in a web worker, for the browser: the layout of a large flow (about a second for 300
 * steps on a cold engine) then never blocks the page. Only the layered algorithm is registered;
 * `dispose()` ends the worker.
 *
 * The page itself carries only ELK's small message API (elk-api.js, a few kB); the engine
 * (elkjs's 1.6 MB worker script) is loaded by the worker. `preload()`, called as the designer is
 * created, starts the worker at once: it fetches and compiles the engine on its own thread while
 * the page is still drawing the chart, then lays out a small made-up flow once (`warmUpGraph`).
 * ELK's first layout pays for initialising its classes and for running unoptimised code (about
 * half a second in a fresh engine), and that is then spent in the worker while the chart is being
 * drawn, not after the click on 自动排版. The flow being edited is never laid out in advance.
 */
export class WorkerLayoutEngine implements LayoutEngine {
	#elk: ELK | null = null;

	preload(): void {
		if (this.#elk || typeof Worker === 'undefined') return;
		this.#elk = new ElkApi({ workerUrl, algorithms: ['layered'] });
		// The answer is not used; should the engine fail, the real layout reports it.
		this.#elk.layout(warmUpGraph()).catch(() => {});
	}

	async layout(graph: ElkNode): Promise<ElkNode> {
		this.preload();
		if (!this.#elk) throw new Error('no web worker for the layout');
		return this.#elk.layout(graph);
	}

	dispose(): void {
		this.#elk?.terminateWorker();
		this.#elk = null;
	}
}
