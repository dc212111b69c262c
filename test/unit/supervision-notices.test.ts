import { describe, expect, it } from 'vitest';
import {
	EXCEPTION_TYPE_NAMES,
	EXCEPTION_TYPES,
	evidenceLines,
	noticeNo,
	NOTICE_NO_PATTERN,
	replyOverdue
} from '../../src/lib/supervision/notices';

describe('督办 pure rules', () => {
	it('numbers notices DB + China date + at least three digits', () => {
		expect(noticeNo('2026-11-02', 1)).toBe('DB20261102001');
		expect(noticeNo('2026-11-02', 42)).toBe('DB20261102042');
		expect(noticeNo('2026-11-02', 1000)).toBe('DB202611021000');
		expect(NOTICE_NO_PATTERN.test(noticeNo('2026-11-02', 7))).toBe(true);
		expect(NOTICE_NO_PATTERN.test('DB2026110201')).toBe(false);
	});

	it('calls a reply overdue only while it is awaited and after its date', () => {
		expect(replyOverdue({ status: 'issued', reply_due: '2026-11-09' }, '2026-11-09')).toBe(false);
		expect(replyOverdue({ status: 'issued', reply_due: '2026-11-09' }, '2026-11-10')).toBe(true);
		expect(replyOverdue({ status: 'replied', reply_due: '2026-11-09' }, '2026-11-10')).toBe(false);
		expect(replyOverdue({ status: 'closed', reply_due: '2026-11-09' }, '2026-12-10')).toBe(false);
	});

	it('names every exception type in Chinese', () => {
		expect(EXCEPTION_TYPES.map((t) => EXCEPTION_TYPE_NAMES[t])).toEqual([
			'超期',
			'多次补正或退回',
			'超出裁量基准',
			'同一人完成制约环节',
			'线下办件要素缺失',
			'审计链校验失败',
			'部门报送迟延'
		]);
	});

	it('shows evidence as key/value lines, whatever the JSON holds', () => {
		expect(
			evidenceLines(
				JSON.stringify({
					超期工作日: 9,
					环节: ['受理', '审核'],
					明细: { a: 1 },
					备注: null,
					ok: true
				})
			)
		).toEqual([
			{ key: '超期工作日', value: '9' },
			{ key: '环节', value: '受理、审核' },
			{ key: '明细', value: '{"a":1}' },
			{ key: '备注', value: '—' },
			{ key: 'ok', value: 'true' }
		]);
		expect(evidenceLines('"链在第 12 条断开"')).toEqual([{ key: '', value: '链在第 12 条断开' }]);
		expect(evidenceLines('not json')).toEqual([{ key: '', value: 'not json' }]);
	});
});
