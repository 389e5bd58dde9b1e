import { describe, expect, it } from 'vitest';
import { voidRecordedEvent } from '../../shared/app/event-history.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { runCommand } from '../../shared/slack/command-runner.js';
import { blocksText } from '../unit/slack/check-slack-limits.js';
import { useApp } from './app-context.js';

const LEADS = 'marketing-qualified-leads';
const app = await useApp('2026-11-01T00:30:00-04:00');
app.clock.set('2026-11-18T10:00:00-05:00');
const deps = { stores: app.deps, log: { error: () => undefined, warn: () => undefined } };
const request = { userId: 'U0MKTLEAD', channelId: 'C0MARKETING', requestKey: 'trigger-1' };

async function statusText(): Promise<string> {
  const reply = await runCommand(deps, { kind: 'status', target: LEADS, public: false }, request);
  if (!reply) throw new Error('/sla status always answers');
  return blocksText(reply);
}

describe('/sla status says how many of the period’s events were typed in by hand', () => {
  it('counts Slack and API events as by hand, a source’s events not', async () => {
    const fromCrm = Array.from({ length: 5 }, (_, i) => ({ id: `crm-${i}` }));
    await recordEvents(app.deps, LEADS, fromCrm, { by: 'source:crm', via: 'source' });
    expect(await statusText()).toContain('5 leads · none entered by hand');
    await runCommand(deps, { kind: 'log', commitmentId: LEADS, amount: 2 }, request);
    // Slack retries the same request: still one event.
    await runCommand(deps, { kind: 'log', commitmentId: LEADS, amount: 2 }, request);
    await recordEvents(app.deps, LEADS, [{ id: 'typed' }], { by: 'local', via: 'cli' });
    expect(await statusText()).toContain('8 leads · 2 entered by hand');
  });

  it('keeps the author on the event and takes a voided one out of both numbers', async () => {
    const listed = await app.deps.events.getEvent(LEADS, 'slack-trigger-1');
    expect(listed).toMatchObject({ by: 'U0MKTLEAD', via: 'slack' });
    await voidRecordedEvent(app.deps, LEADS, 'typed', { by: 'U0MKTLEAD', reason: 'logged twice' }, 'slack');
    expect(await statusText()).toContain('7 leads · 1 entered by hand');
    await voidRecordedEvent(
      app.deps,
      LEADS,
      'crm-0',
      { by: 'U0MKTLEAD', reason: 'not a real lead' },
      'slack',
    );
    expect(await statusText()).toContain('6 leads · 1 entered by hand');
  });
});
