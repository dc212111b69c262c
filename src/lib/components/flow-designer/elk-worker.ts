import type { ELK, ElkNode } from 'elkjs/lib/elk-api';
import type { LayoutEngine } from './auto-layout';

/**
 * ELK in a web worker, for the browser: the layout of a large flow (about a second for 300
 * steps on a cold engine) then never blocks the page. `preload()` starts the worker, which
 * fetches and compiles elkjs off the main thread, so the first click on 自动排版 does not wait
 * for the download either; `dispose()` ends the worker. Only the layered algorithm is registered.
 */
export class WorkerLayoutEngine implements LayoutEngine {
	#elk: Promise<ELK> | null = null;

	preload(): void {
		this.#elk ??= Promise.all([
			import('elkjs/lib/elk-api.js'),
			import('elkjs/lib/elk-worker.min.js?url')
		]).then(
			([{ default: ELK }, { default: workerUrl }]) =>
				new ELK({ workerUrl, algorithms: ['layered'] })
		);
	}

	async layout(graph: ElkNode): Promise<ElkNode> {
		this.preload();
		return (await this.#elk!).layout(graph);
	}

	dispose(): void {
		void this.#elk?.then((elk) => elk.terminateWorker());
		this.#elk = null;
	}
}
