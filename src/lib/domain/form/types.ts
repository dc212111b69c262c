/**
 * The application form (申请表单) of one power item, as designed in the studio. It compiles to
 * JSON Schema 2020-12 (what a submission must satisfy, checked by ajv in the browser and on the
 * server) plus a UI schema (order, grouping, widgets) for the one renderer that the designer's
 * preview and public intake share.
 */

export const FIELD_KINDS = [
	'text',
	'textarea',
	'number',
	'date',
	'select',
	'radio',
	'checkbox',
	'id_card', // 居民身份证号（含校验位）
	'mobile', // 手机号
	'credit_code', // 统一社会信用代码（含校验位）
	'address',
	'file', // 上传文件，对应目录中的一项申请材料
	'group' // 可重复的一组字段（表格）
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface FieldOption {
	value: string;
	label: string;
}

export interface FormField {
	/** Stable id (a JSON property name: letters, digits, underscore; starts with a letter). */
	id: string;
	kind: FieldKind;
	label: string;
	help: string;
	required: boolean;
	/** text / textarea / address */
	minLength?: number;
	maxLength?: number;
	/** number (and digits of a date? no: dates use minDate/maxDate) */
	min?: number;
	max?: number;
	/** text: a regular expression (ECMAScript, without delimiters) the value must match. */
	pattern?: string;
	/** select / radio / checkbox */
	options?: FieldOption[];
	/** file: the name of the catalogue entry's application material this upload provides. */
	material?: string;
	/** group: the fields of one row, and how many rows. */
	fields?: FormField[];
	minItems?: number;
	maxItems?: number;
}

/** A titled section of the form; fields not in any section come first. */
export interface FormSection {
	title: string;
	fieldIds: string[];
}

/** The form file (`*.form.json`), also the stored form of a form version. */
export interface FormDocument {
	format: 'sunlit.form';
	version: 1;
	/** The catalogue item code this form belongs to. */
	item: string;
	title: string;
	fields: FormField[];
	sections: FormSection[];
}

export function emptyForm(item: string, title: string): FormDocument {
	return { format: 'sunlit.form', version: 1, item, title, fields: [], sections: [] };
}
