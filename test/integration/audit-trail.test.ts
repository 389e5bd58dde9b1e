import { describe, expect, it } from 'vitest';
import { createDynamoDigestDeliveryLog } from '../../shared/adapters/dynamodb/digest-delivery-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { sendWeeklyDigest } from '../../shared/app/digest.js';
import { initialAlertState } from '../../shared/domain/alerts/alert-state.js';
import { EXAMPLE_CONFIG, TEST_PRINCIPAL, useApp } from './app-context.js';
import { closeUpToNow } from './close-helper.js';

const app = await useApp('2026-11-01T00:30:00-04:00');
app.clock.set('2026-11-18T10:00:00-05:00');
const ID = 'marketing-qualified-leads';
const LEADS = `/v1/commitments/${ID}`;

type Entry = { id: string; action: string; by: string; via: string; commitmentId?: string; detail: any };

async function trail(query = `commitment=${ID}`): Promise<Entry[]> {
  const { status, body } = await app.call('GET', `/v1/audit?${query}&limit=200`);
  expect(status).toBe(200);
  return body.entries;
}
const actions = (entries: Entry[], action: string) => entries.filter((e) => e.action === action);
const actual = async () => (await app.call('GET', `${LEADS}/status`)).body.actual as number;

describe('the audit trail is written exactly once per change', () => {
  it('traces the first apply: the config and every commitment it created', async () => {
    const all = await trail('');
    expect(actions(all, 'config.applied')).toHaveLength(1);
    expect(
      actions(all, 'commitment.created')
        .map((e) => e.commitmentId)
        .sort(),
    ).toEqual(['marketing-qualified-leads', 'sales-lead-follow-up', 'website-availability']);
  });

  it('adds nothing when the same config is applied again (a retried apply)', async () => {
    const again = await app.call('POST', '/v1/config:apply', {
      rawBody: EXAMPLE_CONFIG,
      contentType: 'application/yaml',
    });
    expect(again.status).toBe(200);
    expect(actions(await trail(''), 'config.applied')).toHaveLength(1);
  });

  it('records one entry for an events request, however often it is retried', async () => {
    const before = await actual();
    const request = { events: [{ id: 'lead-a', value: 2 }, { id: 'lead-b' }, { id: 'lead-c' }] };
    const first = await app.call('POST', `${LEADS}/events`, { body: request });
    const retry = await app.call('POST', `${LEADS}/events`, { body: request });
    expect(first.body).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(retry.body).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(await actual()).toBe(before + 4);
    const recorded = actions(await trail(), 'events.recorded');
    expect(recorded).toHaveLength(1);
    // The entry tells what the request did the first time, and who sent it (the IAM principal that signed it).
    expect(recorded[0]).toMatchObject({ by: TEST_PRINCIPAL, via: 'api', period: '2026-11' });
    expect(recorded[0]?.detail).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0 });
  });

  it('records the CLI as the channel when the sla client says so', async () => {
    await app.call('POST', `${LEADS}/events`, {
      body: { id: 'lead-cli' },
      headers: { 'user-agent': 'sla-cli/1' },
    });
    const recorded = actions(await trail(), 'events.recorded');
    expect(recorded.map((e) => e.via)).toContain('cli');
  });

  it('records one entry for an acknowledgement sent twice', async () => {
    await app.deps.alerts.commit(
      { ...initialAlertState(ID, '2026-11'), level: 1, episode: 1, lastStatus: 'at_risk' },
      null,
      [],
      app.clock.now(),
    );
    const body = { by: 'U0MKTLEAD', note: 'on it' };
    expect((await app.call('POST', `${LEADS}/ack`, { body })).status).toBe(200);
    expect((await app.call('POST', `${LEADS}/ack`, { body })).status).toBe(200);
    const acks = actions(await trail(), 'alert.acknowledged');
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ by: 'U0MKTLEAD', via: 'api', period: '2026-11' });
    expect(acks[0]?.detail).toMatchObject({ note: 'on it', level: 1 });
  });

  it('records an amendment and an excusal once each', async () => {
    const excusal = {
      from: '2026-11-16T09:00:00-05:00',
      to: '2026-11-16T17:00:00-05:00',
      causedBy: 'sales',
      reason: 'CRM migration',
    };
    await app.call('POST', `${LEADS}/excusals`, { body: excusal });
    await app.call('POST', `${LEADS}/excusals`, { body: excusal });
    expect(actions(await trail(), 'excusal.requested')).toHaveLength(1);
  });
});

describe('voiding an event', () => {
  it('takes its value out of the total once, however often it is voided', async () => {
    await app.call('POST', `${LEADS}/events`, { body: { id: 'typo', value: 30 } });
    const before = await actual();
    const request = { body: { by: 'U0MKTLEAD', reason: 'typed 30 instead of 3' } };
    const [first, second] = await Promise.all([
      app.call('POST', `${LEADS}/events/typo/void`, request),
      app.call('POST', `${LEADS}/events/typo/void`, request),
    ]);
    const third = await app.call('POST', `${LEADS}/events/typo/void`, request);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(second.body).toEqual(first.body);
    expect(third.body).toEqual(first.body);
    expect(first.body.event).toMatchObject({ id: 'typo', value: 30, voided: { by: 'U0MKTLEAD' } });
    expect(await actual()).toBe(before - 30);
    const voids = actions(await trail(), 'event.voided');
    expect(voids).toHaveLength(1);
    expect(voids[0]).toMatchObject({
      by: 'U0MKTLEAD',
      detail: { eventId: 'typo', reason: 'typed 30 instead of 3' },
    });
  });

  it('stays voided when the original event is sent again', async () => {
    const before = await actual();
    const resent = await app.call('POST', `${LEADS}/events`, { body: { id: 'typo', value: 30 } });
    expect(resent.body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await actual()).toBe(before);
  });

  it('lists events with their author, channel and void, newest first', async () => {
    const { status, body } = await app.call('GET', `${LEADS}/events?period=2026-11`);
    expect(status).toBe(200);
    const typo = body.events.find((e: { id: string }) => e.id === 'typo');
    expect(typo).toMatchObject({
      by: TEST_PRINCIPAL,
      via: 'api',
      value: 30,
      voided: { reason: 'typed 30 instead of 3' },
    });
    const ats = body.events.map((e: { at: string }) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const cli = await app.call('GET', `${LEADS}/events?source=cli`);
    expect(cli.body.events.map((e: { id: string }) => e.id)).toEqual(['lead-cli']);
  });

  it('pages through events with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await app.call(
        'GET',
        `${LEADS}/events?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.events.map((e: { id: string }) => e.id));
      cursor = page.body.cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(['lead-a', 'lead-b', 'lead-c', 'lead-cli', 'typo']);
  });

  it('refuses an event that does not exist, and an outage event', async () => {
    const missing = await app.call('POST', `${LEADS}/events/nope/void`, {
      body: { by: 'U1', reason: 'why not' },
    });
    expect(missing.status).toBe(404);
    await app.call('POST', '/v1/commitments/website-availability/events', {
      body: { id: 'down-1', incident: 'i-1', phase: 'down' },
    });
    const outage = await app.call('POST', '/v1/commitments/website-availability/events/down-1/void', {
      body: { by: 'U1', reason: 'false alarm' },
    });
    expect(outage.status).toBe(409);
    expect(outage.body.detail).toMatch(/only total and ratio events/);
  });

  it('refuses a void in a closed period with a clear 409, and changes nothing', async () => {
    app.clock.set('2026-12-02T10:00:00-05:00');
    await closeUpToNow(app.deps, ID);
    const closed = await app.call('GET', `${LEADS}/status?period=2026-11`);
    const voided = await app.call('POST', `${LEADS}/events/lead-a/void`, {
      body: { by: 'U0MKTLEAD', reason: 'too late' },
    });
    expect(voided.status).toBe(409);
    expect(voided.body.detail).toMatch(/2026-11.*closed/);
    expect((await app.call('GET', `${LEADS}/status?period=2026-11`)).body.actual).toBe(closed.body.actual);
    const event = (await app.call('GET', `${LEADS}/events?period=2026-11`)).body.events.find(
      (e: { id: string }) => e.id === 'lead-a',
    );
    expect(event.voided).toBeUndefined();
    // The close itself is on the trail, by the schedule, with its result.
    const close = actions(await trail(), 'period.closed');
    expect(close).toHaveLength(1);
    expect(close[0]).toMatchObject({ by: 'schedule', via: 'schedule', period: '2026-11' });
  });
});

describe('the weekly digest', () => {
  it('is traced once per week, by the schedule, however often the run is retried', async () => {
    const deliveries = createDynamoDigestDeliveryLog(
      createDocumentClient(app.table.client),
      app.table.tableName,
    );
    const posted: unknown[] = [];
    const sender = {
      ...app.deps,
      deliveries,
      poster: {
        post: async (message: unknown) => {
          posted.push(message);
          return { channel: 'C0EXEC', ts: `${posted.length}.000` };
        },
        update: async () => undefined,
      },
      publisher: { publish: async () => undefined },
    };
    await sendWeeklyDigest(sender, { week: '2026-W47' });
    await sendWeeklyDigest(sender, { week: '2026-W47' });
    const sent = actions(await trail(''), 'digest.sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      by: 'schedule',
      via: 'schedule',
      detail: { week: '2026-W47', emailed: true },
    });
  });
});

describe('paging the trail', () => {
  it('pages one commitment newest first, each entry once', async () => {
    const all = await trail();
    expect(all.length).toBeGreaterThan(6);
    const paged: Entry[] = [];
    let cursor: string | undefined;
    do {
      const q = `commitment=${ID}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await app.call('GET', `/v1/audit?${q}`);
      expect(page.body.entries.length).toBeLessThanOrEqual(3);
      paged.push(...page.body.entries);
      cursor = page.body.cursor;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    const ats = all.map((e: any) => e.at as string);
    expect([...ats].sort().reverse()).toEqual(ats);
  });

  it('pages the whole trail by time across months', async () => {
    // December: more entries, so the trail spans two months.
    await app.call('POST', `${LEADS}/events`, { body: { id: 'dec-1' } });
    await app.call('POST', `${LEADS}/events`, { body: { id: 'dec-2' } });
    const all = await trail('');
    const months = new Set(all.map((e: any) => (e.at as string).slice(0, 7)));
    expect([...months]).toEqual(['2026-12', '2026-11']);
    const paged: Entry[] = [];
    let cursor: string | undefined;
    do {
      const page = await app.call(
        'GET',
        `/v1/audit?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      paged.push(...page.body.entries);
      cursor = page.body.cursor;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it('reads empty parameters as not given, as a form sends them', async () => {
    const blank = await app.call('GET', '/v1/audit?commitment=&by=&since=&until=&limit=&cursor=');
    expect(blank.status).toBe(200);
    expect(blank.body.entries).toEqual(await trail(''));
  });

  it('narrows by author and by time', async () => {
    const byLead = await trail('by=U0MKTLEAD');
    expect(byLead.length).toBeGreaterThan(0);
    expect(byLead.every((e) => e.by === 'U0MKTLEAD')).toBe(true);
    const december = await trail('since=2026-12-01T00:00:00Z');
    // The test clock stands still, so these share one instant: compare them as a set.
    expect(december.map((e) => e.action).sort()).toEqual([
      'digest.sent',
      'events.recorded',
      'events.recorded',
      'period.closed',
    ]);
    const november = await trail(`commitment=${ID}&until=2026-12-01T00:00:00Z`);
    expect(november.every((e: any) => e.at < '2026-12-01')).toBe(true);
  });
});

describe('bad queries get a 400 naming the parameter', () => {
  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=ten', 'limit'],
    ['since=yesterday', 'since'],
    ['since=2026-12-01T00:00:00Z&until=2026-11-01T00:00:00Z', 'until'],
    ['cursor=not-a-cursor', 'cursor'],
    ['colour=blue', 'colour'],
  ])('/v1/audit?%s names %s', async (query, path) => {
    const { status, body } = await app.call('GET', `/v1/audit?${query}`);
    expect(status).toBe(400);
    expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses a cursor of another commitment', async () => {
    const page = await app.call('GET', `/v1/audit?commitment=${ID}&limit=1`);
    const other = await app.call(
      'GET',
      `/v1/audit?commitment=website-availability&cursor=${encodeURIComponent(page.body.cursor)}`,
    );
    expect(other.status).toBe(400);
    expect(other.body.errors[0].path).toBe('cursor');
  });

  it.each([
    ['period=2026-W48', 'period'],
    ['limit=500', 'limit'],
    ['cursor=e30', 'cursor'],
  ])('events?%s names %s', async (query, path) => {
    const { status, body } = await app.call('GET', `${LEADS}/events?${query}`);
    expect(status).toBe(400);
    expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('a void without a reason names reason', async () => {
    const { status, body } = await app.call('POST', `${LEADS}/events/dec-1/void`, { body: { by: 'U1' } });
    expect(status).toBe(400);
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
  });
});
