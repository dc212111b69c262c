import { fail } from '@sveltejs/kit';
import type { CaseRecordPayload } from '$lib/domain/gbt39046/index';
import { translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { getDepartment } from '$lib/server/repositories/org-repository';
import { recordProblemMessage } from '$lib/server/record-problems';
import { serviceContext } from '$lib/server/request';
import { allPublished } from '$lib/server/services/public-catalogue';
import { recordCase, RecordInvalidError } from '$lib/server/services/recorded-case-service';
import type { Actions, PageServerLoad } from './$types';

/** The published items of the officer's department (what may be registered). */
function itemsOf(departmentCode: string | undefined) {
	if (!departmentCode) return [];
	return allPublished(getApp().db)
		.filter((e) => e.department.code === departmentCode)
		.map((e) => ({ code: e.code, name: e.name }));
}

function departmentOf(departmentId: number | null) {
	return departmentId === null ? undefined : getDepartment(getApp().db, departmentId);
}

/** 线下办件登记: the form, with the items of the officer's department. */
export const load: PageServerLoad = ({ locals }) => {
	const d = departmentOf(locals.user!.departmentId);
	return {
		department: d && !d.disabled_at ? { code: d.code, name: d.name } : null,
		items: itemsOf(d?.code)
	};
};

interface StepRow {
	name: string;
	handler: string;
	action: string;
	opinion: string;
	start: string;
	end: string;
}

const STEP_KEYS = ['name', 'handler', 'action', 'opinion', 'start', 'end'] as const;

/** A `datetime-local` value (China time) as an instant with its offset; '' stays absent. */
function instant(v: string): string | undefined {
	const s = v.trim();
	if (!s) return undefined;
	return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s) ? `${s}:00+08:00` : `${s}+08:00`;
}

const opt = (v: string) => (v.trim() ? v.trim() : undefined);

/** Where a record field path is on this form (input id). */
function inputOf(path: string): string {
	const [head, a, b] = path.split('.');
	if (head === '事项办理' && a !== undefined && /^\d+$/.test(a)) {
		const key: Record<string, string> = {
			环节名称: 'name',
			环节处理人: 'handler',
			业务动作: 'action',
			环节处理意见: 'opinion',
			环节开始时间: 'start',
			环节结束时间: 'end',
			环节办理状态: 'end'
		};
		return `step-${a}-${key[b ?? ''] ?? 'name'}`;
	}
	const map: Record<string, string> = {
		事项编码: 'itemCode',
		'办事申请.申请者名称': 'applicantName',
		'办事申请.申请者证件号码': 'applicantId',
		'办事申请.办件类型': 'caseType',
		'办事申请.申请时间': 'receivedAt',
		'事项受理.受理时间': 'receivedAt',
		'事项受理.受理人员': 'acceptedBy',
		'事项受理.受理文书编号': 'acceptDocNo',
		'事项受理.承诺办结时间': 'promisedDue',
		'事项办结.办结时间': 'closedAt',
		'事项办结.办结结果': 'result',
		'事项办结.结果说明': 'resultNote',
		事项办结: 'result',
		事项办理: 'steps'
	};
	return map[path] ?? map[`${head}.${a}`] ?? 'itemCode';
}

export const actions: Actions = {
	/** Records the case; on problems everything typed comes back with a message per field. */
	default: async (event) => {
		const { locals } = event;
		const data = await event.request.formData();
		const text = (k: string) => {
			const v = data.get(k);
			return typeof v === 'string' ? v : '';
		};
		const col = (k: string) =>
			data.getAll(`step.${k}`).map((v) => (typeof v === 'string' ? v : ''));
		const columns = Object.fromEntries(STEP_KEYS.map((k) => [k, col(k)])) as Record<
			(typeof STEP_KEYS)[number],
			string[]
		>;
		const steps: StepRow[] = columns.name
			.map(
				(_, i) =>
					Object.fromEntries(STEP_KEYS.map((k) => [k, columns[k][i] ?? ''])) as unknown as StepRow
			)
			// A row with nothing but the default action is an unused row.
			.filter((r) => [r.name, r.handler, r.opinion, r.start, r.end].some((v) => v.trim()));
		const values = {
			itemCode: text('itemCode'),
			applicantName: text('applicantName'),
			applicantId: text('applicantId'),
			caseType: text('caseType') || '承诺件',
			receivedAt: text('receivedAt'),
			acceptedBy: text('acceptedBy'),
			acceptDocNo: text('acceptDocNo'),
			promisedDue: text('promisedDue'),
			result: text('result'),
			closedAt: text('closedAt'),
			resultNote: text('resultNote'),
			steps
		};
		const d = departmentOf(locals.user!.departmentId);
		if (!d || d.disabled_at)
			return fail(400, {
				values,
				errors: { itemCode: translate(locals.locale, 'integration.offline.noDepartment') },
				count: 1
			});
		const received = instant(values.receivedAt);
		const closing = values.result || values.closedAt.trim();
		const payload = {
			事项编码: values.itemCode.trim(),
			办事申请: {
				办件类型: values.caseType,
				申请者名称: values.applicantName.trim(),
				...(opt(values.applicantId) ? { 申请者证件号码: opt(values.applicantId) } : {}),
				申报来源: '线下',
				申请时间: received
			},
			事项受理: {
				受理人员: values.acceptedBy.trim(),
				受理时间: received,
				...(opt(values.acceptDocNo) ? { 受理文书编号: opt(values.acceptDocNo) } : {}),
				...(opt(values.promisedDue) ? { 承诺办结时间: opt(values.promisedDue) } : {})
			},
			事项办理: steps.map((s) => ({
				环节名称: s.name.trim(),
				业务动作: s.action || '通过',
				环节处理人: s.handler.trim(),
				...(opt(s.opinion) ? { 环节处理意见: opt(s.opinion) } : {}),
				环节开始时间: instant(s.start),
				...(instant(s.end) ? { 环节结束时间: instant(s.end) } : {})
			})),
			...(closing
				? {
						事项办结: {
							办结时间: instant(values.closedAt),
							办结结果: values.result,
							...(opt(values.resultNote) ? { 结果说明: opt(values.resultNote) } : {})
						}
					}
				: {})
		} as unknown as CaseRecordPayload;
		// What was left empty is absent, so the schema names it as missing.
		const clean = JSON.parse(JSON.stringify(payload), (_k, v: unknown) =>
			typeof v === 'string' && !v.trim() ? undefined : v
		) as unknown;
		try {
			const r = recordCase(serviceContext(event), {
				origin: 'offline',
				department: { id: d.id, code: d.code, name: d.name },
				payload: clean
			});
			const item = itemsOf(d.code).find((i) => i.code === values.itemCode.trim());
			return {
				recorded: {
					caseNo: r.caseNo,
					queryCode: r.queryCode,
					itemCode: values.itemCode.trim(),
					itemName: item?.name ?? values.itemCode,
					department: d.name,
					applicantName: values.applicantName.trim(),
					receivedAt: received ?? '',
					closed: r.status === 'closed'
				}
			};
		} catch (e) {
			if (!(e instanceof RecordInvalidError)) throw e;
			const errors: Record<string, string> = {};
			for (const p of e.problems) {
				const id = inputOf(p.field);
				errors[id] ??= recordProblemMessage(locals.locale, p);
			}
			return fail(400, { values, errors, count: e.problems.length });
		}
	}
};
