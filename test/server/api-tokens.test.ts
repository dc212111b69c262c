import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api, departmentId, issueToken } from '../factories/api-token';
import { postForm, signIn } from '../factories/http';

/** Department API tokens: issued once in clear on the admin page, kept as a hash, revocable. */
const base = inject('serverUrl');
const dbPath = inject('serverDb');

describe('department API tokens', () => {
	it('are shown once, stored as SHA-256 only, admit API calls, and are refused once revoked', async () => {
		const name = `令牌测试 ${Date.now()}`;
		const { token, html, status } = await issueToken(base, dbPath, 'SCJG', name);
		expect(status).toBe(200);
		expect(token).toMatch(/^sunlit_[a-z2-7]{50,}$/);
		expect(html).toContain('只在此显示这一次');

		const db = new Database(dbPath, { readonly: true });
		const row = db.prepare('SELECT * FROM api_tokens WHERE name = ?').get(name) as {
			id: number;
			token_hash: string;
			last_used_at: string | null;
			department_id: number;
		};
		expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
		expect(row.department_id).toBe(departmentId(dbPath, 'SCJG'));
		expect(row.last_used_at).toBeNull();
		const dump = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
		expect(dump).not.toContain(token);
		expect(
			db
				.prepare(
					"SELECT COUNT(*) AS n FROM audit_log WHERE action = 'api_token.issued' AND object_id = ?"
				)
				.get(String(row.id))
		).toEqual({ n: 1 });

		// The page shows it once: loading the page again never shows the token.
		const admin = await signIn(base, 'admin', 'demo-admin-2026');
		const page = await (
			await fetch(`${base}/admin/departments/${row.department_id}`, { headers: { cookie: admin } })
		).text();
		expect(page).toContain(name);
		expect(page).not.toContain(token);

		const ok = await api(base, '/api/v1/catalogue?department=SCJG', { token });
		expect(ok.status).toBe(200);
		const used = db.prepare('SELECT last_used_at FROM api_tokens WHERE id = ?').get(row.id) as {
			last_used_at: string | null;
		};
		expect(used.last_used_at).not.toBeNull();

		const wrong = await api(base, '/api/v1/catalogue', { token: 'sunlit_notatoken' });
		expect(wrong.status).toBe(401);
		expect(wrong.body.error.code).toBe('TOKEN_INVALID');
		expect(wrong.body.error.message).toContain('接口令牌无效或已吊销');

		const same = await postForm(
			base,
			admin,
			`/admin/departments/${row.department_id}?/issueToken`,
			{
				tokenName: name
			}
		);
		expect(same.status).toBe(400);
		expect(await same.text()).toContain('已有名为');

		const revoked = await postForm(
			base,
			admin,
			`/admin/departments/${row.department_id}?/revokeToken`,
			{ tokenId: String(row.id) }
		);
		expect(revoked.status).toBe(200);
		const after = await api(base, '/api/v1/catalogue', { token });
		expect(after.status).toBe(401);
		expect(after.body.error.code).toBe('TOKEN_INVALID');
		expect(
			db
				.prepare(
					"SELECT COUNT(*) AS n FROM audit_log WHERE action = 'api_token.revoked' AND object_id = ?"
				)
				.get(String(row.id))
		).toEqual({ n: 1 });
		db.close();
	});

	it('are issued by administrators only', async () => {
		const officer = await signIn(base, 'officer', 'demo-officer-2026');
		const res = await postForm(
			base,
			officer,
			`/admin/departments/${departmentId(dbPath, 'SCJG')}?/issueToken`,
			{ tokenName: 'x' }
		);
		expect(res.status).toBe(403);
	});
});
