import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import TokenList from '../../src/lib/components/TokenList.svelte';

// Components translate through $app/state's page, which only exists inside a SvelteKit request.
vi.mock('$app/state', () => ({ page: { data: { locale: 'zh' } } }));

const base = {
	tokens: [
		{
			id: 1,
			name: '市场监管业务系统',
			created_at: '2026-03-02T01:05:00.000Z',
			created_by_name: 'admin',
			last_used_at: null,
			revoked_at: null
		},
		{
			id: 2,
			name: '旧系统',
			created_at: '2026-01-10T02:00:00.000Z',
			created_by_name: null,
			last_used_at: '2026-02-01T03:30:00.000Z',
			revoked_at: '2026-02-03T04:00:00.000Z'
		}
	],
	issueAction: '?/issueToken',
	revokeAction: '?/revokeToken',
	nameValue: '',
	nameError: ''
};
/** Text content with tags and hydration comments removed. */
const text = (html: string) => html.replace(/<[^>]*>/g, '');

describe('TokenList', () => {
	it("speaks each set's own texts and posts to the page's own actions", () => {
		const api = render(TokenList, {
			props: { ...base, messages: 'integration.token' as const }
		}).body;
		expect(text(api)).toContain('尚未使用');
		expect(text(api)).toContain('签发令牌');
		expect(text(api)).toContain('已吊销（2026-02-03 12:00）');
		expect(text(api)).toContain('（admin）');
		expect(api).toContain('action="?/issueToken"');
		// Only the token that is still valid can be revoked.
		expect(api.match(/action="\?\/revokeToken"/g)).toHaveLength(1);
		expect(api).toContain('name="tokenId" value="1"');

		const feed = render(TokenList, {
			props: { ...base, messages: 'feed.token' as const, issueAction: '?/issue' }
		}).body;
		expect(text(feed)).toContain('从未使用');
		expect(text(feed)).toContain('签发报送令牌');
		expect(text(feed)).toContain('已于 2026-02-03 12:00 吊销');
		expect(feed).toContain('action="?/issue"');
	});

	it('shows a just-issued token once, and keeps a refused name with its error', () => {
		const html = render(TokenList, {
			props: {
				...base,
				messages: 'feed.token' as const,
				tokens: [],
				issued: { name: '省政务服务大厅', token: 'sunlitfeed_abc' },
				nameValue: '   ',
				nameError: '请填写“令牌名称”。'
			}
		}).body;
		expect(html).toMatch(/data-testid="token-value"[^>]*>sunlitfeed_abc</);
		expect(text(html)).toContain('报送令牌“省政务服务大厅”（只显示这一次）');
		expect(text(html)).toContain('尚未签发报送令牌。');
		expect(html).toMatch(/<input[^>]*name="tokenName"[^>]*value=" {3}"/);
		expect(text(html)).toContain('请填写“令牌名称”。');
	});

	it('shows no token and no error when none was issued or refused', () => {
		const html = render(TokenList, {
			props: { ...base, messages: 'integration.token' as const }
		}).body;
		expect(html).not.toContain('data-testid="issued-token"');
		expect(html).not.toContain('error-text');
	});
});
