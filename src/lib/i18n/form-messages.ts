/**
 * Messages of the form module; merged into the one catalogue in messages.ts.
 * `formDef.<CODE>`: problems of a form definition (validateFormDefinition; field-level ones get
 * `{id}`, the field's id). `formError.<CODE>`: problems of a submission (createValidator; `{field}`
 * is the field's label, or the raw name for ADDITIONAL). `fieldKind.<kind>`: the palette.
 */
export const formZh = {
	'formDef.ID_INVALID':
		'字段标识“{id}”无效：须以字母开头，只含字母、数字和下划线，最多 64 个字符。',
	'formDef.ID_DUPLICATE': '字段标识“{id}”已被同一层级的其他字段使用。',
	'formDef.LABEL_REQUIRED': '请填写字段“{id}”的名称。',
	'formDef.KIND_INVALID': '字段“{id}”的类型“{kind}”无效。',
	'formDef.GROUP_NESTED': '重复表格中不能再嵌套重复表格（字段“{id}”）。',
	'formDef.GROUP_FIELDS_REQUIRED': '重复表格“{id}”至少需要一个字段。',
	'formDef.LENGTH_INVALID': '字段“{id}”的字数限制须为不小于 0 的整数。',
	'formDef.LENGTH_RANGE_INVERTED': '字段“{id}”的最少字数（{min}）大于最多字数（{max}）。',
	'formDef.PATTERN_INVALID': '字段“{id}”的格式规则不是有效的正则表达式。',
	'formDef.NUMBER_INVALID': '字段“{id}”的最小值和最大值须为有效数字。',
	'formDef.RANGE_INVERTED': '字段“{id}”的最小值（{min}）大于最大值（{max}）。',
	'formDef.OPTIONS_REQUIRED': '字段“{id}”至少需要一个选项。',
	'formDef.OPTION_VALUE_REQUIRED': '字段“{id}”的选项须填写选项值。',
	'formDef.OPTION_VALUE_DUPLICATE': '字段“{id}”的选项值“{value}”重复。',
	'formDef.OPTION_LABEL_REQUIRED': '字段“{id}”的选项须填写显示文字。',
	'formDef.ITEMS_INVALID': '字段“{id}”的条数限制须为不小于 0 的整数。',
	'formDef.ITEMS_RANGE_INVERTED': '字段“{id}”的最少条数（{min}）大于最多条数（{max}）。',
	'formDef.MATERIAL_REQUIRED': '上传字段“{id}”须对应一项申请材料。',
	'formDef.MATERIAL_UNKNOWN': '上传字段“{id}”对应的申请材料“{material}”不在本事项的材料目录中。',
	'formDef.SECTION_TITLE_REQUIRED': '请填写第 {section} 个分组的标题。',
	'formDef.SECTION_FIELD_UNKNOWN':
		'第 {section} 个分组引用的字段“{id}”不存在（只能引用顶层字段）。',
	'formDef.SECTION_FIELD_REPEATED': '字段“{id}”已在其他分组中，第 {section} 个分组不能重复引用。',

	'formError.REQUIRED': '请填写“{field}”。',
	'formError.TOO_SHORT': '“{field}”至少需要 {min} 个字符。',
	'formError.TOO_LONG': '“{field}”不能超过 {max} 个字符。',
	'formError.PATTERN': '“{field}”的格式不符合要求。',
	'formError.FORMAT_CN_ID_CARD':
		'“{field}”不是有效的居民身份证号码（应为 18 位，出生日期有效，末位校验码相符）。',
	'formError.FORMAT_CN_MOBILE': '“{field}”不是有效的手机号码（11 位数字，以 13–19 开头）。',
	'formError.FORMAT_CN_CREDIT_CODE':
		'“{field}”不是有效的统一社会信用代码（应为 18 位，末位校验码相符）。',
	'formError.FORMAT_DATE': '“{field}”不是有效日期，请按“年-月-日”填写。',
	'formError.MINIMUM': '“{field}”不能小于 {min}。',
	'formError.MAXIMUM': '“{field}”不能大于 {max}。',
	'formError.ENUM': '请从列出的选项中选择“{field}”。',
	'formError.MIN_ITEMS': '“{field}”至少需要 {min} 项。',
	'formError.MAX_ITEMS': '“{field}”最多 {max} 项。',
	'formError.UNIQUE_ITEMS': '“{field}”中有重复的选项。',
	'formError.TYPE': '“{field}”的填写内容类型不正确。',
	'formError.ADDITIONAL': '表单中没有“{field}”这一项。',
	'formError.INVALID': '“{field}”填写有误。',

	'fieldKind.text': '单行文本',
	'fieldKind.textarea': '多行文本',
	'fieldKind.number': '数字',
	'fieldKind.date': '日期',
	'fieldKind.select': '下拉选择',
	'fieldKind.radio': '单选',
	'fieldKind.checkbox': '多选',
	'fieldKind.id_card': '身份证号',
	'fieldKind.mobile': '手机号',
	'fieldKind.credit_code': '统一社会信用代码',
	'fieldKind.address': '地址',
	'fieldKind.file': '上传材料',
	'fieldKind.group': '重复表格'
} as const;

export const formEn: Record<keyof typeof formZh, string> = {
	'formDef.ID_INVALID':
		'Field id “{id}” is invalid: start with a letter, use only letters, digits and underscores, at most 64 characters.',
	'formDef.ID_DUPLICATE': 'Field id “{id}” is already used by another field at the same level.',
	'formDef.LABEL_REQUIRED': 'Enter a label for field “{id}”.',
	'formDef.KIND_INVALID': 'Field “{id}” has an unknown kind “{kind}”.',
	'formDef.GROUP_NESTED': 'A repeating table cannot contain another one (field “{id}”).',
	'formDef.GROUP_FIELDS_REQUIRED': 'Repeating table “{id}” needs at least one field.',
	'formDef.LENGTH_INVALID': 'The length limits of field “{id}” must be whole numbers, 0 or more.',
	'formDef.LENGTH_RANGE_INVERTED':
		'Field “{id}”: the minimum length ({min}) exceeds the maximum length ({max}).',
	'formDef.PATTERN_INVALID': 'The pattern of field “{id}” is not a valid regular expression.',
	'formDef.NUMBER_INVALID': 'The minimum and maximum of field “{id}” must be valid numbers.',
	'formDef.RANGE_INVERTED': 'Field “{id}”: the minimum ({min}) exceeds the maximum ({max}).',
	'formDef.OPTIONS_REQUIRED': 'Field “{id}” needs at least one option.',
	'formDef.OPTION_VALUE_REQUIRED': 'Every option of field “{id}” needs a value.',
	'formDef.OPTION_VALUE_DUPLICATE': 'Field “{id}” has the option value “{value}” twice.',
	'formDef.OPTION_LABEL_REQUIRED': 'Every option of field “{id}” needs a label.',
	'formDef.ITEMS_INVALID': 'The item limits of field “{id}” must be whole numbers, 0 or more.',
	'formDef.ITEMS_RANGE_INVERTED':
		'Field “{id}”: the minimum number of items ({min}) exceeds the maximum ({max}).',
	'formDef.MATERIAL_REQUIRED': 'Upload field “{id}” must provide one of the application materials.',
	'formDef.MATERIAL_UNKNOWN':
		'Upload field “{id}” names “{material}”, which is not among this item’s application materials.',
	'formDef.SECTION_TITLE_REQUIRED': 'Enter a title for section {section}.',
	'formDef.SECTION_FIELD_UNKNOWN':
		'Section {section} refers to field “{id}”, which is not a top-level field.',
	'formDef.SECTION_FIELD_REPEATED':
		'Field “{id}” is already placed in a section; section {section} cannot list it again.',

	'formError.REQUIRED': 'Please fill in “{field}”.',
	'formError.TOO_SHORT': '“{field}” needs at least {min} characters.',
	'formError.TOO_LONG': '“{field}” cannot exceed {max} characters.',
	'formError.PATTERN': '“{field}” is not in the required format.',
	'formError.FORMAT_CN_ID_CARD':
		'“{field}” is not a valid resident ID number (18 characters, a valid birth date, matching check character).',
	'formError.FORMAT_CN_MOBILE':
		'“{field}” is not a valid mobile number (11 digits starting with 13–19).',
	'formError.FORMAT_CN_CREDIT_CODE':
		'“{field}” is not a valid unified social credit code (18 characters, matching check character).',
	'formError.FORMAT_DATE': '“{field}” is not a valid date; use year-month-day.',
	'formError.MINIMUM': '“{field}” cannot be less than {min}.',
	'formError.MAXIMUM': '“{field}” cannot be more than {max}.',
	'formError.ENUM': 'Choose “{field}” from the listed options.',
	'formError.MIN_ITEMS': '“{field}” needs at least {min} entries.',
	'formError.MAX_ITEMS': '“{field}” allows at most {max} entries.',
	'formError.UNIQUE_ITEMS': '“{field}” contains the same option twice.',
	'formError.TYPE': '“{field}” has the wrong type of value.',
	'formError.ADDITIONAL': 'The form has no item “{field}”.',
	'formError.INVALID': '“{field}” is not valid.',

	'fieldKind.text': 'Single-line text',
	'fieldKind.textarea': 'Multi-line text',
	'fieldKind.number': 'Number',
	'fieldKind.date': 'Date',
	'fieldKind.select': 'Drop-down',
	'fieldKind.radio': 'Single choice',
	'fieldKind.checkbox': 'Multiple choice',
	'fieldKind.id_card': 'Resident ID number',
	'fieldKind.mobile': 'Mobile number',
	'fieldKind.credit_code': 'Unified social credit code',
	'fieldKind.address': 'Address',
	'fieldKind.file': 'File upload',
	'fieldKind.group': 'Repeating table'
};
