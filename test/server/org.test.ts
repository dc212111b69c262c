import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/domain/errors';
import {
	createDepartment,
	createPost,
	createUser,
	setUserEnabled,
	updateUser
} from '../../src/lib/server/services/org-service';
import { seededDb } from '../factories/db';

/** Runs fn and returns the AppError it throws, failing the test when it throws nothing else. */
async function appError(fn: () => unknown): Promise<AppError> {
	try {
		await fn();
	} catch (err) {
		expect(err).toBeInstanceOf(AppError);
		return err as AppError;
	}
	throw new Error('expected an AppError, but nothing was thrown');
}

describe('departments and posts', () => {
	it('refuses a duplicate code or name, naming the field, and writes nothing', async () => {
		const { ctx, actorOf, db } = await seededDb();
		const admin = ctx(actorOf('admin'));
		const before = db.prepare('SELECT COUNT(*) AS n FROM audit_log').get();
		expect(
			await appError(() =>
				createDepartment(admin, { code: 'FZB', name: '新部门', kind: 'ordinary' })
			)
		).toMatchObject({
			code: 'DEPARTMENT_CODE_TAKEN',
			field: 'code'
		});
		const name = (
			db.prepare("SELECT name FROM departments WHERE code = 'SCJG'").get() as { name: string }
		).name;
		expect(
			await appError(() => createDepartment(admin, { code: 'NEW', name, kind: 'ordinary' }))
		).toMatchObject({
			code: 'DEPARTMENT_NAME_TAKEN',
			field: 'name'
		});
		expect(db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual(before);
	});

	it('creates a department and a post, each with an audit record in the same transaction', async () => {
		const { ctx, actorOf, db } = await seededDb();
		const admin = ctx(actorOf('admin'));
		const deptId = createDepartment(admin, { code: 'JYJ', name: '县教育局', kind: 'ordinary' });
		const postId = createPost(admin, deptId, { code: 'SL', name: '受理岗', duty: '审查材料' });
		expect(db.prepare('SELECT name FROM posts WHERE id = ?').get(postId)).toEqual({
			name: '受理岗'
		});
		const actions = (
			db.prepare('SELECT action, actor_name FROM audit_log ORDER BY seq DESC LIMIT 2').all() as {
				action: string;
				actor_name: string;
			}[]
		).reverse();
		expect(actions).toEqual([
			{ action: 'admin.department.create', actor_name: 'admin' },
			{ action: 'admin.post.create', actor_name: 'admin' }
		]);
	});
});

describe('users', () => {
	it('needs a post for an officer and a department for an editor, naming the field', async () => {
		const { ctx, actorOf, db } = await seededDb();
		const admin = ctx(actorOf('admin'));
		const deptId = (
			db.prepare("SELECT id FROM departments WHERE code = 'SCJG'").get() as { id: number }
		).id;
		const base = { username: 'new.user', password: 'long-enough-1', displayName: '新用户' };
		expect(
			await appError(() =>
				createUser(admin, { ...base, departmentId: deptId, roles: ['officer'], postIds: [] })
			)
		).toMatchObject({
			code: 'POSTS_REQUIRED_FOR_OFFICER',
			field: 'postIds'
		});
		expect(
			await appError(() =>
				createUser(admin, { ...base, departmentId: null, roles: ['editor'], postIds: [] })
			)
		).toMatchObject({
			code: 'DEPARTMENT_REQUIRED_FOR_ROLE',
			field: 'departmentId'
		});
		expect(
			await appError(() =>
				createUser(admin, { ...base, departmentId: deptId, roles: [], postIds: [] })
			)
		).toMatchObject({
			code: 'ROLES_REQUIRED',
			field: 'roles'
		});
		expect(
			await appError(() =>
				createUser(admin, {
					...base,
					password: 'short',
					departmentId: deptId,
					roles: ['editor'],
					postIds: []
				})
			)
		).toMatchObject({
			code: 'PASSWORD_TOO_SHORT',
			field: 'password'
		});
		expect(
			await appError(() =>
				createUser(admin, {
					...base,
					password: 'New.User',
					departmentId: deptId,
					roles: ['editor'],
					postIds: []
				})
			)
		).toMatchObject({
			code: 'PASSWORD_EQUALS_USERNAME'
		});
		expect(
			await appError(() =>
				createUser(admin, {
					...base,
					username: 'officer',
					departmentId: deptId,
					roles: ['editor'],
					postIds: []
				})
			)
		).toMatchObject({
			code: 'USERNAME_TAKEN',
			field: 'username'
		});
		expect(db.prepare("SELECT COUNT(*) AS n FROM users WHERE username = 'new.user'").get()).toEqual(
			{ n: 0 }
		);
	});

	it('lets a user hold several roles', async () => {
		const { ctx, actorOf, db } = await seededDb();
		const admin = ctx(actorOf('admin'));
		const deptId = (
			db.prepare("SELECT id FROM departments WHERE code = 'FZB'").get() as { id: number }
		).id;
		const id = await createUser(admin, {
			username: 'both',
			password: 'long-enough-1',
			displayName: '双角色',
			departmentId: deptId,
			roles: ['legal', 'supervisor'],
			postIds: []
		});
		expect([...actorOf('both').roles].sort()).toEqual(['legal', 'supervisor']);
		expect(id).toBeGreaterThan(0);
	});

	it('never leaves the system without an active administrator', async () => {
		const { ctx, actorOf } = await seededDb();
		const admin = actorOf('admin');
		expect(await appError(() => setUserEnabled(ctx(admin), admin.id!, false))).toMatchObject({
			code: 'CANNOT_DISABLE_SELF'
		});
		expect(
			await appError(() =>
				updateUser(ctx(admin), admin.id!, {
					displayName: '管理员',
					departmentId: null,
					roles: ['supervisor'],
					postIds: []
				})
			)
		).toMatchObject({
			code: 'CANNOT_DEMOTE_SELF',
			field: 'roles'
		});
		// Another administrator may not take away the last one's role either.
		const other = await createUser(ctx(admin), {
			username: 'admin2',
			password: 'long-enough-2',
			displayName: '第二管理员',
			departmentId: null,
			roles: ['admin'],
			postIds: []
		});
		setUserEnabled(ctx(admin), other, false);
		// admin2 is disabled, so admin is the last active one; a system actor cannot demote them.
		expect(
			await appError(() =>
				updateUser(ctx(), admin.id!, {
					displayName: '管理员',
					departmentId: null,
					roles: ['supervisor'],
					postIds: []
				})
			)
		).toMatchObject({
			code: 'LAST_ADMIN'
		});
	});
});
