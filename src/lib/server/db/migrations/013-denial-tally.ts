import type { Migration } from './index';

/**
 * Refused anonymous requests and bad API tokens, counted per client address and hour instead of
 * one permanent audit record each: 600 bad requests made 600 records. A finished hour's count
 * becomes one audit record (`access.denied.tally`) and its row is deleted. `sample` holds up to a
 * few distinct `method path action` strings with their counts (JSON), so the record says what was
 * tried.
 */
export const m013DenialTally: Migration = {
	version: 13,
	name: 'refused anonymous requests counted per address and hour',
	sql: `
CREATE TABLE denial_tally (
	ip TEXT NOT NULL,
	hour INTEGER NOT NULL,
	count INTEGER NOT NULL,
	sample TEXT NOT NULL,
	PRIMARY KEY (ip, hour)
);
`
};
