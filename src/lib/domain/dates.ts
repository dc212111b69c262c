/** The calendar date in China (Asia/Shanghai, no daylight saving) of an instant, as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
	const shifted = new Date(at.getTime() + 8 * 3600_000);
	return shifted.toISOString().slice(0, 10);
}

/** An instant (ISO string) as its calendar date in China, `YYYY-MM-DD`; '' for none. */
export function chinaDay(iso: string | null | undefined): string {
	if (!iso) return '';
	return chinaDate(new Date(Date.parse(iso)));
}

/** An instant (ISO string) in China time to the minute, `YYYY-MM-DD HH:mm`; '—' for none. */
export function chinaMinute(iso: string | null): string {
	if (!iso) return '—';
	return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** An instant (ISO string) in China time to the second, `YYYY-MM-DD HH:mm:ss`; '—' for none. */
export function chinaSecond(iso: string | null): string {
	if (!iso) return '—';
	return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
