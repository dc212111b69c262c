/**
 * Messages of the bulk import and export of catalogue entries (职权目录导入导出): the studio page,
 * the template's instructions sheet, the row-by-row problems and the errors of the import service.
 * The spreadsheet itself is always Chinese (its headers are what the import matches), so the
 * problem and template texts are used in Chinese; the English ones keep the catalogue complete.
 */
export const importZh = {
	'import.title': '批量导入事项',
	'import.intro':
		'下载导入模板，每行填写一个事项；或导出本部门事项，在表格中修改后导回。上传后先逐行检查并预览每行的结果（新增、修改或无改动），确认后才导入。新增的事项保存为本部门（{department}）的草稿，由系统生成事项编码；修改已有事项生成新的草稿版本，检查后在编制工作室逐项提交审核。',
	'import.downloads': '模板与导出',
	'import.template': '下载导入模板（Excel）',
	'import.export': '导出本部门事项（Excel）',
	'import.exportNote':
		'导出的文件与模板格式相同并带有事项编码。修改后导回：带有事项编码的行修改该事项（生成新的草稿版本，公众仍看到已公布的版本），编码留空的行新建事项。',
	'import.file': '导入文件',
	'import.fileHelp': 'Excel（.xlsx）或 UTF-8 编码的 CSV 文件，不超过 {mb} MB，每次最多 {max} 行。',
	'import.submit': '检查并预览',
	'import.noFile': '请选择要导入的文件。',
	'import.tooLarge': '文件不能超过 {mb} MB，请分批导入。',
	'import.fileType': '只能导入 .xlsx 或 .csv 文件。',
	'import.unreadableUpload': '未能收到上传的文件，请重新选择后再试。',
	'import.problemsTitle': '“{file}”中的问题',
	'import.nothingImported': '没有导入任何事项。请在文件中修改以下问题后重新上传整个文件。',
	'import.row': '行',
	'import.column': '列',
	'import.problem': '问题',
	'import.columnCell': '{letter} 列 · {header}',
	'import.done':
		'已从“{file}”导入：新建 {created} 个事项，修改 {revised} 个事项（均为草稿），{unchanged} 行无改动。',
	'import.previewTitle': '“{file}”的导入预览',
	'import.previewLead':
		'共 {total} 行：新增 {created} 个，修改 {revised} 个，无改动 {unchanged} 个。尚未导入，请核对后确认。',
	'import.previewNothing': '文件中的事项与目录一致，没有需要导入的改动。',
	'import.confirm': '确认导入',
	'import.expired': '预览已过期或已被新的上传取代，请重新上传文件。',
	'import.action': '结果',
	'import.item': '事项',
	'import.changes': '改动',
	'import.action.create': '新增',
	'import.action.update': '修改',
	'import.action.same': '无改动',
	'import.fromVersion': '在第 {version} 版基础上生成新的草稿版本',
	'import.changeFrom': '原',
	'import.changeTo': '改为',
	'import.empty': '（空）',
	'import.warningsTitle': '提示（不影响导入）',
	'import.revisedTitle': '修改的事项（新的草稿版本）',
	'import.revisedRow': '第 {row} 行，第 {version} 版草稿',
	'import.createdTitle': '新建的事项',
	'import.createdRow': '第 {row} 行',

	'import.sheet.fileType': '只能导入 .xlsx 或 .csv 文件。',
	'import.sheet.unreadable':
		'无法读取该文件。请确认它是 Excel（.xlsx）或 CSV 文件；旧版 .xls 文件请先另存为 .xlsx。',
	'import.sheet.encoding': 'CSV 文件须为 UTF-8 编码，请另存为“CSV UTF-8（逗号分隔）”后再导入。',
	'import.sheet.csvQuote': 'CSV 文件格式有误：第 {row} 行开始的引号没有闭合。',
	'import.sheet.missingHeaders':
		'第一行缺少以下列：{headers}。请使用导入模板，不要修改或删除列名（列的顺序可以调整）。',
	'import.sheet.duplicateHeader': '列名“{header}”出现了多次（{letters} 列），请只保留一列。',

	'import.problem.choice': '“{value}”不是有效的选项，请填写：{choices}。',
	'import.problem.yesNo': '“{value}”无效，请填写“是”或“否”。',
	'import.problem.number': '“{value}”不是数字。',
	'import.problem.parts':
		'单元格内第 {n} 行应有 {expected} 部分（{format}），各部分用“|”分隔，现有 {actual} 部分。',
	'import.problem.partChoice': '单元格内第 {n} 行：“{value}”不是有效的{part}，请填写：{choices}。',
	'import.problem.partYesNo': '单元格内第 {n} 行：“{part}”须填写“是”或“否”，现为“{value}”。',
	'import.problem.partNumber': '单元格内第 {n} 行：“{part}”须为数字，现为“{value}”。',
	'import.problem.codeUnknown': '本部门没有编码为 {code} 的事项。新建事项请将“事项编码”留空。',
	'import.problem.codeRetired': '事项 {code} 已废止，不能再修改。',
	'import.problem.codeOpen':
		'事项 {code} 已有办理中的第 {version} 版（{status}），不能再导入修改。请先在编制工作室提交审核、等待审核结果或撤回，再导入。',
	'import.problem.codeTwice': '事项编码 {code} 已在第 {row} 行出现，一个事项只能有一行。',
	'import.problem.categoryLocked':
		'事项 {code} 的职权类别是“{category}”，不能改为“{value}”。类别不同的请编码留空作为新事项导入。',
	'import.warning.nameInFile': '与第 {rows} 行的事项名称相同。',
	'import.warning.nameInDepartment': '本部门已有同名事项“{name}”（{code}）。',
	'import.warning.nameInCatalogue': '{department}已有同名事项“{name}”（{code}）。',
	'import.item.bases': '第 {n} 条',
	'import.item.materials': '第 {n} 项',
	'import.item.discretion': '第 {n} 行',

	'import.format.bases': '法律法规名称|条款|条文内容',
	'import.format.materials': '名称|是否必须|形式|份数|备注|空白表格',
	'import.format.discretion': '违法情节|处罚种类|下限|上限|单位',
	'import.format.materialsCount': '4 到 6',

	'import.dv.choiceTitle': '选项无效',
	'import.dv.choice': '请从下拉列表中选择：{choices}',
	'import.dv.daysTitle': '时限无效',
	'import.dv.days': '请填写 0 到 {max} 之间的整数（工作日）。',
	'import.sheet.data': '职权目录',
	'import.sheet.guide': '填写说明',
	'import.sheet.example': '示例',
	'import.guide.title': '职权目录导入模板填写说明',
	'import.guide.rule1':
		'1. 在“职权目录”工作表中每行填写一个事项。第一行是列名，请勿修改或删除（列的顺序可以调整）。',
	'import.guide.rule2':
		'2. 导入的事项保存为本部门的草稿，事项编码由系统生成；导入后在编制工作室检查并逐项提交审核。',
	'import.guide.rule3':
		'3. 上传后系统逐行检查：只要有一行有问题，整个文件都不导入，并列出每个问题所在的行和列。',
	'import.guide.rule4':
		'4. 设定依据、申请材料、自由裁量基准三列一个单元格填写多项：每项占一行（单元格内换行按 Alt+Enter），各部分之间用竖线“|”分隔，空白部分也要保留竖线。',
	'import.guide.rule5':
		'5. 职权类别、公开方式从下拉列表中选择；“是/否”列填写“是”或“否”，空白视为“否”；时限以工作日计，填写整数。',
	'import.guide.rule6':
		'6. 每次最多导入 {max} 行，文件不超过 {mb} MB。支持 .xlsx 文件和 UTF-8 编码的 .csv 文件。',
	'import.guide.rule7':
		'7. “示例”工作表有一行完整的示例，可复制到“职权目录”工作表后修改。导出的本部门事项带有“事项编码”列：修改后导回即为该事项生成新的草稿版本，编码留空的行新建事项。',
	'import.guide.column': '列',
	'import.guide.header': '列名',
	'import.guide.need': '是否必填',
	'import.guide.how': '填写说明',
	'import.guide.sample': '示例',

	'import.need.required': '必填',
	'import.need.optional': '选填',
	'import.need.application': '申请类事项必填',
	'import.need.penalty': '行政处罚事项必填，其他事项不填',
	'import.need.fee': '收费时必填',
	'import.need.notDisclosed': '不予公开时必填，其他情况不填',
	'import.need.disclosed': '公开时必填',
	'import.need.online': '可网上申请时必填',
	'import.need.channel': '不能网上申请时必填',
	'import.need.window': '填写窗口地址时必填',
	'import.need.exportOnly': '导出时生成；修改已有事项时保留，新事项留空',

	'import.how.code':
		'系统生成的事项编码，请勿修改。带编码的行修改该事项（生成新的草稿版本），编码留空的行新建事项；职权类别不能修改。',
	'import.how.name': '与法律法规表述一致的事项全称，不超过 100 字。',
	'import.how.category': '从下拉列表选择：{choices}。',
	'import.how.division': '具体办理的内设机构，不超过 50 字。',
	'import.how.post': '负责办理的岗位，不超过 50 字。',
	'import.how.staff': '人员姓名或“某某岗工作人员”，不超过 50 字。',
	'import.how.bases':
		'至少一条，每条一行：法律法规名称|条款|条文内容。条款可空，但竖线要保留，如“《某某条例》||条文”。',
	'import.how.disclosureForm': '从下拉列表选择：{choices}。',
	'import.how.disclosureReason': '选择“不予公开”时写明法定理由。',
	'import.how.disclosureScope': '向谁公开，如“社会公众”。',
	'import.how.disclosureDays': '信息形成或变更后公开的期限，1 到 3650 的整数。',
	'import.how.conditions': '申请人须具备的条件；可在单元格内换行。',
	'import.how.materials':
		'每项材料一行：名称|是否必须（是/否）|形式（{forms}）|份数|备注|空白表格。备注和空白表格可省略。',
	'import.how.feeCharged': '是或否，空白视为否。',
	'import.how.feeBasis': '收费的法律依据。',
	'import.how.feeStandard': '收费标准。',
	'import.how.statutoryDays': '法律法规规定的办理期限，0 到 3650 的整数。',
	'import.how.promisedDays': '本部门承诺的办理期限，不得超过法定办结时限。',
	'import.how.onlineApply': '是或否，空白视为否。',
	'import.how.onlineUrl': '以 http:// 或 https:// 开头的网址。',
	'import.how.windowAddress': '办理窗口的地址；不能网上申请时必填。',
	'import.how.officeHours': '窗口的办公时间。',
	'import.how.phone': '咨询电话，只能包含数字、短横线、括号和“转”。',
	'import.how.complaint': '投诉举报的机关、电话、网址或信箱。',
	'import.how.rights': '可填多项，用“；”或“、”分隔：{choices}。',
	'import.how.rightsNote': '对相对人权利的补充说明。',
	'import.how.discretion':
		'每档一行：违法情节|处罚种类|下限|上限|单位。同种处罚的幅度不得交叉（相邻两档的端点可以相同）。',

	'import.sample.discretion':
		'轻微：货值金额不足一万元|罚款|5000|20000|元\n一般：货值金额一万元以上|罚款|20000|50000|元',

	'error.IMPORT_HAS_ERRORS': '文件中有 {rows} 行共 {problems} 个问题，没有导入任何事项。',
	'error.IMPORT_EMPTY': '文件中没有可导入的事项：除列名外都是空行。',
	'error.IMPORT_TOO_MANY_ROWS': '一次最多导入 {max} 行，文件中有 {count} 行，请分批导入。',
	'error.IMPORT_PLAN_CHANGED': '预览之后目录有了变化，没有导入任何事项。请核对新的预览后再确认。',
	'error.IMPORT_NO_CHANGES': '文件中的事项与目录一致，没有需要导入的改动。'
} as const;

export const importEn: Record<keyof typeof importZh, string> = {
	'import.title': 'Bulk import',
	'import.intro':
		'Download the template and fill one item per row, or export your department’s items, edit them in the spreadsheet and import them back. Every row is checked and previewed (new, changed or unchanged) before you confirm. New items are saved as drafts of your department ({department}) with system-made codes; changes to existing items become new draft versions. Check them in the studio and submit them one by one.',
	'import.downloads': 'Template and export',
	'import.template': 'Download the import template (Excel)',
	'import.export': "Export your department's items (Excel)",
	'import.exportNote':
		'The export has the template’s columns plus the item code. Import it back after editing: a row with a code changes that item (a new draft version; the public keeps seeing the published one), a row without a code creates an item.',
	'import.file': 'File to import',
	'import.fileHelp': 'Excel (.xlsx) or UTF-8 CSV, at most {mb} MB and {max} rows at a time.',
	'import.submit': 'Check and preview',
	'import.noFile': 'Choose a file to import.',
	'import.tooLarge': 'The file may not exceed {mb} MB; import it in parts.',
	'import.fileType': 'Only .xlsx or .csv files can be imported.',
	'import.unreadableUpload': 'The upload did not arrive; choose the file again and retry.',
	'import.problemsTitle': 'Problems in “{file}”',
	'import.nothingImported':
		'Nothing was imported. Correct these problems in the file and upload the whole file again.',
	'import.row': 'Row',
	'import.column': 'Column',
	'import.problem': 'Problem',
	'import.columnCell': 'column {letter} · {header}',
	'import.done':
		'Imported from “{file}”: {created} new items, {revised} changed items (all drafts), {unchanged} rows unchanged.',
	'import.previewTitle': 'Import preview of “{file}”',
	'import.previewLead':
		'{total} rows: {created} new, {revised} changed, {unchanged} unchanged. Nothing is imported yet; check and confirm.',
	'import.previewNothing': 'The file matches the catalogue: there is nothing to import.',
	'import.confirm': 'Confirm import',
	'import.expired':
		'The preview has expired or was replaced by a newer upload; upload the file again.',
	'import.action': 'Result',
	'import.item': 'Item',
	'import.changes': 'Changes',
	'import.action.create': 'New',
	'import.action.update': 'Changed',
	'import.action.same': 'Unchanged',
	'import.fromVersion': 'a new draft version based on version {version}',
	'import.changeFrom': 'was',
	'import.changeTo': 'becomes',
	'import.empty': '(empty)',
	'import.warningsTitle': 'Notes (the import may go ahead)',
	'import.revisedTitle': 'Changed items (new draft versions)',
	'import.revisedRow': 'row {row}, draft version {version}',
	'import.createdTitle': 'New items',
	'import.createdRow': 'row {row}',

	'import.sheet.fileType': 'Only .xlsx or .csv files can be imported.',
	'import.sheet.unreadable':
		'The file cannot be read. Make sure it is an Excel (.xlsx) or CSV file; save old .xls files as .xlsx first.',
	'import.sheet.encoding': 'CSV files must be UTF-8; save it as “CSV UTF-8” and import again.',
	'import.sheet.csvQuote': 'The CSV file is malformed: the quote opened in row {row} never closes.',
	'import.sheet.missingHeaders':
		'The first row lacks these columns: {headers}. Use the import template and keep its headers (their order may change).',
	'import.sheet.duplicateHeader':
		'The header “{header}” appears more than once (columns {letters}); keep only one.',

	'import.problem.choice': '“{value}” is not a valid choice; use one of: {choices}.',
	'import.problem.yesNo': '“{value}” is invalid; write “是” (yes) or “否” (no).',
	'import.problem.number': '“{value}” is not a number.',
	'import.problem.parts':
		'Line {n} of the cell needs {expected} parts ({format}) separated by “|”; it has {actual}.',
	'import.problem.partChoice':
		'Line {n} of the cell: “{value}” is not a valid {part}; use one of: {choices}.',
	'import.problem.partYesNo': 'Line {n} of the cell: “{part}” must be “是” or “否”, not “{value}”.',
	'import.problem.partNumber': 'Line {n} of the cell: “{part}” must be a number, not “{value}”.',
	'import.problem.codeUnknown':
		'Your department has no item with the code {code}. Leave the item code empty for new items.',
	'import.problem.codeRetired': 'Item {code} has been retired and can no longer be changed.',
	'import.problem.codeOpen':
		'Item {code} already has version {version} in progress ({status}), so it cannot be changed by import. Submit it, wait for the review or withdraw it in the studio first.',
	'import.problem.codeTwice':
		'The item code {code} already appears in row {row}; one row per item.',
	'import.problem.categoryLocked':
		'Item {code} is of category “{category}” and cannot become “{value}”; import it without a code as a new item instead.',
	'import.warning.nameInFile': 'Row {rows} has the same item name.',
	'import.warning.nameInDepartment': 'Your department already has an item named “{name}” ({code}).',
	'import.warning.nameInCatalogue': '{department} already has an item named “{name}” ({code}).',
	'import.item.bases': 'basis {n}',
	'import.item.materials': 'material {n}',
	'import.item.discretion': 'line {n}',

	'import.format.bases': 'law|article|text',
	'import.format.materials': 'name|required|form|copies|notes|blank template',
	'import.format.discretion': 'circumstance|penalty|minimum|maximum|unit',
	'import.format.materialsCount': '4 to 6',

	'import.dv.choiceTitle': 'Invalid choice',
	'import.dv.choice': 'Choose from the list: {choices}',
	'import.dv.daysTitle': 'Invalid time limit',
	'import.dv.days': 'Enter a whole number of working days from 0 to {max}.',
	'import.sheet.data': 'Catalogue',
	'import.sheet.guide': 'Instructions',
	'import.sheet.example': 'Example',
	'import.guide.title': 'How to fill the catalogue import template',
	'import.guide.rule1':
		'1. One item per row of the “职权目录” sheet. The first row holds the headers: do not change or delete them (their order may change).',
	'import.guide.rule2':
		'2. Imported items are saved as drafts of your department with system-made codes; check them in the studio and submit them one by one.',
	'import.guide.rule3':
		'3. Every row is checked on upload: if any row has a problem nothing is imported, and each problem is listed with its row and column.',
	'import.guide.rule4':
		'4. Legal basis, materials and discretion hold several entries in one cell: one per line (Alt+Enter inside a cell), parts separated by “|”, keeping the bars of empty parts.',
	'import.guide.rule5':
		'5. Choose category and disclosure form from the drop-downs; yes/no columns take “是” or “否” (blank is no); time limits are whole working days.',
	'import.guide.rule6':
		'6. At most {max} rows and {mb} MB per file. .xlsx files and UTF-8 .csv files are accepted.',
	'import.guide.rule7':
		'7. The “示例” sheet holds one complete example row to copy into the data sheet. Exported items carry the item code: imported back, a row with a code becomes a new draft version of that item; rows without a code create items.',
	'import.guide.column': 'Column',
	'import.guide.header': 'Header',
	'import.guide.need': 'Required',
	'import.guide.how': 'How to fill it',
	'import.guide.sample': 'Example',

	'import.need.required': 'Required',
	'import.need.optional': 'Optional',
	'import.need.application': 'Required for application items',
	'import.need.penalty': 'Required for penalty items, empty for others',
	'import.need.fee': 'Required when a fee is charged',
	'import.need.notDisclosed': 'Required when not disclosed, empty otherwise',
	'import.need.disclosed': 'Required when disclosed',
	'import.need.online': 'Required with online application',
	'import.need.channel': 'Required without online application',
	'import.need.window': 'Required with a service window',
	'import.need.exportOnly': 'Filled by export; keep it to change an item, empty for new items',

	'import.how.code':
		'The item code made by the system; do not change it. A row with a code changes that item (a new draft version), a row without creates one; the category cannot change.',
	'import.how.name': 'The full name as the law words it, at most 100 characters.',
	'import.how.category': 'Choose from the list: {choices}.',
	'import.how.division': 'The handling division, at most 50 characters.',
	'import.how.post': 'The responsible post, at most 50 characters.',
	'import.how.staff': 'Names or the post’s staff, at most 50 characters.',
	'import.how.bases':
		'At least one, one per line: law|article|text. The article may be empty but keep its bars.',
	'import.how.disclosureForm': 'Choose from the list: {choices}.',
	'import.how.disclosureReason': 'The legal reason, when not disclosed.',
	'import.how.disclosureScope': 'Who it is disclosed to.',
	'import.how.disclosureDays': 'Working days to publish, a whole number from 1 to 3650.',
	'import.how.conditions': 'What the applicant must meet; may span lines.',
	'import.how.materials':
		'One material per line: name|required (是/否)|form ({forms})|copies|notes|blank template. Notes and template may be left out.',
	'import.how.feeCharged': 'Yes or no; blank is no.',
	'import.how.feeBasis': 'The legal basis of the fee.',
	'import.how.feeStandard': 'The fee standard.',
	'import.how.statutoryDays': 'The time limit set by law, a whole number from 0 to 3650.',
	'import.how.promisedDays': 'The department’s promise; not more than the statutory limit.',
	'import.how.onlineApply': 'Yes or no; blank is no.',
	'import.how.onlineUrl': 'An address starting with http:// or https://.',
	'import.how.windowAddress': 'The service window; required without online application.',
	'import.how.officeHours': 'The window’s office hours.',
	'import.how.phone': 'Enquiry phone: digits, dashes, brackets and “转” only.',
	'import.how.complaint': 'Where and how to complain.',
	'import.how.rights': 'Several allowed, separated by “；” or “、”: {choices}.',
	'import.how.rightsNote': 'Further notes on the rights.',
	'import.how.discretion':
		'One tier per line: circumstance|penalty|minimum|maximum|unit. Ranges of the same penalty must not overlap (neighbouring ends may touch).',

	'import.sample.discretion':
		'Minor: goods worth under 10,000 yuan|fine|5000|20000|yuan\nOrdinary: 10,000 yuan or more|fine|20000|50000|yuan',

	'error.IMPORT_HAS_ERRORS':
		'The file has {problems} problems in {rows} rows; nothing was imported.',
	'error.IMPORT_EMPTY': 'The file holds no items: every row below the headers is empty.',
	'error.IMPORT_TOO_MANY_ROWS':
		'At most {max} rows can be imported at a time; the file has {count}. Import it in parts.',
	'error.IMPORT_PLAN_CHANGED':
		'The catalogue changed after the preview; nothing was imported. Check the new preview and confirm again.',
	'error.IMPORT_NO_CHANGES': 'The file matches the catalogue: there is nothing to import.'
};
