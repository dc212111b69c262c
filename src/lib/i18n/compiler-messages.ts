/**
 * Messages of the freeze compiler and the approval of item versions; merged into the one catalogue
 * in messages.ts. `compiler.<CODE>` is the text of a bundle cross-check (src/lib/compiler/validate.ts).
 */
export const compilerZh = {
	'compiler.FLOW_MISSING': '本事项还没有流程图，无法固化。请先在编制工作室绘制流程图。',
	'compiler.FLOW_ITEM_MISMATCH': '流程图属于事项“{item}”，不是本事项。请重新导入本事项的流程图。',
	'compiler.FORM_ITEM_MISMATCH':
		'申请表单属于事项“{item}”，不是本事项。请重新导入本事项的申请表单。',
	'compiler.DEPARTMENT_UNKNOWN':
		'环节“{name}”的承办部门“{department}”不在组织机构中。请在环节属性中重新选择部门。',
	'compiler.POST_UNKNOWN':
		'环节“{name}”的承办岗位“{post}”不是{department}的岗位。请在环节属性中重新选择岗位，或先在组织机构中设立该岗位。',
	'compiler.MATERIAL_NO_UPLOAD':
		'本事项可网上申请，但必备材料“{material}”在申请表单中没有对应的上传字段。请在表单中添加。'
} as const;

export const compilerEn: Record<keyof typeof compilerZh, string> = {
	'compiler.FLOW_MISSING':
		'This item has no flowchart yet, so it cannot be frozen. Draw one in the studio first.',
	'compiler.FLOW_ITEM_MISMATCH':
		'The flowchart belongs to item “{item}”, not to this one. Import this item’s flowchart again.',
	'compiler.FORM_ITEM_MISMATCH':
		'The application form belongs to item “{item}”, not to this one. Import this item’s form again.',
	'compiler.DEPARTMENT_UNKNOWN':
		'Step “{name}” is handled by department “{department}”, which is not in the organisation. Choose the department again in the step’s properties.',
	'compiler.POST_UNKNOWN':
		'Post “{post}” of step “{name}” is not a post of {department}. Choose the post again, or create it in the organisation first.',
	'compiler.MATERIAL_NO_UPLOAD':
		'This item can be applied for online, but the required material “{material}” has no upload field in the form. Add one.'
};
