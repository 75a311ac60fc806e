import { describe, expect, it } from 'vitest';
import { createFaultPlan } from '../fakes/fault-plan.js';
import { checkDelivery, formatViolations, type ObservedChannel, type ObservedRoot } from './chaos-check.js';
import { buildScenario, type Scenario } from './chaos-scenario.js';

/** The check itself must catch each kind of violation, or a green chaos run proves nothing. */

const scenario: Scenario = buildScenario({ seed: 7, incidents: 2, components: 1 });

/** What a perfect delivery of `scenario` to one channel looks like. */
function perfect(): ObservedRoot[] {
  const incidents = scenario.incidents.map((inc, i) => ({
    id: `root-${i}`,
    content: `${inc.name} Resolved ${inc.updates.at(-1)!.body}`,
    replies: inc.updates.slice(1).map((u, r) => ({ id: `r-${i}-${r}`, content: `${u.status}: ${u.body}` })),
  }));
  const notices = scenario.components.map((c, i) => ({
    id: `notice-${i}`,
    content: `${c.name}: Operational`,
    replies: [{ id: `rec-${i}`, content: `Recovered: ${c.name} is operational again.` }],
  }));
  return [...incidents, ...notices];
}

const channel = (roots: ObservedRoot[]): ObservedChannel[] => [{ platform: 'slack', channel: 'C1', roots }];

describe('the exactly-once check', () => {
  it('passes a perfect delivery', () => {
    expect(checkDelivery(scenario, channel(perfect()))).toEqual([]);
  });

  it('names a doubled card', () => {
    const roots = perfect();
    roots.push({ ...roots[0]!, id: 'root-again', replies: [] });
    expect(checkDelivery(scenario, channel(roots)).map((v) => v.kind)).toEqual(['doubled_card']);
  });

  it('accepts a component notice skipped as a past episode, but not one left open', () => {
    const skipped = perfect().filter((r) => !r.id.startsWith('notice'));
    expect(checkDelivery(scenario, channel(skipped))).toEqual([]);
    const open = perfect();
    open.at(-1)!.content = `${scenario.components[0]!.name}: Partial outage`;
    open.at(-1)!.replies = [];
    expect(checkDelivery(scenario, channel(open)).map((v) => v.kind)).toEqual(['replies', 'final_state']);
  });

  it('names a lost card, a doubled reply, a lost reply and replies out of order', () => {
    const roots = perfect();
    roots.splice(1, 1); // incident 1 never posted
    const inc0 = roots[0]!;
    inc0.replies = [inc0.replies[0]!, ...inc0.replies]; // doubled first reply
    const notice = roots.at(-1)!;
    notice.replies = []; // lost "Recovered"
    const kinds = checkDelivery(scenario, channel(roots)).map((v) => `${v.kind} ${v.about}`);
    expect(kinds).toEqual([`replies ${scenario.incidents[0]!.token}`, `missing_card ${scenario.incidents[1]!.token}`, `replies ${scenario.components[0]!.token}`]);

    const swapped = perfect();
    const replies = swapped[0]!.replies;
    if (replies.length >= 2) {
      [replies[0], replies[1]] = [replies[1]!, replies[0]!];
      expect(checkDelivery(scenario, channel(swapped)).map((v) => v.kind)).toEqual(['replies']);
    }
  });

  it('names a card left in the wrong final state and a message it cannot place', () => {
    const roots = perfect();
    roots[0]!.content = scenario.incidents[0]!.name + ' Monitoring';
    roots.push({ id: 'stray', content: 'something else entirely', replies: [] });
    const violations = checkDelivery(scenario, channel(roots));
    expect(violations.map((v) => v.kind).sort()).toEqual(['final_state', 'unrecognised']);
    expect(formatViolations(violations)).toMatch(/2 violations .*final_state/);
  });
});

describe('the seeded fault plan', () => {
  const rates = { serverError: 0.2, errorAfter: 0.2, killAfter: 0.1 };

  it('gives the same faults for the same seed and call sequence', () => {
    const run = (seed: number) => {
      const plan = createFaultPlan({ seed, rates });
      return Array.from({ length: 200 }, (_, i) => plan.decide(`call ${i}`, i % 2 === 0).kind);
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('never fails a read after the effect, and injects nothing when disabled', () => {
    const plan = createFaultPlan({ seed: 1, rates: { errorAfter: 1 } });
    expect(plan.decide('conversations.history', false).kind).toBe('none');
    expect(plan.decide('chat.postMessage', true).kind).toBe('error_after');
    plan.setEnabled(false);
    expect(plan.decide('chat.postMessage', true).kind).toBe('none');
    expect(plan.log).toHaveLength(1);
  });
});
