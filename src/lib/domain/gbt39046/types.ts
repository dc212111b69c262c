/**
 * GB/T 39046-2020 政务服务平台基础数据规范: the case datasets (办事申请, 事项受理, 事项办理, 事项办结)
 * as Sunlit exchanges them — in department pushes (实时报送), offline registration (线下办件登记)
 * and the export of any case. Keys are the standard's Chinese element names (as in DOMAIN.md),
 * so a record reads the same to a county system, the provincial platform and this code; the few
 * elements Sunlit adds are marked below. Times are ISO 8601 instants with an offset
 * (`2026-03-02T09:30:00+08:00`), dates `YYYY-MM-DD`.
 */

/** 办件类型. */
export const CASE_TYPES = ['即办件', '承诺件'] as const;
export type 办件类型 = (typeof CASE_TYPES)[number];

/** 申报来源: 网上 (online), 窗口 (at the service window), 线下 (handled outside any system). */
export const SOURCES = ['网上', '窗口', '线下'] as const;
export type 申报来源 = (typeof SOURCES)[number];

/** 业务动作 of a step. */
export const STEP_ACTIONS = ['通过', '退回', '其他'] as const;
export type 业务动作 = (typeof STEP_ACTIONS)[number];

/** 环节办理状态. */
export type 环节办理状态 = '待办' | '已办';

/**
 * 办结结果 (Sunlit's element for the decision, alongside the certificate elements): 准予 / 不予 /
 * 其他 as a flow's end outcome; in exports also 不予受理 and 撤回 for engine-run cases.
 */
export const CLOSE_RESULTS = ['准予', '不予', '其他'] as const;
export type 办结结果 = (typeof CLOSE_RESULTS)[number] | '不予受理' | '撤回';

export interface 办事申请 {
	办件类型: 办件类型;
	申请者名称: string;
	申请者证件号码?: string;
	申报来源: 申报来源;
	申请时间: string;
}

export interface 事项受理 {
	/** Filled by Sunlit from the department (a push may give it; the department's name wins). */
	受理单位?: string;
	受理人员: string;
	受理时间: string;
	受理文书编号?: string;
	/** Date. */
	承诺办结时间?: string;
}

export interface 事项办理 {
	环节名称: string;
	业务动作: 业务动作;
	环节处理人: string;
	环节处理意见?: string;
	环节开始时间: string;
	/** Absent while the step is being handled (环节办理状态 待办). */
	环节结束时间?: string;
	/** Derived from 环节结束时间 when absent. */
	环节办理状态?: 环节办理状态;
}

export interface 事项办结 {
	办结时间: string;
	办结结果: 办结结果;
	/** Sunlit: a short public statement of the decision. */
	结果说明?: string;
	结果证照名称?: string;
	结果证照编号?: string;
	/** Date (有效期限 of the certificate), when there is one. */
	有效期限?: string;
}

/** 特别程序 (export only: engine-run cases record them). */
export interface 特别程序 {
	种类: string;
	开始时间: string;
	启动理由或依据: string;
	结束时间: string | null;
	结果: string | null;
}

/**
 * What a department pushes (POST /api/v1/departments/{code}/cases) and what offline registration
 * records: the case's key process data. `部门办件编号` (Sunlit's element) is the case's id in the
 * department's own system — required for pushes, the key of idempotent re-pushes.
 */
export interface CaseRecordPayload {
	部门办件编号?: string;
	/** 实施编码: the item's code in the department's published catalogue. */
	事项编码: string;
	办事申请: 办事申请;
	事项受理: 事项受理;
	事项办理?: 事项办理[];
	事项办结?: 事项办结;
}

/** A case as GB/T 39046 records (GET /api/v1/cases/{caseNo}/gbt39046). */
export interface Gbt39046Case {
	标准: 'GB/T 39046-2020';
	/** Sunlit: engine (本系统办理), offline (线下办件登记), pushed (部门系统报送). */
	来源: 'engine' | 'offline' | 'pushed';
	办事申请: 办事申请 & {
		办件编号: string;
		事项编码: string;
		事项名称: string;
		部门办件编号?: string;
	};
	事项受理: (事项受理 & { 受理单位: string }) | null;
	事项办理: (事项办理 & { 环节办理状态: 环节办理状态 })[];
	特别程序: 特别程序[];
	事项办结: 事项办结 | null;
}
