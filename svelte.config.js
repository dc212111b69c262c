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
		// inline start-up script; no other inline script runs. Svelte Flow and ECharts position
		// their elements with inline styles, hence 'unsafe-inline' for styles only. The application
		// form and the form designer's preview compile the form's JSON Schema check in the browser
		// (ajv, with new Function), hence 'unsafe-eval' — on every page, because the client router
		// keeps the policy of the first page loaded. Other HTML gets src/lib/server/http/headers.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'unsafe-eval'],
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
