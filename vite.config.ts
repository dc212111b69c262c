import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['test/unit/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'server',
					include: ['test/server/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['test/server/global-setup.ts'],
					testTimeout: 30000,
					hookTimeout: 60000
				}
			}
		]
	}
});
