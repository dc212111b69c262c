/**
 * The demo county's 政府信息公开申请 (the item every intake test applies for) and answers that
 * pass its frozen form, apart from the required `proof` upload each test adds itself.
 */
export const DISCLOSURE_ITEM = '990001-ZFB-QT-0001';

export const DISCLOSURE_ANSWERS = {
	applicantType: 'person',
	mobile: '13800138000',
	address: '示例县人民路 1 号',
	content: '2025 年示例县财政预算执行情况',
	delivery: 'email'
};
