/**
 * Messages of the bpmn module; merged into the one catalogue in messages.ts. `bpmn.<CODE>` is the
 * text of an import problem; `bpmn.type.<Name>` names a BPMN element type (`{what}`);
 * `bpmn.element.*` names an element (`{element}`: by its name, the id once in brackets);
 * `bpmn.summary.*` heads the list of problems.
 */
export const bpmnZh = {
	'bpmn.PARSE_FAILED':
		'无法读取该文件：第 {line} 行附近不是格式正确的 XML（例如标签没有闭合，或含有不允许的字符）。',
	'bpmn.NOT_BPMN': '无法读取该文件：它不是 BPMN 2.0 文档（最外层应为 bpmn:definitions）。',
	'bpmn.FILE_EMPTY': '无法读取该文件：文件是空的。',
	'bpmn.FILE_TOO_LARGE': '文件过大（{size}），BPMN 文件不能超过 {limit}。',
	'bpmn.ENCODING_UNSUPPORTED':
		'无法读取该文件：它使用 {encoding} 编码，本系统无法识别。请在建模工具中另存为 UTF-8 后重新导入。',
	'bpmn.ENCODING_INVALID':
		'无法读取该文件：它声明为 {encoding} 编码，但其中有不属于该编码的字节。请在建模工具中另存为 UTF-8 后重新导入。',
	'bpmn.ENCODING_UNDECLARED':
		'无法读取该文件：它不是 UTF-8 编码，XML 声明中也没有写明编码（如 encoding="GBK"）。请在建模工具中另存为 UTF-8 后重新导入。',
	'bpmn.XML_UNKNOWN_ELEMENT':
		'第 {line} 行的 <{tag}> 不是 BPMN 2.0 元素，或不能出现在这个位置，无法导入。',
	'bpmn.XML_DUPLICATE_ID':
		'第 {line} 行：标识 {id} 在文件中重复出现，无法确定连线连接的是哪个元素。',
	'bpmn.XML_UNRESOLVED': '元素{element}引用了文件中不存在的元素 {ref}，该引用已忽略。',
	'bpmn.XML_MISPLACED': '第 {line} 行的说明文字（documentation）不在 BPMN 规定的位置，已忽略。',
	'bpmn.XML_WARNING': '第 {line} 行附近的 <{tag}> 无法识别，无法导入。',
	'bpmn.XML_IGNORED': '第 {line} 行附近有无法识别的内容，已忽略。',
	'bpmn.NO_PROCESS': '文件中没有可导入的流程（bpmn:process）。',
	'bpmn.UNSUPPORTED_ELEMENT': '流程图不支持{what}{element}，该元素未导入。',
	'bpmn.TASK_TYPE_MAPPED': '{what}{element}已按普通办理环节导入，其类型特有的设置未导入。',
	'bpmn.SUPPLEMENT_ASSUMED':
		'接收任务{element}已按“补正”（申请人补充材料，暂停计时）导入，请核对。',
	'bpmn.EVENT_DEFINITION_IGNORED':
		'事件{element}带有{what}，已按普通受理或办结导入，该事件定义未导入。',
	'bpmn.CONDITION_UNSUPPORTED':
		'顺序流{element}的条件（语言：{language}）不是本系统的结构化条件，未导入，请在编制工作室重新设置：{expression}',
	'bpmn.CONDITION_INVALID': '顺序流{element}的结构化条件格式有误（{detail}），未导入。',
	'bpmn.GATEWAY_JOIN_FORK':
		'并行网关{element}既汇合又分开，已拆分为“联合办理：汇合”和“联合办理：分开”两个节点。',
	'bpmn.MERGE_COLLAPSED': '排他汇合网关{element}已省略，汇入它的顺序流直接连到其后的环节。',
	'bpmn.FLOW_DETACHED': '顺序流{element}连接了未导入或不存在的元素，未导入。',
	'bpmn.EXTENSION_INVALID': '元素{element}的扩展属性 {property} 的值“{value}”无效，已忽略。',
	'bpmn.EXTENSION_IGNORED': '元素{element}中其他工具的扩展内容（{extensions}）未导入。',
	'bpmn.DOCUMENTATION_IGNORED': '元素{element}的说明文字（bpmn:documentation）未导入。',
	'bpmn.POSITION_MISSING': '元素{element}没有图形位置，已自动排布。',
	'bpmn.LAYOUT_REDONE': '文件中的图形互相重叠，无法按原图排布，已重新自动排布。',

	'bpmn.summary.refused': '未导入：有 {count} 个问题须先解决（列在最前），其余为转换提示',
	'bpmn.summary.refusedOnly': '未导入：有 {count} 个问题须先解决',
	'bpmn.element.named': '“{name}”（{id}）',
	'bpmn.element.unnamed': '（{id}）',

	'bpmn.type.InclusiveGateway': '包容网关',
	'bpmn.type.EventBasedGateway': '事件网关',
	'bpmn.type.ComplexGateway': '复杂网关',
	'bpmn.type.SubProcess': '子流程',
	'bpmn.type.Transaction': '事务子流程',
	'bpmn.type.AdHocSubProcess': '自由子流程',
	'bpmn.type.CallActivity': '调用活动',
	'bpmn.type.IntermediateCatchEvent': '中间捕获事件',
	'bpmn.type.IntermediateThrowEvent': '中间抛出事件',
	'bpmn.type.BoundaryEvent': '边界事件',
	'bpmn.type.StandardLoopCharacteristics': '循环设置',
	'bpmn.type.MultiInstanceLoopCharacteristics': '多实例设置',
	'bpmn.type.DataObject': '数据对象',
	'bpmn.type.DataObjectReference': '数据对象',
	'bpmn.type.DataStoreReference': '数据存储',
	'bpmn.type.DataInputAssociation': '数据关联',
	'bpmn.type.DataOutputAssociation': '数据关联',
	'bpmn.type.Lane': '泳道',
	'bpmn.type.LaneSet': '泳道集',
	'bpmn.type.Collaboration': '协作（池）',
	'bpmn.type.MessageFlow': '消息流',
	'bpmn.type.Process': '另一个流程',
	'bpmn.type.TextAnnotation': '文本注释',
	'bpmn.type.Association': '关联线',
	'bpmn.type.Group': '分组',
	'bpmn.type.ManualTask': '手工任务',
	'bpmn.type.ServiceTask': '服务任务',
	'bpmn.type.SendTask': '发送任务',
	'bpmn.type.ScriptTask': '脚本任务',
	'bpmn.type.BusinessRuleTask': '业务规则任务',
	'bpmn.type.MessageEventDefinition': '消息事件定义',
	'bpmn.type.TimerEventDefinition': '定时事件定义',
	'bpmn.type.SignalEventDefinition': '信号事件定义',
	'bpmn.type.TerminateEventDefinition': '终止事件定义',
	'bpmn.type.ErrorEventDefinition': '错误事件定义',
	'bpmn.type.other': '元素'
} as const;

export const bpmnEn: Record<keyof typeof bpmnZh, string> = {
	'bpmn.PARSE_FAILED':
		'The file could not be read: near line {line} it is not well-formed XML (an unclosed tag or a character not allowed).',
	'bpmn.NOT_BPMN':
		'The file could not be read: it is not a BPMN 2.0 document (the outermost element should be bpmn:definitions).',
	'bpmn.FILE_EMPTY': 'The file could not be read: it is empty.',
	'bpmn.FILE_TOO_LARGE': 'The file is too large ({size}); BPMN files may be at most {limit}.',
	'bpmn.ENCODING_UNSUPPORTED':
		'The file could not be read: it uses the {encoding} encoding, which is not supported. Save it as UTF-8 in the modeler and import it again.',
	'bpmn.ENCODING_INVALID':
		'The file could not be read: it declares the {encoding} encoding but holds bytes that are not valid in it. Save it as UTF-8 in the modeler and import it again.',
	'bpmn.ENCODING_UNDECLARED':
		'The file could not be read: it is not UTF-8 and its XML declaration names no encoding (such as encoding="GBK"). Save it as UTF-8 in the modeler and import it again.',
	'bpmn.XML_UNKNOWN_ELEMENT':
		'<{tag}> on line {line} is not a BPMN 2.0 element or may not stand there; the file cannot be imported.',
	'bpmn.XML_DUPLICATE_ID':
		'Line {line}: the id {id} occurs more than once, so it is unclear what the flows connect.',
	'bpmn.XML_UNRESOLVED':
		'{element} refers to {ref}, which is not in the file; the reference was ignored.',
	'bpmn.XML_MISPLACED':
		'The documentation on line {line} is not where BPMN allows it and was ignored.',
	'bpmn.XML_WARNING': '<{tag}> near line {line} was not understood; the file cannot be imported.',
	'bpmn.XML_IGNORED': 'Something near line {line} was not understood and was ignored.',
	'bpmn.NO_PROCESS': 'The file contains no process (bpmn:process) to import.',
	'bpmn.UNSUPPORTED_ELEMENT':
		'Flowcharts do not support the {what} {element}; it was not imported.',
	'bpmn.TASK_TYPE_MAPPED':
		'The {what} {element} was imported as an ordinary step; its type-specific settings were not.',
	'bpmn.SUPPLEMENT_ASSUMED':
		'The receive task {element} was imported as a supplement step (the applicant supplies material; the clock pauses); please check.',
	'bpmn.EVENT_DEFINITION_IGNORED':
		'The event {element} has a {what}; it was imported as a plain start or end without it.',
	'bpmn.CONDITION_UNSUPPORTED':
		'The condition of sequence flow {element} (language: {language}) is not one of our structured conditions and was not imported; set it again in the studio: {expression}',
	'bpmn.CONDITION_INVALID':
		'The structured condition of sequence flow {element} is malformed ({detail}) and was not imported.',
	'bpmn.GATEWAY_JOIN_FORK':
		'The parallel gateway {element} both joins and splits; it was imported as a join followed by a split.',
	'bpmn.MERGE_COLLAPSED':
		'The exclusive merge gateway {element} was left out; the flows into it now lead straight to the step after it.',
	'bpmn.FLOW_DETACHED':
		'Sequence flow {element} connects an element that was not imported or does not exist; it was not imported.',
	'bpmn.EXTENSION_INVALID':
		'The extension property {property} of {element} has the invalid value “{value}” and was ignored.',
	'bpmn.EXTENSION_IGNORED':
		'Extensions of other tools on {element} ({extensions}) were not imported.',
	'bpmn.DOCUMENTATION_IGNORED':
		'The documentation (bpmn:documentation) of {element} was not imported.',
	'bpmn.POSITION_MISSING':
		'{element} has no position in the diagram and was laid out automatically.',
	'bpmn.LAYOUT_REDONE':
		'The shapes in the file lie on top of each other; the flow was laid out afresh.',

	'bpmn.summary.refused':
		'Not imported: {count} problem(s) must be solved first (listed first); the rest are conversion notes',
	'bpmn.summary.refusedOnly': 'Not imported: {count} problem(s) must be solved first',
	'bpmn.element.named': '“{name}” ({id})',
	'bpmn.element.unnamed': '({id})',

	'bpmn.type.InclusiveGateway': 'inclusive gateway',
	'bpmn.type.EventBasedGateway': 'event-based gateway',
	'bpmn.type.ComplexGateway': 'complex gateway',
	'bpmn.type.SubProcess': 'sub-process',
	'bpmn.type.Transaction': 'transaction',
	'bpmn.type.AdHocSubProcess': 'ad-hoc sub-process',
	'bpmn.type.CallActivity': 'call activity',
	'bpmn.type.IntermediateCatchEvent': 'intermediate catch event',
	'bpmn.type.IntermediateThrowEvent': 'intermediate throw event',
	'bpmn.type.BoundaryEvent': 'boundary event',
	'bpmn.type.StandardLoopCharacteristics': 'loop setting',
	'bpmn.type.MultiInstanceLoopCharacteristics': 'multi-instance setting',
	'bpmn.type.DataObject': 'data object',
	'bpmn.type.DataObjectReference': 'data object',
	'bpmn.type.DataStoreReference': 'data store',
	'bpmn.type.DataInputAssociation': 'data association',
	'bpmn.type.DataOutputAssociation': 'data association',
	'bpmn.type.Lane': 'lane',
	'bpmn.type.LaneSet': 'lane set',
	'bpmn.type.Collaboration': 'collaboration (pools)',
	'bpmn.type.MessageFlow': 'message flow',
	'bpmn.type.Process': 'further process',
	'bpmn.type.TextAnnotation': 'text annotation',
	'bpmn.type.Association': 'association',
	'bpmn.type.Group': 'group',
	'bpmn.type.ManualTask': 'manual task',
	'bpmn.type.ServiceTask': 'service task',
	'bpmn.type.SendTask': 'send task',
	'bpmn.type.ScriptTask': 'script task',
	'bpmn.type.BusinessRuleTask': 'business rule task',
	'bpmn.type.MessageEventDefinition': 'message event definition',
	'bpmn.type.TimerEventDefinition': 'timer event definition',
	'bpmn.type.SignalEventDefinition': 'signal event definition',
	'bpmn.type.TerminateEventDefinition': 'terminate event definition',
	'bpmn.type.ErrorEventDefinition': 'error event definition',
	'bpmn.type.other': 'element'
};
