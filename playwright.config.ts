import { defineConfig } from '@playwright/test';
import { join } from 'node:path';

/**
 * Journeys through the built app (`node build`) in Debian's Chromium, on a fresh temporary
 * database seeded with the demo county. No browser download: the system Chromium is used.
 */
const PORT = Number(process.env.E2E_PORT ?? 4173);
const dataDir = join(process.cwd(), 'test/e2e/.tmp');

export default defineConfig({
	testDir: 'test/e2e',
	outputDir: 'test-results',
	fullyParallel: false,
	workers: 1,
	forbidOnly: true,
	retries: 0,
	timeout: 30_000,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		// Every run starts from an empty database, which the server seeds with the demo county.
		// test/e2e/fake-clock.mjs lets a journey move the server's clock (supervision.spec.ts); it is
		// loaded only here, never by the product.
		command: `rm -rf ${dataDir} && mkdir -p ${dataDir} && node --import ./test/e2e/fake-clock.mjs build`,
		url: `http://localhost:${PORT}/api/v1/health`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: `http://localhost:${PORT}`,
			SUNLIT_DB: join(dataDir, 'e2e.db'),
			// The demo county without its demo cases: journeys count what they make.
			SUNLIT_DEMO_CASES: '0',
			// Spreadsheet imports of up to 5 MB (adapter-node's default limit is 512 KB).
			BODY_SIZE_LIMIT: '6M',
			// Every journey comes from this one address: no hourly limit on applications and uploads.
			SUNLIT_LIMIT_EXEMPT: '127.0.0.1',
			SUNLIT_TEST_CLOCK_FILE: join(dataDir, 'clock-offset-ms'),
			// Supervision sweeps every second and the live overview looks for changes twice a second.
			SUNLIT_SUPERVISION_INTERVAL_MS: '1000',
			SUNLIT_LIVE_POLL_MS: '500'
		}
	}
});
