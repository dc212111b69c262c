/**
 * JSON Schema 2020-12 of a case's key process data (CaseRecordPayload in types.ts), the one
 * check shared by department pushes and offline registration; published in docs/openapi.yaml.
 * Times are checked by pattern here and for order (and real dates) by `recordProblems`.
 */
import { CASE_TYPES, CLOSE_RESULTS, SOURCES, STEP_ACTIONS } from './types';

/** An ISO 8601 instant with an offset (`Z` or `+08:00`), seconds optional. */
export const DATE_TIME_PATTERN =
	'^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });
const optText = (max: number) => ({ type: 'string', maxLength: max });
const time = { type: 'string', pattern: DATE_TIME_PATTERN };
const date = { type: 'string', format: 'date' };

export const CASE_RECORD_SCHEMA = {
	$schema: 'https://json-schema.org/draft/2020-12/schema',
	$id: 'https://sunlit.example/schemas/gbt39046-case-record.json',
	title: '办件关键流程数据（GB/T 39046-2020 办事申请、事项受理、事项办理、事项办结）',
	type: 'object',
	additionalProperties: false,
	required: ['事项编码', '办事申请', '事项受理'],
	properties: {
		部门办件编号: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^\\s]+$' },
		事项编码: text(40),
		办事申请: {
			type: 'object',
			additionalProperties: false,
			required: ['办件类型', '申请者名称', '申报来源', '申请时间'],
			properties: {
				办件类型: { enum: [...CASE_TYPES] },
				申请者名称: text(100),
				申请者证件号码: optText(50),
				申报来源: { enum: [...SOURCES] },
				申请时间: time
			}
		},
		事项受理: {
			type: 'object',
			additionalProperties: false,
			required: ['受理人员', '受理时间'],
			properties: {
				受理单位: optText(100),
				受理人员: text(100),
				受理时间: time,
				受理文书编号: optText(64),
				承诺办结时间: date
			}
		},
		事项办理: {
			type: 'array',
			maxItems: 200,
			items: {
				type: 'object',
				additionalProperties: false,
				required: ['环节名称', '业务动作', '环节处理人', '环节开始时间'],
				properties: {
					环节名称: text(100),
					业务动作: { enum: [...STEP_ACTIONS] },
					环节处理人: text(100),
					环节处理意见: optText(2000),
					环节开始时间: time,
					环节结束时间: time,
					环节办理状态: { enum: ['待办', '已办'] }
				}
			}
		},
		事项办结: {
			type: 'object',
			additionalProperties: false,
			required: ['办结时间', '办结结果'],
			properties: {
				办结时间: time,
				办结结果: { enum: [...CLOSE_RESULTS] },
				结果说明: optText(2000),
				结果证照名称: optText(100),
				结果证照编号: optText(100),
				有效期限: date
			}
		}
	}
} as const;
