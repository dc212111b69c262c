/** npm run migrate: applies pending migrations without starting the server. */
import { databasePath, openDatabase } from '../src/lib/server/db/connection';
import { migrate } from '../src/lib/server/db/migrate';

const path = databasePath();
const db = openDatabase(path);
try {
	const { from, to } = migrate(db);
	console.log(
		from === to
			? `数据库已是最新版本 / up to date: v${to} (${path})`
			: `已迁移 / migrated ${path}: v${from} → v${to}`
	);
} catch (err) {
	console.error((err as Error).message);
	process.exitCode = 1;
} finally {
	db.close();
}
