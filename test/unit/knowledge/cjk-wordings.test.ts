import { describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../../src/knowledge/knowledge-base.js';
import { frontMatterSchema, type KnowledgeEntry } from '../../../src/knowledge/entry-schema.js';
import { firstEntryId } from './knowledge-fixture.js';

// Constructed, not collected: how a user writes each common problem in Simplified Chinese (zh), Traditional Chinese (tw),
// Japanese (ja) and Korean (ko), alone or beside the English error Anthropic or Claude Code prints. No source URL: these are
// everyday wordings, not quotations. Entries read them through their `prose` patterns (weaker than any error pattern).
const first = firstEntryId;

const RATE_429 = 'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit"}}';
const OVERLOADED = 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}';
const TOO_LONG = 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}';
const EXPIRED = 'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired. Please obtain a new token or refresh your existing token."}}';

const ROWS: Array<[lang: string, paste: string, id: string]> = [
  // Region refusal
  ['zh', '之前还能用，现在提示所在地区不支持，换了节点也不行', 'request-not-allowed-403'],
  ['zh', '我觉得是地区限制，Claude Code 完全用不了', 'request-not-allowed-403'],
  ['tw', '顯示不支援您所在的地區，請問要怎麼處理', 'request-not-allowed-403'],
  ['ja', 'お住まいの地域ではご利用いただけませんと表示されます', 'request-not-allowed-403'],
  ['ja', '地域制限のせいか Claude Code が使えません', 'request-not-allowed-403'],
  ['ko', '지원되지 않는 지역이라고 나와서 사용을 못 해요', 'request-not-allowed-403'],
  ['ko', '국가 제한 때문에 막힌 것 같습니다: API Error: 403 {"error":{"type":"forbidden","message":"Request not allowed"}}', 'request-not-allowed-403'],
  // Login / authorization failed
  ['zh', '一直登录失败，浏览器里点了授权也没用', 'oauth-login-failed'],
  ['zh', '无法登录 Claude Code，换了浏览器也一样', 'oauth-login-failed'],
  ['tw', '登入失敗，瀏覽器那邊顯示授權失敗', 'oauth-login-failed'],
  ['ja', 'claude を起動してもログインできません', 'oauth-login-failed'],
  ['ko', '로그인이 안 돼요. 브라우저에서 승인해도 계속 실패합니다', 'oauth-login-failed'],
  ['ko', '로그인 실패: OAuth error: timeout of 15000ms exceeded', 'oauth-login-failed'],
  // Invalid key
  ['zh', '提示 api key 无效，可是我刚在控制台生成的', 'authentication-401'],
  ['tw', '一直說金鑰無效，密鑰錯誤要怎麼改', 'authentication-401'],
  ['ja', 'APIキーが無効と言われます', 'authentication-401'],
  ['ko', 'API 키가 유효하지 않다고 나옵니다', 'authentication-401'],
  ['zh', '密钥错误: API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}', 'authentication-401'],
  // Expired login
  ['zh', '登录过期了，每次都要重新 /login', 'oauth-expired'],
  ['tw', '登入已過期，重新登入後過一陣子又過期', 'oauth-expired'],
  ['ja', 'トークンの有効期限が切れましたと出ます', 'oauth-expired'],
  ['ko', '토큰이 만료되었다고 합니다', 'oauth-expired'],
  ['zh', `token 已过期：${EXPIRED}`, 'oauth-expired'],
  // Rate limit
  ['zh', '请求过于频繁，等一会儿又好了', 'rate-limit-429'],
  ['tw', '一直顯示請求過於頻繁', 'rate-limit-429'],
  ['ja', 'リクエストが多すぎるとエラーになります', 'rate-limit-429'],
  ['ko', '요청이 너무 많다고 나옵니다', 'rate-limit-429'],
  ['zh', `又被限流了 ${RATE_429}`, 'rate-limit-429'],
  ['ja', `レート制限にかかりました ${RATE_429}`, 'rate-limit-429'],
  // Usage limit (subscription)
  ['zh', 'Pro 套餐的用量已用完，要等5小时', 'usage-limit-subscription'],
  ['tw', '額度用完了，要等到明天重置嗎', 'usage-limit-subscription'],
  ['ja', '使用量の上限に達しましたと表示されました', 'usage-limit-subscription'],
  ['ko', '사용량 한도에 도달했다고 나옵니다', 'usage-limit-subscription'],
  ['zh', "达到使用上限了 You've hit your limit · resets 8pm (Asia/Shanghai)", 'usage-limit-subscription'],
  // Insufficient balance / credits (API)
  ['zh', '明明充值了还是说余额不足', 'credit-balance-api-key'],
  ['tw', '餘額不足，但我已經儲值了', 'credit-balance-api-key'],
  ['ja', 'クレジット残高が不足していますと出ます', 'credit-balance-api-key'],
  ['ko', '크레딧이 부족하다고 나와요', 'credit-balance-api-key'],
  ['zh', '余额不足？Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.', 'credit-balance-api-key'],
  // Overloaded
  ['zh', '服务器过载，一直重试', 'overloaded-529'],
  ['tw', '伺服器過載，等了很久', 'overloaded-529'],
  ['ja', 'サーバーが過負荷のようです', 'overloaded-529'],
  ['ko', '서버 과부하라고 계속 떠요', 'overloaded-529'],
  ['zh', `服务器过载 ${OVERLOADED}`, 'overloaded-529'],
  // Context too long
  ['zh', '上下文太长了，/compact 也失败', 'prompt-too-long'],
  ['tw', '對話太長，無法繼續', 'prompt-too-long'],
  ['ja', 'コンテキストが長すぎると言われました', 'prompt-too-long'],
  ['ko', '컨텍스트가 너무 길다고 합니다', 'prompt-too-long'],
  ['ja', `会話が長すぎるようです ${TOO_LONG}`, 'prompt-too-long'],
  // Request too large
  ['zh', '文件太大，发不出去', 'request-too-large-413'],
  ['tw', '請求過大，上傳失敗', 'request-too-large-413'],
  ['ja', 'ファイルが大きすぎると表示されます', 'request-too-large-413'],
  ['ko', '파일이 너무 크다고 나옵니다', 'request-too-large-413'],
  // Network / connection failed
  ['zh', '网络连接失败，但浏览器能打开', 'network-connection'],
  ['tw', '連線失敗，換了網路也一樣', 'network-connection'],
  ['ja', '接続できません。プロキシは設定済みです', 'network-connection'],
  ['ko', '연결할 수 없다고 나옵니다', 'network-connection'],
  ['zh', '连接被拒绝 API Error: Unable to connect to API (ECONNREFUSED)', 'network-connection'],
  // Timeout
  ['zh', '请求超时，等了好几分钟', 'timeout-504'],
  ['tw', '請求逾時，沒有回應', 'timeout-504'],
  ['ja', '長い処理でタイムアウトになります', 'timeout-504'],
  ['ko', '요청 시간 초과가 납니다', 'timeout-504'],
  // Model not found / unavailable
  ['zh', '提示模型不存在，我用的是 opus', 'model-unavailable'],
  ['tw', '模型無法使用，換成 sonnet 也一樣', 'model-unavailable'],
  ['ja', 'モデルが見つかりませんと表示されます', 'model-unavailable'],
  ['ko', '모델을 찾을 수 없다고 합니다', 'model-unavailable'],
  // A relay's "no available accounts"
  ['zh', '中转站一直报没有可用账号', 'proxy-foreign-error'],
  ['tw', '顯示沒有可用帳號', 'proxy-foreign-error'],
  ['ja', '利用可能なアカウントがありませんと表示される', 'proxy-foreign-error'],
  ['ko', '사용 가능한 계정이 없다고 나옵니다', 'proxy-foreign-error'],
];

describe('Chinese, Japanese and Korean wordings of the common problems', () => {
  it('covers every listed family in all four scripts', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
    for (const id of new Set(ROWS.map(([, , entry]) => entry))) {
      expect(new Set(ROWS.filter(([, , entry]) => entry === id).map(([lang]) => lang))).toEqual(new Set(['zh', 'tw', 'ja', 'ko']));
    }
  });

  it.each(ROWS)('[%s] %s → %s', (_lang, paste, id) => {
    expect(first(paste)).toBe(id);
  });
});

// Sentences that say the opposite, or that only mention the word: they must not answer with that family.
const OPPOSITES: Array<[paste: string, notId: string]> = [
  ['我这边没有地区问题，美国节点', 'request-not-allowed-403'],
  ['不是地区限制，同事在同一个城市能用', 'request-not-allowed-403'],
  ['地域制限ではありません、同僚は使えています', 'request-not-allowed-403'],
  ['지역 제한은 없습니다, 다른 PC에서는 됩니다', 'request-not-allowed-403'],
  ['登录成功了，但是没有反应', 'oauth-login-failed'],
  ['不是登录失败，是回复很慢', 'oauth-login-failed'],
  ['token 没过期，刚刚登录的', 'oauth-expired'],
  ['토큰이 만료되지 않았는데도 안 됩니다', 'oauth-expired'],
  ['没有限流，只是回复很慢', 'rate-limit-429'],
  ['속도 제한은 아니고 그냥 멈춥니다', 'rate-limit-429'],
  ['没有过载提示，就是卡住了', 'overloaded-529'],
  ['账户余额不足 (the relay wording is the relay\'s)', 'credit-balance-api-key'],
  ['网络没问题，浏览器正常', 'network-connection'],
  ['模型可以正常使用，只是速度慢', 'model-unavailable'],
];

describe('CJK sentences that say the opposite', () => {
  it.each(OPPOSITES)('%s is not %s', (paste, notId) => {
    expect(first(paste)).not.toBe(notId);
  });

  it('lets the English error outrank the prose beside it', () => {
    // The user guesses a region problem, the error is an overload: the error answers.
    expect(first(`是不是地区限制？${OVERLOADED}`)).toBe('overloaded-529');
    // The user says "too frequent", the error is the context window.
    expect(first(`请求过于频繁？${TOO_LONG}`)).toBe('prompt-too-long');
  });

  it("keeps a relay's Chinese message in the body the relay's", () => {
    expect(first('API Error: 400 {"error":{"message":"上下文长度超过限制","type":"invalid_request_error"}}')).toBe('gateway-context-overflow');
  });
});

describe('prose patterns count less than any error pattern', () => {
  const entry = (id: string, match: Record<string, unknown>): KnowledgeEntry => ({
    ...frontMatterSchema.parse({ id, title: id, meaning: 'A test entry for the prose rule.', blame: 'local', match, sources: ['https://example.com/x'] }),
    steps: ['Do the thing.'],
    file: `${id}.md`,
    origin: 'extra',
  });
  const kb = createKnowledgeBase([entry('by-prose', { prose: ['地区不支持'], weight: 300 }), entry('by-error', { patterns: ['E_SOMETHING'], weight: 60 })]);

  it('answers with the prose entry when no error pattern matched', () => {
    expect(kb.lookup('提示地区不支持').best?.entry.id).toBe('by-prose');
  });

  it('lets a weak error pattern outrank a heavy prose entry', () => {
    expect(kb.lookup('地区不支持？ E_SOMETHING').best?.entry.id).toBe('by-error');
  });

  it('accepts an entry with prose only and rejects an invalid prose regex', () => {
    expect(() => entry('prose-only', { prose: ['ログインできません'] })).not.toThrow();
    expect(() => entry('bad-prose', { prose: ['(unclosed'] })).toThrow();
  });
});
