/**
 * npm run backup -- <file>
 * A consistent copy of the live database through SQLite's online backup API: safe while the
 * server runs (readers and the writer carry on; the copy is one point in time).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { databasePath, openDatabase } from '../src/lib/server/db/connection';
import { schemaVersion } from '../src/lib/server/db/migrate';

const target = process.argv[2];
if (!target) {
	console.error('用法 / usage: npm run backup -- <备份文件路径 / backup file>');
	process.exit(2);
}
const source = databasePath();
if (!existsSync(source)) {
	console.error(
		`数据库文件不存在 / no database at ${source}（可用 SUNLIT_DB 指定 / set SUNLIT_DB）`
	);
	process.exit(1);
}
const out = resolve(target);
if (existsSync(out)) {
	console.error(`目标文件已存在，不会覆盖 / refusing to overwrite ${out}`);
	process.exit(1);
}
const db = openDatabase(source);
try {
	await db.backup(out);
} finally {
	db.close();
}
const copy = openDatabase(out, { readonly: true });
const check = copy.pragma('integrity_check', { simple: true });
const version = schemaVersion(copy);
copy.close();
if (check !== 'ok') {
	console.error(`备份完整性检查失败 / integrity check failed: ${check}`);
	process.exit(1);
}
console.log(
	`备份完成 / backup written: ${out} (${statSync(out).size} bytes, schema v${version}, integrity ok)`
);
