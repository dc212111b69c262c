/**
 * The power catalogue entry (职权目录事项) and its disclosure guide (办事指南): every element the
 * policy documents and the national government-service item standard name. `CatalogueContent` is
 * what an editor fills and a version freezes; identity (code, department) lives on the entry.
 */

/** The nine categories of administrative power, in the order the seeds list them. */
export const CATEGORIES = [
	'licensing', // 行政许可
	'non_licensing', // 非行政许可审批
	'confirmation', // 行政确认
	'levy', // 行政征收
	'adjudication', // 行政裁决
	'penalty', // 行政处罚
	'enforcement', // 行政强制
	'payment', // 行政给付
	'other' // 其他行政行为
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Two-letter codes used inside item codes (事项编码). */
export const CATEGORY_CODES: Readonly<Record<Category, string>> = {
	licensing: 'XK',
	non_licensing: 'FX',
	confirmation: 'QR',
	levy: 'ZS',
	adjudication: 'CJ',
	penalty: 'CF',
	enforcement: 'QZ',
	payment: 'JF',
	other: 'QT'
};

/** Categories a citizen or company applies for: they need conditions and application materials. */
export const APPLICATION_CATEGORIES: readonly Category[] = [
	'licensing',
	'non_licensing',
	'confirmation',
	'adjudication',
	'payment'
];

export const DISCLOSURE_FORMS = ['active', 'on_request', 'none'] as const; // 主动公开 / 依申请公开 / 不予公开
export type DisclosureForm = (typeof DISCLOSURE_FORMS)[number];

export const MATERIAL_FORMS = ['original', 'copy', 'original_and_copy', 'electronic'] as const; // 原件 / 复印件 / 原件和复印件 / 电子材料
export type MaterialForm = (typeof MATERIAL_FORMS)[number];

export const RIGHTS = ['statement', 'hearing', 'review', 'litigation'] as const; // 陈述申辩 / 听证 / 行政复议 / 行政诉讼
export type Right = (typeof RIGHTS)[number];

export interface LegalBasis {
	/** 法律法规名称, e.g. 《中华人民共和国行政许可法》 */
	law: string;
	/** 条款, e.g. 第十二条第一款 (may be empty when the whole instrument applies) */
	article: string;
	/** 条文摘录 */
	excerpt: string;
}

export interface Material {
	name: string;
	required: boolean;
	form: MaterialForm;
	copies: number;
	notes: string;
	/** File name of a blank template offered for download, or '' when there is none. */
	template: string;
}

export interface DiscretionRow {
	/** 违法情节, e.g. 轻微 / 一般 / 较重 / 严重, with its description */
	circumstance: string;
	/** 处罚种类, e.g. 罚款 / 警告 / 没收违法所得 */
	penaltyKind: string;
	min: number;
	max: number;
	/** 单位, e.g. 元 / 日 / 倍 */
	unit: string;
}

export interface CatalogueContent {
	name: string;
	category: Category;
	/** 承办处室 */
	division: string;
	/** 承办岗位 */
	post: string;
	/** 承办人员 (names or a team) */
	staff: string;
	bases: LegalBasis[];
	disclosureForm: DisclosureForm;
	/** 不予公开的法定理由 (only when disclosureForm is 'none') */
	disclosureReason: string;
	/** 公开范围 */
	disclosureScope: string;
	/** 公开时限（工作日） */
	disclosureDays: number;
	/** 受理条件 */
	conditions: string;
	materials: Material[];
	feeCharged: boolean;
	/** 收费依据 */
	feeBasis: string;
	/** 收费标准 */
	feeStandard: string;
	/** 法定办结时限（工作日） */
	statutoryDays: number;
	/** 承诺办结时限（工作日）, never more than the statutory one */
	promisedDays: number;
	onlineApply: boolean;
	onlineUrl: string;
	/** 窗口地址 */
	windowAddress: string;
	/** 办公时间 */
	officeHours: string;
	/** 咨询电话 */
	phone: string;
	/** 投诉举报途径及方式 */
	complaint: string;
	/** 相对人的权利 */
	rights: Right[];
	rightsNote: string;
	/** 自由裁量基准, only for 行政处罚 */
	discretion: DiscretionRow[];
}

/** One problem with an entry: the field path (e.g. `bases.0.law`) and a stable code. */
export interface FieldIssue {
	field: string;
	code: string;
	params?: Record<string, string | number>;
}

/** An empty entry, the starting point of the editor's form. */
export function emptyContent(category: Category = 'licensing'): CatalogueContent {
	return {
		name: '',
		category,
		division: '',
		post: '',
		staff: '',
		bases: [{ law: '', article: '', excerpt: '' }],
		disclosureForm: 'active',
		disclosureReason: '',
		disclosureScope: '',
		disclosureDays: 20,
		conditions: '',
		materials: [],
		feeCharged: false,
		feeBasis: '',
		feeStandard: '',
		statutoryDays: 20,
		promisedDays: 10,
		onlineApply: false,
		onlineUrl: '',
		windowAddress: '',
		officeHours: '',
		phone: '',
		complaint: '',
		rights: ['review', 'litigation'],
		rightsNote: '',
		discretion: []
	};
}
