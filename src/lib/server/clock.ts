/** Time comes in through a clock so tests can move it. */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and advance by hand. */
export class FakeClock implements Clock {
	constructor(private t: number = Date.parse('2026-03-02T09:00:00+08:00')) {}
	now(): Date {
		return new Date(this.t);
	}
	advance(ms: number): void {
		this.t += ms;
	}
	set(date: Date | string): void {
		this.t = new Date(date).getTime();
	}
}
