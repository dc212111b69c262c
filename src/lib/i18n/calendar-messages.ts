/**
 * Messages of the working-day calendar (工作日历): the administrator's page, where holidays and
 * make-up workdays are entered and a year is confirmed, and its validation messages. Merged into
 * the one catalogue; `calendarEn` has exactly the keys and placeholders of `calendarZh`.
 */
export const calendarZh = {
	'calendar.title': '工作日历',
	'calendar.intro':
		'办理期限按工作日计算。2004–2026 年使用内置的国家放假安排；以后各年须在国务院办公厅公布放假安排后，由系统管理员在此录入并确认。',
	'calendar.yearNav': '选择年份',
	'calendar.go': '查看',
	'calendar.yearLabel': '{year} 年',
	'calendar.prevYear': '上一年（{year} 年）',
	'calendar.nextYear': '下一年（{year} 年）',
	'calendar.status.none': '{year} 年：尚无节假日数据，期限按周一至周五推算',
	'calendar.status.noneHelp':
		'在国务院办公厅公布 {year} 年放假安排后，请在下方录入节假日和调休上班日并确认；在此之前计算的期限可能有误，系统会发出警告。',
	'calendar.status.builtin': '{year} 年：内置国家安排（{first}–{last}）',
	'calendar.status.builtinHelp': '期限按内置的国务院办公厅放假安排推算。',
	'calendar.status.admin': '{year} 年：管理员已确认',
	'calendar.status.adminHelp':
		'期限按管理员录入的数据推算（{by}于 {at} 确认），完全替代内置国家安排。',
	'calendar.pending': '管理员录入的 {n} 天尚未确认，暂不生效。',
	'calendar.effective': '{year} 年生效的节假日和调休上班日',
	'calendar.effectiveNone': '没有生效的节假日数据：周一至周五均按工作日计算。',
	'calendar.counts':
		'节假日 {holidays} 天（周一至周五放假），调休上班日 {workdays} 天（周末上班）。',
	'calendar.date': '日期',
	'calendar.weekday': '星期',
	'calendar.kind': '类型',
	'calendar.note': '说明',
	'calendar.year': '年份',
	'calendar.updatedAt': '录入时间',
	'calendar.action': '操作',
	'calendar.kind.holiday': '节假日',
	'calendar.kind.workday': '调休上班日',
	'calendar.weekday.0': '星期日',
	'calendar.weekday.1': '星期一',
	'calendar.weekday.2': '星期二',
	'calendar.weekday.3': '星期三',
	'calendar.weekday.4': '星期四',
	'calendar.weekday.5': '星期五',
	'calendar.weekday.6': '星期六',
	'calendar.adminRows': '管理员录入（{year} 年）',
	'calendar.adminRowsHelp':
		'逐日录入：节假日只录入落在周一至周五的放假日（周末本来休息），调休上班日只录入落在周六、周日的上班日。',
	'calendar.adminNone': '尚未录入。',
	'calendar.remove': '删除',
	'calendar.removeDay': '删除 {date}',
	'calendar.addDay': '录入一天',
	'calendar.dateHelp': '须为 {year} 年的日期。',
	'calendar.kindHelp': '节假日：周一至周五放假；调休上班日：周六、周日上班。',
	'calendar.noteHelp': '可填写节日名称，如“国庆节”，不超过 {max} 个字。',
	'calendar.save': '录入',
	'calendar.daySaved': '已录入 {date}（{kind}）。',
	'calendar.dayRemoved': '已删除 {date}。',
	'calendar.confirmTitle': '确认 {year} 年数据',
	'calendar.confirmHelp':
		'核对上表与国务院办公厅通知一致后确认。确认后，{year} 年的期限按管理员录入的数据推算，完全替代内置国家安排；未确认前，录入的数据不生效。',
	'calendar.confirm': '确认 {year} 年数据',
	'calendar.confirmReplaces':
		'确认后，{year} 年将只按管理员录入的数据计算，内置国家安排不再使用。确定确认？',
	'calendar.confirmed': '已确认 {year} 年的数据，期限按管理员录入的数据推算。',
	'calendar.unconfirmHelp':
		'撤销确认后，录入的数据保留但不再生效：{year} 年恢复使用内置国家安排（如有），否则期限按周一至周五推算并发出警告。',
	'calendar.unconfirm': '撤销确认',
	'calendar.unconfirmed': '已撤销对 {year} 年的确认。',
	'calendar.yearInvalid': '年份须在 {min}–{max} 之间。',

	'calendar.notice.title': '粘贴国务院办公厅通知',
	'calendar.notice.help':
		'把《国务院办公厅关于某年部分节假日安排的通知》全文粘贴到这里，先预览核对，再确认录入：该年已录入的数据将被通知的内容替换，并确认该年。',
	'calendar.notice.label': '通知全文',
	'calendar.notice.preview': '预览',
	'calendar.notice.previewTitle': '{year} 年通知的内容（尚未录入）',
	'calendar.notice.festival': '节日',
	'calendar.notice.daysOff': '放假日期',
	'calendar.notice.workdays': '调休上班日期',
	'calendar.notice.range': '{from} 至 {to}（{n} 天）',
	'calendar.notice.single': '{from}（1 天）',
	'calendar.notice.none': '无',
	'calendar.notice.summary':
		'将录入：节假日 {holidays} 天（周一至周五放假），调休上班日 {workdays} 天（周末上班）。',
	'calendar.notice.problems':
		'以下内容未能识别或与日历不符，请对照通知核对，必要时确认后逐日补录：',
	'calendar.notice.confirm': '确认录入 {year} 年',
	'calendar.notice.confirmedYear': '{year} 年已确认：如需按通知重新录入，请先撤销确认。',
	'calendar.notice.done':
		'已按通知录入并确认 {year} 年：节假日 {holidays} 天，调休上班日 {workdays} 天。',
	'calendar.notice.problem.NOTICE_YEAR_MISSING':
		'没有找到通知的年份（如“关于2027年部分节假日安排”）。',
	'calendar.notice.problem.NOTICE_NO_HOLIDAYS':
		'没有找到任何节日段落（如“一、元旦：1月1日放假”）。',
	'calendar.notice.problem.NOTICE_SENTENCE_UNREADABLE': '未能识别，没有录入：“{sentence}”。',
	'calendar.notice.problem.NOTICE_DATE_INVALID': '“{sentence}”中的 {date} 不是有效日期。',
	'calendar.notice.problem.NOTICE_WEEKDAY_MISMATCH':
		'“{sentence}”：{date} 是{actual}，通知写的是{named}。',
	'calendar.notice.problem.NOTICE_COUNT_MISMATCH':
		'“{sentence}”：通知写共 {stated} 天，按日期数是 {counted} 天。',
	'calendar.notice.problem.NOTICE_WORKDAY_ON_WEEKDAY':
		'“{sentence}”：上班日 {date} 是周一至周五，本来就上班，不录入。',
	'calendar.notice.problem.NOTICE_DATE_OTHER_YEAR': '{date} 属于 {year} 年，不在本年录入。',
	'error.NOTICE_YEAR_MISSING':
		'“{field}”中没有找到年份：请粘贴通知全文，包括标题“国务院办公厅关于某年部分节假日安排的通知”。',
	'error.NOTICE_NO_HOLIDAYS':
		'“{field}”中没有找到任何节日段落（如“一、元旦：1月1日放假”），请粘贴通知全文。',
	'error.CALENDAR_NOTICE_YEAR_CONFIRMED':
		'{year} 年已确认，不能按“{field}”重新录入：请先撤销确认。',

	'calendar.reference': '正常年份（{years} 年）：节假日 {holidays} 天，调休上班日 {workdays} 天。',
	'calendar.confirmAnyway': '仍然确认 {year} 年',
	'error.CALENDAR_COUNTS_UNUSUAL':
		'{year} 年只有节假日 {holidays} 天、调休上班日 {workdays} 天，与正常年份（节假日 {refHolidays} 天、调休上班日 {refWorkdays} 天）相差很大。请对照国务院办公厅通知核对；确实无误时再点“仍然确认”。',
	'admin.calendar': '工作日历',
	'admin.calendarNote': '节假日和调休上班日，用于计算办理期限',

	'error.CALENDAR_DATE_INVALID': '“{field}”不是有效日期，请按“年-月-日”填写，例如 2027-10-01。',
	'error.CALENDAR_YEAR_OUT_OF_RANGE': '“{field}”须在 {min}–{max} 年之间。',
	'error.CALENDAR_KIND_INVALID': '请选择有效的“{field}”：节假日或调休上班日。',
	'error.HOLIDAY_ON_WEEKEND':
		'“{field}”{date} 是周六或周日：节假日只录入落在周一至周五的放假日，周末本来就休息。',
	'error.WORKDAY_ON_WEEKDAY':
		'“{field}”{date} 是周一至周五：调休上班日只录入落在周六、周日的上班日。',
	'error.CALENDAR_DAY_NOT_FOUND': '{date} 没有管理员录入的记录。',
	'error.CALENDAR_LAST_HOLIDAY':
		'{date} 是已确认的 {year} 年仅剩的节假日，不能删除；如需重新录入，请先撤销确认。',
	'error.CALENDAR_YEAR_EMPTY':
		'{year} 年还没有录入任何节假日，不能确认：每年都有法定节假日，请先按国务院办公厅通知录入。'
} as const;

export const calendarEn: Record<keyof typeof calendarZh, string> = {
	'calendar.title': 'Working-day calendar',
	'calendar.intro':
		"Deadlines are counted in working days. 2004–2026 use the built-in national holiday schedule; for later years an administrator enters and confirms each year here once the State Council's General Office has published it.",
	'calendar.yearNav': 'Choose a year',
	'calendar.go': 'Show',
	'calendar.yearLabel': '{year}',
	'calendar.prevYear': 'Previous year ({year})',
	'calendar.nextYear': 'Next year ({year})',
	'calendar.status.none': '{year}: no holiday data yet; deadlines assume Monday to Friday',
	'calendar.status.noneHelp':
		'Once the State Council publishes the {year} holiday schedule, enter its holidays and make-up workdays below and confirm the year. Until then deadlines may be wrong and the system warns about them.',
	'calendar.status.builtin': '{year}: built-in national schedule ({first}–{last})',
	'calendar.status.builtinHelp':
		"Deadlines follow the built-in schedule of the State Council's General Office.",
	'calendar.status.admin': '{year}: confirmed by an administrator',
	'calendar.status.adminHelp':
		'Deadlines follow the days entered by administrators (confirmed by {by} on {at}), replacing the built-in schedule entirely.',
	'calendar.pending': '{n} entered days are not confirmed yet and have no effect.',
	'calendar.effective': 'Holidays and make-up workdays in force in {year}',
	'calendar.effectiveNone':
		'No holiday data in force: every Monday to Friday counts as a working day.',
	'calendar.counts':
		'{holidays} holidays (weekdays off), {workdays} make-up workdays (weekends worked).',
	'calendar.date': 'Date',
	'calendar.weekday': 'Weekday',
	'calendar.kind': 'Kind',
	'calendar.note': 'Note',
	'calendar.year': 'Year',
	'calendar.updatedAt': 'Entered',
	'calendar.action': 'Action',
	'calendar.kind.holiday': 'Holiday',
	'calendar.kind.workday': 'Make-up workday',
	'calendar.weekday.0': 'Sunday',
	'calendar.weekday.1': 'Monday',
	'calendar.weekday.2': 'Tuesday',
	'calendar.weekday.3': 'Wednesday',
	'calendar.weekday.4': 'Thursday',
	'calendar.weekday.5': 'Friday',
	'calendar.weekday.6': 'Saturday',
	'calendar.adminRows': 'Entered by administrators ({year})',
	'calendar.adminRowsHelp':
		'One day at a time: enter as holidays only the days off that fall on Monday to Friday (weekends are off anyway), and as make-up workdays only the Saturdays and Sundays worked.',
	'calendar.adminNone': 'Nothing entered yet.',
	'calendar.remove': 'Remove',
	'calendar.removeDay': 'Remove {date}',
	'calendar.addDay': 'Enter a day',
	'calendar.dateHelp': 'A date in {year}.',
	'calendar.kindHelp': 'Holiday: a weekday off; make-up workday: a Saturday or Sunday worked.',
	'calendar.noteHelp': 'Optional, e.g. the festival’s name; at most {max} characters.',
	'calendar.save': 'Enter',
	'calendar.daySaved': '{date} entered ({kind}).',
	'calendar.dayRemoved': '{date} removed.',
	'calendar.confirmTitle': 'Confirm {year}',
	'calendar.confirmHelp':
		"Confirm once the table matches the State Council's notice. From then on deadlines in {year} follow the days entered by administrators, replacing the built-in schedule entirely; until then the entered days have no effect.",
	'calendar.confirm': 'Confirm {year}',
	'calendar.confirmReplaces':
		'Once confirmed, {year} is counted only from the days entered here and the built-in schedule is no longer used. Confirm?',
	'calendar.confirmed': '{year} confirmed; deadlines follow the days entered by administrators.',
	'calendar.unconfirmHelp':
		'Withdrawing keeps the entered days but takes them out of force: {year} falls back to the built-in schedule if there is one, else deadlines assume Monday to Friday with a warning.',
	'calendar.unconfirm': 'Withdraw confirmation',
	'calendar.unconfirmed': 'Confirmation of {year} withdrawn.',
	'calendar.yearInvalid': 'The year must be between {min} and {max}.',

	'calendar.notice.title': "Paste the State Council's notice",
	'calendar.notice.help':
		"Paste the whole text of the General Office's notice on the year's holidays, review the preview, then confirm: the days already entered for that year are replaced by the notice's and the year is confirmed.",
	'calendar.notice.label': 'Text of the notice',
	'calendar.notice.preview': 'Preview',
	'calendar.notice.previewTitle': 'The {year} notice (not entered yet)',
	'calendar.notice.festival': 'Festival',
	'calendar.notice.daysOff': 'Days off',
	'calendar.notice.workdays': 'Make-up workdays',
	'calendar.notice.range': '{from} to {to} ({n} days)',
	'calendar.notice.single': '{from} (1 day)',
	'calendar.notice.none': 'None',
	'calendar.notice.summary':
		'To be entered: {holidays} holidays (weekdays off), {workdays} make-up workdays (weekends worked).',
	'calendar.notice.problems':
		'These parts could not be read or do not fit the calendar; check them against the notice and enter missing days one by one after confirming:',
	'calendar.notice.confirm': 'Enter and confirm {year}',
	'calendar.notice.confirmedYear':
		'{year} is confirmed: withdraw the confirmation to enter it again from the notice.',
	'calendar.notice.done':
		'{year} entered from the notice and confirmed: {holidays} holidays, {workdays} make-up workdays.',
	'calendar.notice.problem.NOTICE_YEAR_MISSING':
		'No year found (as in “关于2027年部分节假日安排”).',
	'calendar.notice.problem.NOTICE_NO_HOLIDAYS':
		'No festival paragraph found (as in “一、元旦：1月1日放假”).',
	'calendar.notice.problem.NOTICE_SENTENCE_UNREADABLE':
		'Not understood, not entered: “{sentence}”.',
	'calendar.notice.problem.NOTICE_DATE_INVALID': '{date} in “{sentence}” is not a real date.',
	'calendar.notice.problem.NOTICE_WEEKDAY_MISMATCH':
		'“{sentence}”: {date} is {actual}, the notice says {named}.',
	'calendar.notice.problem.NOTICE_COUNT_MISMATCH':
		'“{sentence}”: the notice says {stated} days, the dates make {counted}.',
	'calendar.notice.problem.NOTICE_WORKDAY_ON_WEEKDAY':
		'“{sentence}”: the workday {date} is a weekday anyway and is not entered.',
	'calendar.notice.problem.NOTICE_DATE_OTHER_YEAR':
		'{date} belongs to {year} and is not entered here.',
	'error.NOTICE_YEAR_MISSING':
		'No year found in “{field}”: paste the whole notice, including its title.',
	'error.NOTICE_NO_HOLIDAYS':
		'No festival paragraph (as in “一、元旦：1月1日放假”) found in “{field}”: paste the whole notice.',
	'error.CALENDAR_NOTICE_YEAR_CONFIRMED':
		'{year} is confirmed, so “{field}” cannot enter it again: withdraw the confirmation first.',

	'calendar.reference':
		'A normal year ({years}): {holidays} holidays, {workdays} make-up workdays.',
	'calendar.confirmAnyway': 'Confirm {year} anyway',
	'error.CALENDAR_COUNTS_UNUSUAL':
		'{year} has only {holidays} holidays and {workdays} make-up workdays, far from a normal year ({refHolidays} holidays, {refWorkdays} make-up workdays). Check it against the notice; if it is right, choose “Confirm anyway”.',
	'admin.calendar': 'Working-day calendar',
	'admin.calendarNote': 'Holidays and make-up workdays, for counting deadlines',

	'error.CALENDAR_DATE_INVALID':
		'“{field}” is not a real date; write it as year-month-day, e.g. 2027-10-01.',
	'error.CALENDAR_YEAR_OUT_OF_RANGE': '“{field}” must lie in the years {min}–{max}.',
	'error.CALENDAR_KIND_INVALID': 'Choose a valid “{field}”: holiday or make-up workday.',
	'error.HOLIDAY_ON_WEEKEND':
		'“{field}” {date} is a Saturday or Sunday: enter as holidays only the days off that fall on Monday to Friday; weekends are off anyway.',
	'error.WORKDAY_ON_WEEKDAY':
		'“{field}” {date} is a weekday: enter as make-up workdays only the Saturdays and Sundays worked.',
	'error.CALENDAR_DAY_NOT_FOUND': 'No day {date} has been entered.',
	'error.CALENDAR_LAST_HOLIDAY':
		'{date} is the last holiday of the confirmed year {year} and cannot be removed; withdraw the confirmation first to enter the year again.',
	'error.CALENDAR_YEAR_EMPTY':
		"No holiday has been entered for {year}, so it cannot be confirmed: every year has statutory holidays; enter them from the State Council's notice first."
};
