import type { DepartmentKind, Role } from '../../domain/roles';
import { hashPassword } from '../auth/password';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import * as org from '../repositories/org-repository';
import * as users from '../repositories/user-repository';
import { audit, inTransaction, SYSTEM_ACTOR, type ServiceContext } from './context';

/** The demo county every fresh database starts with. The passwords are public: change them. */
export const DEMO_REGION = { code: '990001', name: '示例县', level: 4 } as const;

export const DEMO_DEPARTMENTS: readonly {
	code: string;
	name: string;
	kind: DepartmentKind;
	posts: readonly { code: string; name: string; duty: string }[];
}[] = [
	{
		code: 'FZB',
		name: '县政府法制办公室',
		kind: 'legal',
		posts: [
			{ code: 'HFXSH', name: '合法性审核岗', duty: '审核职权目录、流程图和申请表单的合法性' },
			{ code: 'FZFZR', name: '法制办负责人', duty: '审核确认并批准固化' }
		]
	},
	{
		code: 'JCJ',
		name: '县监察局',
		kind: 'supervision',
		posts: [{ code: 'DZJC', name: '电子监察岗', duty: '监控办件时限、处理预警和异常、督办' }]
	},
	{
		code: 'SCJG',
		name: '县市场监督管理局',
		kind: 'ordinary',
		posts: [
			{
				code: 'SL',
				name: '受理岗',
				duty: '审查申请材料是否齐全、符合法定形式，决定受理或不予受理'
			},
			{ code: 'SH', name: '审核岗', duty: '对申请材料的实质内容进行核实，提出审核意见' },
			{ code: 'SP', name: '审批岗', duty: '作出准予或不予许可的决定' }
		]
	},
	{
		code: 'ZRZY',
		name: '县自然资源局',
		kind: 'ordinary',
		posts: [
			{ code: 'SL', name: '受理岗', duty: '接收并审查申请材料' },
			{ code: 'SC', name: '审查岗', duty: '现场踏勘和技术审查' },
			{ code: 'SP', name: '审批岗', duty: '作出审批决定' }
		]
	},
	{
		code: 'XZSP',
		name: '县行政审批局',
		kind: 'ordinary',
		posts: [
			{ code: 'ZHSL', name: '综合受理窗口', duty: '统一接收申请、出具受理回执' },
			{ code: 'SC', name: '审查岗', duty: '审查申请并提出意见' },
			{ code: 'SP', name: '审批岗', duty: '作出审批决定' }
		]
	},
	{
		code: 'ZFB',
		name: '县人民政府办公室',
		kind: 'ordinary',
		posts: [
			{ code: 'XXGKSL', name: '信息公开受理岗', duty: '登记政府信息公开申请' },
			{ code: 'XXGKSH', name: '信息公开审核岗', duty: '审核答复意见' }
		]
	}
];

export const DEMO_USERS: readonly {
	username: string;
	password: string;
	displayName: string;
	department: string | null;
	roles: readonly Role[];
	posts: readonly string[];
}[] = [
	{
		username: 'admin',
		password: 'demo-admin-2026',
		displayName: '系统管理员',
		department: null,
		roles: ['admin'],
		posts: []
	},
	{
		username: 'legal',
		password: 'demo-legal-2026',
		displayName: '法制办 王审核',
		department: 'FZB',
		roles: ['legal'],
		posts: []
	},
	{
		username: 'editor',
		password: 'demo-editor-2026',
		displayName: '市场监管局 李填报',
		department: 'SCJG',
		roles: ['editor'],
		posts: []
	},
	{
		username: 'officer',
		password: 'demo-officer-2026',
		displayName: '市场监管局 张办理',
		department: 'SCJG',
		roles: ['officer'],
		posts: ['SL', 'SH']
	},
	// The officers of 临时用地审批 (联合办理 by two departments, then 法制审核) and of 依申请公开.
	// 孙受理 also holds the 审查岗 to show the second-person rule: 现场踏勘 refuses the person who
	// handled 受理审查. All of them sign in with demo-officer-2026.
	{
		username: 'zrzy-sl',
		password: 'demo-officer-2026',
		displayName: '自然资源局 孙受理',
		department: 'ZRZY',
		roles: ['officer'],
		posts: ['SL', 'SC', 'SP']
	},
	{
		username: 'zrzy-sc',
		password: 'demo-officer-2026',
		displayName: '自然资源局 周踏勘',
		department: 'ZRZY',
		roles: ['officer'],
		posts: ['SC']
	},
	{
		username: 'xzsp-sc',
		password: 'demo-officer-2026',
		displayName: '行政审批局 吴会签',
		department: 'XZSP',
		roles: ['officer'],
		posts: ['SC']
	},
	{
		username: 'fzb-sh',
		password: 'demo-officer-2026',
		displayName: '法制办 郑法审',
		department: 'FZB',
		roles: ['officer'],
		posts: ['HFXSH']
	},
	{
		username: 'zfb',
		password: 'demo-officer-2026',
		displayName: '政府办 钱公开',
		department: 'ZFB',
		roles: ['officer'],
		posts: ['XXGKSL', 'XXGKSH']
	},
	// A second 审核岗 holder: 法制审核 of a 政府信息公开 reply needs another person (双人办理).
	{
		username: 'zfb-sh',
		password: 'demo-officer-2026',
		displayName: '政府办 孙审核',
		department: 'ZFB',
		roles: ['officer'],
		posts: ['XXGKSH']
	},
	{
		username: 'supervisor',
		password: 'demo-supervisor-2026',
		displayName: '监察局 赵监察',
		department: 'JCJ',
		roles: ['supervisor'],
		posts: []
	}
];

/** Seeds the demo county when the database has no region yet; returns whether it did. */
export async function seedDemoIfEmpty(db: Db, clock: Clock): Promise<boolean> {
	if (org.getRegion(db)) return false;
	const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
	const ctx: ServiceContext = { db, clock, actor: SYSTEM_ACTOR, ip: null };
	return inTransaction(ctx, () => {
		if (org.getRegion(db)) return false;
		const at = clock.now().toISOString();
		const regionId = org.insertRegion(db, DEMO_REGION);
		const deptIds = new Map<string, number>();
		const postIds = new Map<string, number>();
		for (const d of DEMO_DEPARTMENTS) {
			const id = org.insertDepartment(db, {
				region_id: regionId,
				code: d.code,
				name: d.name,
				kind: d.kind,
				created_at: at
			});
			deptIds.set(d.code, id);
			for (const p of d.posts)
				postIds.set(
					`${d.code}/${p.code}`,
					org.insertPost(db, { department_id: id, ...p, created_at: at })
				);
		}
		DEMO_USERS.forEach((u, i) => {
			const id = users.insertUser(db, {
				username: u.username,
				display_name: u.displayName,
				password_hash: hashes[i]!,
				department_id: u.department ? deptIds.get(u.department)! : null,
				is_demo: 1,
				created_at: at
			});
			users.setUserRoles(db, id, u.roles);
			users.setUserPosts(
				db,
				id,
				u.posts.map((p) => postIds.get(`${u.department}/${p}`)!)
			);
		});
		audit(ctx, {
			action: 'seed.demo',
			objectType: 'region',
			objectId: regionId,
			payload: {
				region: DEMO_REGION.name,
				departments: DEMO_DEPARTMENTS.length,
				users: DEMO_USERS.map((u) => u.username)
			}
		});
		return true;
	});
}
