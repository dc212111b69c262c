/**
 * npm run freeze            compile the items under flows/ into generated/<code>/v<n>/
 * npm run freeze -- --check  write nothing; exit 1 when generated/ is stale or hand-edited
 * Exit code 1 also when a bundle has errors (each printed with its code and what to fix).
 */
import { freezeRepository } from '../src/lib/server/freeze/repository-sources';

const check = process.argv.includes('--check');
const report = await freezeRepository({ check });
for (const line of report.lines) console.log(line);
if (report.failed) {
	console.error(
		check
			? 'generated/ 与 flows/ 不一致：请运行 npm run freeze 并提交结果 / generated/ is stale or edited'
			: '有事项未能固化 / some items could not be frozen'
	);
	process.exit(1);
}
