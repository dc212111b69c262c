import type { CatalogueContent } from '../../src/lib/domain/catalogue/types';
import { emptyContent } from '../../src/lib/domain/catalogue/types';

/** A complete, valid licensing entry; override what a test is about. */
export function validContent(over: Partial<CatalogueContent> = {}): CatalogueContent {
	return {
		...emptyContent('licensing'),
		name: '食品经营许可',
		division: '食品经营许可科',
		post: '受理岗',
		staff: '受理岗工作人员',
		bases: [
			{
				law: '《中华人民共和国食品安全法》',
				article: '第三十五条',
				excerpt:
					'国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。'
			}
		],
		disclosureForm: 'active',
		disclosureScope: '社会公众',
		disclosureDays: 20,
		conditions: '有与经营的食品品种、数量相适应的经营场所。',
		materials: [
			{
				name: '食品经营许可申请书',
				required: true,
				form: 'original',
				copies: 1,
				notes: '',
				template: ''
			},
			{
				name: '营业执照复印件',
				required: true,
				form: 'copy',
				copies: 1,
				notes: '加盖公章',
				template: ''
			}
		],
		statutoryDays: 20,
		promisedDays: 10,
		onlineApply: true,
		onlineUrl: 'https://zwfw.example.gov.cn/item/spjy',
		windowAddress: '示例县政务服务中心二楼 12 号窗口',
		officeHours: '周一至周五 9:00-12:00 13:30-17:00',
		phone: '0000-12345678',
		complaint: '示例县纪委监委 12388',
		rights: ['review', 'litigation'],
		...over
	};
}

/** A valid penalty entry with a three-step discretion table. */
export function penaltyContent(over: Partial<CatalogueContent> = {}): CatalogueContent {
	return validContent({
		name: '对未取得食品经营许可从事食品经营活动的处罚',
		category: 'penalty',
		conditions: '',
		materials: [],
		rights: ['statement', 'hearing', 'review', 'litigation'],
		discretion: [
			{
				circumstance: '轻微：货值金额不足一万元',
				penaltyKind: '罚款',
				min: 5000,
				max: 20000,
				unit: '元'
			},
			{
				circumstance: '一般：货值金额一万元以上',
				penaltyKind: '罚款',
				min: 20000,
				max: 50000,
				unit: '元'
			},
			{
				circumstance: '严重：造成危害后果',
				penaltyKind: '罚款',
				min: 50000,
				max: 100000,
				unit: '元'
			}
		],
		...over
	});
}
