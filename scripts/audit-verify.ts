/**
 * npm run audit:verify [-- --against <file or URL> [--key <public key PEM file>]]
 * Re-computes the whole audit hash chain and reports the first broken record; checks the stored
 * checkpoints (and their signatures, with the key file in the data folder). With --against, also
 * checks the log against signed checkpoints saved elsewhere (the JSON of
 * GET /api/v1/audit/checkpoints, or feed events of kind audit_checkpoint), verified with the saved
 * public key (or --key): truncation, records after the signed head, rewriting.
 * Exit code 0: intact; 1: broken, truncated, rewritten or a bad signature; 2: cannot run;
 * 3: intact up to the last signed checkpoint, with records after it that no signature covers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { databasePath, openDatabase } from '../src/lib/server/db/connection';
import {
	auditHashAt,
	listCheckpoints,
	verifyAuditChain
} from '../src/lib/server/repositories/audit-repository';
import {
	countyKey,
	keyPathOf,
	verifyCheckpointSignature
} from '../src/lib/server/services/checkpoint-signing';
import {
	checkAgainst,
	parseSavedCheckpoints,
	type AgainstResult
} from '../src/lib/server/services/checkpoint-against';

function option(name: string): string | undefined {
	const args = process.argv.slice(2);
	const i = args.indexOf(name);
	if (i < 0) return undefined;
	const v = args[i + 1];
	if (!v || v.startsWith('--')) {
		console.error(`${name} 后须跟文件或网址 / ${name} needs a value`);
		process.exit(2);
	}
	return v;
}

async function readSaved(src: string): Promise<unknown> {
	try {
		if (/^https?:\/\//i.test(src)) {
			const res = await fetch(src, { headers: { accept: 'application/json' } });
			if (!res.ok) throw new Error(`HTTP ${res.status}`);
			return await res.json();
		}
		return JSON.parse(readFileSync(src, 'utf8'));
	} catch (err) {
		console.error(
			`无法读取保存的检查点 ${src}：${(err as Error).message} / cannot read saved checkpoints`
		);
		process.exit(2);
	}
}

const against = option('--against');
const keyFile = option('--key');
const path = databasePath();
if (!existsSync(path)) {
	console.error(`数据库文件不存在 / no database at ${path}`);
	process.exit(2);
}
const saved = against ? parseSavedCheckpoints(await readSaved(against)) : null;
const trustedKey = keyFile ? readFileSync(keyFile, 'utf8') : null;

const db = openDatabase(path, { readonly: true });
const result = verifyAuditChain(db);
// A chain cut short or recomputed after an edit is intact in itself: the published
// checkpoints say what the record at each of their sequence numbers must hash to.
const checkpoints = listCheckpoints(db, Number.MAX_SAFE_INTEGER);
const mismatched = checkpoints.filter((c) => auditHashAt(db, c.seq) !== c.hash);
// Stored checkpoints claiming the county key must carry its signature (a database alone cannot
// make one); those of an earlier key are checked with --against and that key's saved copy.
function readCountyKey() {
	try {
		return existsSync(keyPathOf(path)) ? countyKey(path) : null;
	} catch (err) {
		console.log(
			`无法读取签名密钥 ${keyPathOf(path)}（${(err as Error).message}），不核对数据库中检查点的签名 / key unreadable, stored signatures not checked`
		);
		return null;
	}
}
const countyPub = readCountyKey();
const forgedHere = countyPub
	? checkpoints.filter(
			(c) =>
				c.key_id === countyPub.keyId &&
				!verifyCheckpointSignature(countyPub.publicKeyPem, c, c.signature ?? '')
		)
	: [];
const otherKey = countyPub
	? checkpoints.filter((c) => c.signature !== null && c.key_id !== countyPub.keyId).length
	: 0;
const outside: AgainstResult | null = saved
	? checkAgainst(db, saved, trustedKey ?? saved.publicKeyPem)
	: null;
db.close();

let status = 0;
if (!result.ok) {
	const b = result.firstBreak!;
	const why =
		b.kind === 'missing'
			? '记录缺失（被删除）/ record missing (deleted)'
			: b.kind === 'prev_hash'
				? '前一哈希不符（链被插入或删除）/ previous-hash mismatch (chain spliced)'
				: '内容哈希不符（记录被修改）/ hash mismatch (record altered)';
	console.error(`审计链在第 ${b.seq} 条记录处断裂 / audit chain broken at record ${b.seq}: ${why}`);
	console.error(
		`之前 ${result.checked} 条记录完好 / ${result.checked} records before it are intact`
	);
	status = 1;
} else if (mismatched.length) {
	const c = mismatched[mismatched.length - 1]!;
	console.error(
		c.seq > result.checked
			? `审计日志被截断：已公布的检查点第 ${c.seq} 条记录已不存在（现只有 ${result.checked} 条）/ log truncated: checkpoint record ${c.seq} is gone`
			: `审计日志被改写：第 ${c.seq} 条记录的哈希与已公布的检查点不符 / log rewritten: record ${c.seq} no longer has its checkpoint hash`
	);
	status = 1;
} else
	console.log(
		`审计链完整 / audit chain intact: ${result.checked} records, head ${result.headHash}; ${checkpoints.length} checkpoints match`
	);
for (const c of forgedHere) {
	console.error(
		`数据库中第 ${c.seq} 条记录的检查点签名无效（不是本县密钥签的）/ stored checkpoint ${c.seq}: signature does not verify with the county key`
	);
	status = 1;
}
if (otherKey)
	console.log(
		`${otherKey} 个检查点由其他（更早的）密钥签名，请用 --against 和该密钥保存的副本核对 / ${otherKey} checkpoints signed by another key`
	);

if (outside) {
	console.log(
		`对照保存的签名检查点 / against saved signed checkpoints (${against}): ${outside.signed} 个签名有效 / valid, ${outside.unsigned} 个未签名 / unsigned; 公钥 / key ${outside.keyId ?? '—'}`
	);
	for (const f of outside.findings) {
		if (f.kind === 'no_key') {
			console.error(
				'保存的文件中没有可用的公钥（可用 --key 指定）/ no usable public key in the saved file (use --key)'
			);
			status = Math.max(status, 2);
		} else if (f.kind === 'bad_signature') {
			console.error(
				`第 ${f.seq} 条记录的检查点签名无效（不是本县密钥签的，或已被改动）/ checkpoint ${f.seq}: signature does not verify`
			);
			status = 1;
		} else if (f.kind === 'truncated') {
			console.error(
				`审计日志被截断：签名检查点的第 ${f.seq} 条记录已不存在（现只到第 ${f.head} 条）/ log truncated: signed checkpoint record ${f.seq} is gone`
			);
			status = 1;
		} else if (f.kind === 'rewritten') {
			console.error(
				`审计日志被改写：第 ${f.seq} 条记录现在的哈希 ${f.found} 与签名检查点的 ${f.saved} 不符 / log rewritten at record ${f.seq}`
			);
			status = 1;
		} else {
			console.error(
				`日志在签名链头之后有扩展：第 ${f.signedHead + 1}–${f.head} 条记录没有任何签名检查点覆盖（最近一小时内的记录属正常，请取最新检查点再核对）/ extended past the signed head: records ${f.signedHead + 1}–${f.head} are covered by no signed checkpoint`
			);
			if (status === 0) status = 3;
		}
	}
	if (!outside.findings.length)
		console.log(
			`与签名检查点一致，直到第 ${outside.signedHead} 条记录 / consistent with the signed checkpoints through record ${outside.signedHead}`
		);
}
process.exit(status);
