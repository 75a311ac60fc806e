import { afterEach, describe, expect, it } from 'vitest';
import { createFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { createFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { createFaultPlan } from '../fakes/fault-plan.js';

/** The fakes' opt-in faults do what they say: an after-effect fault stores the post and loses the answer. */

let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
afterEach(async () => {
  await slack?.close();
  await discord?.close();
  slack = discord = undefined;
});

const slackPost = (fake: FakeSlack) =>
  fetch(`${fake.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'C1', text: 'hello' }),
  });

describe('fake Slack faults', () => {
  it('stores the message, then answers internal_error or 500 (error_after)', async () => {
    slack = await createFakeSlack({ faults: createFaultPlan({ seed: 3, rates: { errorAfter: 1 } }) });
    const answers = [await slackPost(slack), await slackPost(slack), await slackPost(slack), await slackPost(slack)];
    expect(slack.roots('C1')).toHaveLength(4);
    for (const res of answers) {
      const body = await res.text();
      expect(res.status === 500 || body.includes('internal_error')).toBe(true);
    }
    expect(slack.callsOf('chat.postMessage').every((c) => c.fault === 'error_after')).toBe(true);
  });

  it('stores the message, then drops the connection (drop_after)', async () => {
    slack = await createFakeSlack({ faults: createFaultPlan({ seed: 3, rates: { dropAfter: 1 } }) });
    await expect(slackPost(slack)).rejects.toThrow();
    expect(slack.roots('C1')).toHaveLength(1);
  });

  it('changes nothing without a plan', async () => {
    slack = await createFakeSlack();
    expect((await slackPost(slack)).status).toBe(200);
    expect(slack.calls[0]!.fault).toBeUndefined();
  });
});

describe('fake Discord faults', () => {
  const post = (fake: FakeDiscord, nonce: string) =>
    fetch(`${fake.apiUrl}/v10/channels/600000000000000009/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${fake.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'hello', nonce, enforce_nonce: true }),
    });

  it('makes the message, then answers 500; the retry with the same nonce gets it back', async () => {
    const plan = createFaultPlan({ seed: 5, rates: { errorAfter: 1 } });
    discord = await createFakeDiscord({ faults: plan });
    expect((await post(discord, 'n1')).status).toBe(500);
    plan.setEnabled(false);
    const again = await post(discord, 'n1');
    expect(again.status).toBe(200);
    expect(discord.messages('600000000000000009')).toHaveLength(1);
  });

  it('forgets a nonce after nonceWindowMs, as Discord does after a few minutes', async () => {
    discord = await createFakeDiscord({ nonceWindowMs: 0 });
    await post(discord, 'n2');
    await new Promise((r) => setTimeout(r, 5));
    await post(discord, 'n2');
    expect(discord.messages('600000000000000009')).toHaveLength(2);
  });
});
