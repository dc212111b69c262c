/**
 * npm run audit:verify
 * Re-computes the whole audit hash chain and reports the first broken record; exit code 1 when
 * the chain is broken, 0 when it is intact.
 */
import { existsSync } from 'node:fs';
import { databasePath, openDatabase } from '../src/lib/server/db/connection';
import {
	auditHashAt,
	listCheckpoints,
	verifyAuditChain
} from '../src/lib/server/repositories/audit-repository';

const path = databasePath();
if (!existsSync(path)) {
	console.error(`数据库文件不存在 / no database at ${path}`);
	process.exit(2);
}
const db = openDatabase(path, { readonly: true });
const result = verifyAuditChain(db);
// A chain cut short or recomputed after an edit is intact in itself: the published
// checkpoints say what the record at each of their sequence numbers must hash to.
const checkpoints = listCheckpoints(db, Number.MAX_SAFE_INTEGER);
const mismatched = checkpoints.filter((c) => auditHashAt(db, c.seq) !== c.hash);
db.close();
if (result.ok && mismatched.length === 0) {
	console.log(
		`审计链完整 / audit chain intact: ${result.checked} records, head ${result.headHash}; ${checkpoints.length} checkpoints match`
	);
	process.exit(0);
}
if (result.ok) {
	const c = mismatched[mismatched.length - 1]!;
	console.error(
		c.seq > result.checked
			? `审计日志被截断：已公布的检查点第 ${c.seq} 条记录已不存在（现只有 ${result.checked} 条）/ log truncated: checkpoint record ${c.seq} is gone`
			: `审计日志被改写：第 ${c.seq} 条记录的哈希与已公布的检查点不符 / log rewritten: record ${c.seq} no longer has its checkpoint hash`
	);
	process.exit(1);
}
const b = result.firstBreak!;
const why =
	b.kind === 'missing'
		? '记录缺失（被删除）/ record missing (deleted)'
		: b.kind === 'prev_hash'
			? '前一哈希不符（链被插入或删除）/ previous-hash mismatch (chain spliced)'
			: '内容哈希不符（记录被修改）/ hash mismatch (record altered)';
console.error(`审计链在第 ${b.seq} 条记录处断裂 / audit chain broken at record ${b.seq}: ${why}`);
console.error(`之前 ${result.checked} 条记录完好 / ${result.checked} records before it are intact`);
process.exit(1);
