/** The calendar date in China (Asia/Shanghai, no daylight saving) of an instant, as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
	const shifted = new Date(at.getTime() + 8 * 3600_000);
	return shifted.toISOString().slice(0, 10);
}
