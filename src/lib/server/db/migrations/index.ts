import { m001Foundation } from './001-foundation';
import { m002Catalogue } from './002-catalogue';
import { m003Designs } from './003-designs';
import { m004Frozen } from './004-frozen';
import { m005Checkpoints } from './005-checkpoints';
import { m006Cases } from './006-cases';
import { m007Integration } from './007-integration';
import { m008Supervision } from './008-supervision';
import { m009EventPages } from './009-event-pages';
import { m010AuditHashIndex } from './010-audit-hash-index';
import { m011CaseAccess } from './011-case-access';
import { m012SignedCheckpoints } from './012-signed-checkpoints';
import { m013DenialTally } from './013-denial-tally';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

/** Every migration, numbered from 1 without gaps. Never edit one that has shipped: add the next. */
export const migrations: readonly Migration[] = [
	m001Foundation,
	m002Catalogue,
	m003Designs,
	m004Frozen,
	m005Checkpoints,
	m006Cases,
	m007Integration,
	m008Supervision,
	m009EventPages,
	m010AuditHashIndex,
	m011CaseAccess,
	m012SignedCheckpoints,
	m013DenialTally
];
