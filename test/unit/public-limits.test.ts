import { describe, expect, it } from 'vitest';
import {
	addressKey,
	DEFAULT_APPLICATIONS_PER_HOUR,
	DEFAULT_COMPLAINTS_PER_HOUR,
	DEFAULT_EVALUATIONS_PER_HOUR,
	DEFAULT_SUPPLEMENTS_PER_HOUR,
	DEFAULT_UPLOAD_MB_PER_HOUR,
	PublicLimits,
	publicLimitSettings,
	waitMinutes
} from '../../src/lib/server/public-limits';

describe('publicLimitSettings', () => {
	it('has defaults, reads whole numbers and a list of exempt addresses', () => {
		expect(publicLimitSettings({})).toEqual({
			applicationsPerHour: DEFAULT_APPLICATIONS_PER_HOUR,
			uploadMbPerHour: DEFAULT_UPLOAD_MB_PER_HOUR,
			complaintsPerHour: DEFAULT_COMPLAINTS_PER_HOUR,
			evaluationsPerHour: DEFAULT_EVALUATIONS_PER_HOUR,
			supplementsPerHour: DEFAULT_SUPPLEMENTS_PER_HOUR,
			exempt: new Set()
		});
		const s = publicLimitSettings({
			SUNLIT_APPLICATIONS_PER_HOUR: ' 0 ',
			SUNLIT_UPLOAD_MB_PER_HOUR: '20',
			SUNLIT_LIMIT_EXEMPT: '10.1.2.3, ::ffff:10.1.2.4  2001:db8::1'
		});
		expect(s.applicationsPerHour).toBe(0);
		expect(s.uploadMbPerHour).toBe(20);
		expect([...s.exempt]).toEqual(['10.1.2.3', '10.1.2.4', '2001:db8::1']);
	});

	it('refuses a value that is not a whole number, naming the variable in Chinese', () => {
		for (const bad of ['-1', '1.5', 'abc'])
			expect(() => publicLimitSettings({ SUNLIT_UPLOAD_MB_PER_HOUR: bad })).toThrow(
				`环境变量 SUNLIT_UPLOAD_MB_PER_HOUR 应为不小于 0 的整数（0 表示不限），现为“${bad}”`
			);
	});
});

describe('PublicLimits', () => {
	const limits = (
		applicationsPerHour: number,
		uploadMbPerHour: number,
		exempt: string[] = [],
		other = { complaintsPerHour: 0, evaluationsPerHour: 0, supplementsPerHour: 0 }
	) =>
		new PublicLimits({ applicationsPerHour, uploadMbPerHour, ...other, exempt: new Set(exempt) });

	it('counts complaints, evaluations and supplements per address and kind, exempt addresses aside', async () => {
		const l = limits(0, 0, ['10.0.0.9'], {
			complaintsPerHour: 2,
			evaluationsPerHour: 1,
			supplementsPerHour: 1
		});
		expect(publicLimitSettings({ SUNLIT_COMPLAINTS_PER_HOUR: '3' }).complaintsPerHour).toBe(3);
		await l.taken('complaints', '10.0.0.1');
		expect(await l.wait('complaints', '10.0.0.1')).toBe(0);
		await l.taken('complaints', '10.0.0.1');
		expect(await l.wait('complaints', '10.0.0.1')).toBeGreaterThan(3_590_000);
		expect(l.limitOf('complaints')).toBe(2);
		// Each kind has its own count, each address its own hour.
		expect(await l.wait('evaluations', '10.0.0.1')).toBe(0);
		expect(await l.wait('complaints', '10.0.0.2')).toBe(0);
		await l.taken('supplements', '10.0.0.1');
		expect(await l.wait('supplements', '10.0.0.1')).toBeGreaterThan(0);
		for (let i = 0; i < 3; i++) await l.taken('complaints', '10.0.0.9');
		expect(await l.wait('complaints', '10.0.0.9')).toBe(0);
	});

	it('counts applications per address, an IPv4 client the same however the socket names it', async () => {
		const l = limits(2, 1);
		expect(await l.applicationWait('10.0.0.1')).toBe(0);
		await l.applicationTaken('10.0.0.1');
		await l.applicationTaken('::ffff:10.0.0.1');
		const wait = await l.applicationWait('10.0.0.1');
		expect(wait).toBeGreaterThan(3_590_000);
		expect(wait).toBeLessThanOrEqual(3_600_000);
		expect(waitMinutes(wait)).toBe(60);
		// Another address has its own hour.
		expect(await l.applicationWait('10.0.0.2')).toBe(0);
	});

	it('never limits an exempt address, nor anyone when a limit is 0', async () => {
		const exempt = limits(1, 1, ['10.0.0.9']);
		const off = limits(0, 0);
		for (let i = 0; i < 5; i++) {
			await exempt.applicationTaken('10.0.0.9');
			await off.applicationTaken('10.0.0.1');
			expect(await exempt.uploadWait('10.0.0.9', 1024 * 1024)).toBe(0);
			expect(await off.uploadWait('10.0.0.1', 1024 * 1024)).toBe(0);
		}
		expect(await exempt.applicationWait('10.0.0.9')).toBe(0);
		expect(await off.applicationWait('10.0.0.1')).toBe(0);
	});

	it('counts upload kilobytes, and a refused upload does not count', async () => {
		const l = limits(1, 1);
		expect(await l.uploadWait('10.0.0.1', 700 * 1024)).toBe(0);
		expect(await l.uploadWait('10.0.0.1', 400 * 1024)).toBeGreaterThan(0);
		expect(await l.uploadWait('10.0.0.1', 300 * 1024)).toBe(0);
		// 1000 KB used: 24 KB fit, 25 do not.
		expect(await l.uploadWait('10.0.0.1', 25 * 1024)).toBeGreaterThan(0);
		expect(await l.uploadWait('10.0.0.1', 24 * 1024)).toBe(0);
	});

	it('keeps addressKey to trimming and the IPv4-mapped prefix', () => {
		expect(addressKey(' ::ffff:192.168.1.5 ')).toBe('192.168.1.5');
		expect(addressKey('::ffff:abcd')).toBe('::ffff:abcd');
	});
});
