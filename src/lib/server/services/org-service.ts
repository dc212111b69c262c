import { AppError } from '../../domain/errors';
import { DEPARTMENT_KINDS, isRole, type DepartmentKind, type Role } from '../../domain/roles';
import { checkPasswordPolicy, hashPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import * as org from '../repositories/org-repository';
import * as users from '../repositories/user-repository';
import { audit, inTransaction, type ServiceContext } from './context';

const CODE_RE = /^[0-9A-Za-z_-]{2,20}$/;
const USERNAME_RE = /^[a-z0-9][a-z0-9_.-]{2,31}$/;

function requireText(value: string, field: string, max: number): string {
	const v = value.trim();
	if (!v) throw new AppError('FIELD_REQUIRED', field);
	if (v.length > max) throw new AppError('FIELD_TOO_LONG', field, { max });
	return v;
}

function requireCode(value: string, field = 'code'): string {
	const v = value.trim();
	if (!v) throw new AppError('FIELD_REQUIRED', field);
	if (!CODE_RE.test(v)) throw new AppError('CODE_INVALID', field);
	return v;
}

function requireKind(value: string): DepartmentKind {
	if (!(DEPARTMENT_KINDS as readonly string[]).includes(value))
		throw new AppError('DEPARTMENT_KIND_INVALID', 'kind');
	return value as DepartmentKind;
}

function requireDepartment(
	ctx: ServiceContext,
	id: number,
	field = 'departmentId'
): org.Department {
	const d = org.getDepartment(ctx.db, id);
	if (!d) throw new AppError('DEPARTMENT_NOT_FOUND', field);
	return d;
}

function requireRegion(ctx: ServiceContext): org.Region {
	const r = org.getRegion(ctx.db);
	if (!r) throw new AppError('REGION_MISSING');
	return r;
}

// ── departments ──────────────────────────────────────────────────────────────

export function createDepartment(
	ctx: ServiceContext,
	input: { code: string; name: string; kind: string }
): number {
	const code = requireCode(input.code);
	const name = requireText(input.name, 'name', 50);
	const kind = requireKind(input.kind);
	return inTransaction(ctx, () => {
		const region = requireRegion(ctx);
		for (const d of org.findDepartmentByCodeOrName(ctx.db, region.id, code, name))
			throw d.code === code
				? new AppError('DEPARTMENT_CODE_TAKEN', 'code')
				: new AppError('DEPARTMENT_NAME_TAKEN', 'name');
		const id = org.insertDepartment(ctx.db, {
			region_id: region.id,
			code,
			name,
			kind,
			created_at: ctx.clock.now().toISOString()
		});
		audit(ctx, {
			action: 'admin.department.create',
			objectType: 'department',
			objectId: id,
			payload: { code, name, kind }
		});
		return id;
	});
}

export function updateDepartment(
	ctx: ServiceContext,
	id: number,
	input: { name: string; kind: string }
): void {
	const name = requireText(input.name, 'name', 50);
	const kind = requireKind(input.kind);
	inTransaction(ctx, () => {
		const before = requireDepartment(ctx, id, 'id');
		if (
			org
				.findDepartmentByCodeOrName(ctx.db, before.region_id, '\u0000', name)
				.some((d) => d.id !== id)
		)
			throw new AppError('DEPARTMENT_NAME_TAKEN', 'name');
		org.updateDepartment(ctx.db, id, { name, kind });
		audit(ctx, {
			action: 'admin.department.update',
			objectType: 'department',
			objectId: id,
			payload: { before: { name: before.name, kind: before.kind }, after: { name, kind } }
		});
	});
}

export function setDepartmentEnabled(ctx: ServiceContext, id: number, enabled: boolean): void {
	inTransaction(ctx, () => {
		requireDepartment(ctx, id, 'id');
		org.setDepartmentDisabled(ctx.db, id, enabled ? null : ctx.clock.now().toISOString());
		audit(ctx, {
			action: enabled ? 'admin.department.enable' : 'admin.department.disable',
			objectType: 'department',
			objectId: id,
			payload: {}
		});
	});
}

// ── posts ────────────────────────────────────────────────────────────────────

export function createPost(
	ctx: ServiceContext,
	departmentId: number,
	input: { code: string; name: string; duty: string }
): number {
	const code = requireCode(input.code);
	const name = requireText(input.name, 'name', 50);
	const duty = input.duty.trim().slice(0, 500);
	return inTransaction(ctx, () => {
		const dept = requireDepartment(ctx, departmentId);
		if (dept.disabled_at) throw new AppError('DEPARTMENT_DISABLED', 'departmentId');
		for (const p of org.findPostByCodeOrName(ctx.db, departmentId, code, name))
			throw p.code === code
				? new AppError('POST_CODE_TAKEN', 'code')
				: new AppError('POST_NAME_TAKEN', 'name');
		const id = org.insertPost(ctx.db, {
			department_id: departmentId,
			code,
			name,
			duty,
			created_at: ctx.clock.now().toISOString()
		});
		audit(ctx, {
			action: 'admin.post.create',
			objectType: 'post',
			objectId: id,
			payload: { departmentId, code, name, duty }
		});
		return id;
	});
}

export function setPostEnabled(ctx: ServiceContext, id: number, enabled: boolean): void {
	inTransaction(ctx, () => {
		if (!org.getPost(ctx.db, id)) throw new AppError('POST_NOT_FOUND', 'id');
		org.setPostDisabled(ctx.db, id, enabled ? null : ctx.clock.now().toISOString());
		audit(ctx, {
			action: enabled ? 'admin.post.enable' : 'admin.post.disable',
			objectType: 'post',
			objectId: id,
			payload: {}
		});
	});
}

// ── users ────────────────────────────────────────────────────────────────────

export interface UserInput {
	displayName: string;
	departmentId: number | null;
	roles: string[];
	postIds: number[];
}

function checkUserInput(
	ctx: ServiceContext,
	input: UserInput
): { displayName: string; roles: Role[] } {
	const displayName = requireText(input.displayName, 'displayName', 40);
	const roles = [...new Set(input.roles)].filter(isRole);
	if (roles.length === 0 || roles.length !== new Set(input.roles).size)
		throw new AppError('ROLES_REQUIRED', 'roles');
	if (input.departmentId !== null) {
		const d = requireDepartment(ctx, input.departmentId);
		if (d.disabled_at) throw new AppError('DEPARTMENT_DISABLED', 'departmentId');
	}
	if ((roles.includes('editor') || roles.includes('officer')) && input.departmentId === null)
		throw new AppError('DEPARTMENT_REQUIRED_FOR_ROLE', 'departmentId');
	if (roles.includes('officer') && input.postIds.length === 0)
		throw new AppError('POSTS_REQUIRED_FOR_OFFICER', 'postIds');
	if (!roles.includes('officer') && input.postIds.length > 0)
		throw new AppError('POSTS_ONLY_FOR_OFFICER', 'postIds');
	for (const pid of input.postIds) {
		const p = org.getPost(ctx.db, pid);
		if (!p || p.disabled_at) throw new AppError('POST_NOT_FOUND', 'postIds');
	}
	return { displayName, roles };
}

export async function createUser(
	ctx: ServiceContext,
	input: UserInput & { username: string; password: string }
): Promise<number> {
	const username = input.username.trim().toLowerCase();
	if (!username) throw new AppError('FIELD_REQUIRED', 'username');
	if (!USERNAME_RE.test(username)) throw new AppError('USERNAME_INVALID', 'username');
	const checked = checkUserInput(ctx, input);
	checkPasswordPolicy(username, input.password);
	const passwordHash = await hashPassword(input.password);
	return inTransaction(ctx, () => {
		if (users.getUserRowByUsername(ctx.db, username))
			throw new AppError('USERNAME_TAKEN', 'username');
		const id = users.insertUser(ctx.db, {
			username,
			display_name: checked.displayName,
			password_hash: passwordHash,
			department_id: input.departmentId,
			is_demo: 0,
			created_at: ctx.clock.now().toISOString()
		});
		users.setUserRoles(ctx.db, id, checked.roles);
		users.setUserPosts(ctx.db, id, input.postIds);
		audit(ctx, {
			action: 'admin.user.create',
			objectType: 'user',
			objectId: id,
			payload: {
				username,
				displayName: checked.displayName,
				departmentId: input.departmentId,
				roles: checked.roles,
				postIds: input.postIds
			}
		});
		return id;
	});
}

export function updateUser(ctx: ServiceContext, id: number, input: UserInput): void {
	const checked = checkUserInput(ctx, input);
	inTransaction(ctx, () => {
		const before = users.getUser(ctx.db, id);
		if (!before) throw new AppError('USER_NOT_FOUND', 'id');
		if (before.roles.includes('admin') && !checked.roles.includes('admin')) {
			if (id === ctx.actor.id) throw new AppError('CANNOT_DEMOTE_SELF', 'roles');
			if (users.countActiveAdmins(ctx.db) <= 1) throw new AppError('LAST_ADMIN', 'roles');
		}
		users.updateUserProfile(ctx.db, id, {
			display_name: checked.displayName,
			department_id: input.departmentId
		});
		users.setUserRoles(ctx.db, id, checked.roles);
		users.setUserPosts(ctx.db, id, input.postIds);
		// A change of roles or posts takes effect at the next request: sessions read them afresh.
		audit(ctx, {
			action: 'admin.user.update',
			objectType: 'user',
			objectId: id,
			payload: {
				before: {
					displayName: before.displayName,
					departmentId: before.departmentId,
					roles: before.roles,
					postIds: before.postIds
				},
				after: {
					displayName: checked.displayName,
					departmentId: input.departmentId,
					roles: checked.roles,
					postIds: input.postIds
				}
			}
		});
	});
}

/** Disabling ends every session of the user at once. */
export function setUserEnabled(ctx: ServiceContext, id: number, enabled: boolean): void {
	inTransaction(ctx, () => {
		const u = users.getUser(ctx.db, id);
		if (!u) throw new AppError('USER_NOT_FOUND', 'id');
		let ended = 0;
		if (!enabled) {
			if (id === ctx.actor.id) throw new AppError('CANNOT_DISABLE_SELF');
			if (u.roles.includes('admin') && !u.disabled && users.countActiveAdmins(ctx.db) <= 1)
				throw new AppError('LAST_ADMIN');
			users.setUserDisabled(ctx.db, id, ctx.clock.now().toISOString());
			ended = invalidateUserSessions(ctx.db, id);
		} else {
			users.setUserDisabled(ctx.db, id, null);
		}
		audit(ctx, {
			action: enabled ? 'admin.user.enable' : 'admin.user.disable',
			objectType: 'user',
			objectId: id,
			payload: { sessionsEnded: ended }
		});
	});
}

/** An administrator sets a new password; every session of the user ends. */
export async function resetPassword(
	ctx: ServiceContext,
	id: number,
	password: string
): Promise<void> {
	const u = users.getUser(ctx.db, id);
	if (!u) throw new AppError('USER_NOT_FOUND', 'id');
	checkPasswordPolicy(u.username, password);
	const hash = await hashPassword(password);
	inTransaction(ctx, () => {
		users.setPasswordHash(ctx.db, id, hash, ctx.clock.now().toISOString());
		const ended = invalidateUserSessions(ctx.db, id);
		audit(ctx, {
			action: 'admin.user.password.reset',
			objectType: 'user',
			objectId: id,
			payload: { sessionsEnded: ended }
		});
	});
}
