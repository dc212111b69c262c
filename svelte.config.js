import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// SvelteKit's own origin check covers every route, the API too, where outside systems post
		// multipart uploads without an Origin header. '*' switches it off; hooks.server.ts makes the
		// same check for form posts to pages (src/lib/server/http/forms.ts), /api/ exempt.
		csrf: { trustedOrigins: ['*'] },
		// The Content-Security-Policy of every page: SvelteKit adds a nonce (or a hash) for its own
		// inline start-up script; nothing else inline may run. Svelte Flow and ECharts position
		// their elements with inline styles, hence 'unsafe-inline' for styles only. The public
		// application form compiles its JSON Schema check in the browser (ajv): hooks.server.ts
		// allows 'unsafe-eval' on that one page. Other HTML gets the headers of
		// src/lib/server/http/headers.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
