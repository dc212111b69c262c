/**
 * Test-only clock for the Playwright server: loaded with `node --import` by playwright.config.ts,
 * never part of the build. When SUNLIT_TEST_CLOCK_FILE is set, `Date` runs ahead of the real
 * time by the milliseconds written in that file (re-read at most every 100 ms), so a journey can
 * let working days pass — a case going overdue — without the product exposing any way to move
 * its clock.
 */
import { readFileSync } from 'node:fs';

const file = process.env.SUNLIT_TEST_CLOCK_FILE;
if (file) {
	const RealDate = globalThis.Date;
	const realNow = RealDate.now.bind(RealDate);
	let offset = 0;
	let checked = -Infinity;
	const skew = () => {
		const t = realNow();
		if (t - checked > 100) {
			checked = t;
			try {
				offset = Number(readFileSync(file, 'utf8').trim()) || 0;
			} catch {
				offset = 0;
			}
		}
		return offset;
	};
	class SkewedDate extends RealDate {
		constructor(...args) {
			if (args.length === 0) super(realNow() + skew());
			else super(...args);
		}
		static now() {
			return realNow() + skew();
		}
	}
	globalThis.Date = SkewedDate;
}
