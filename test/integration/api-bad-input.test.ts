import { describe, expect, it } from 'vitest';
import { useApp } from './app-context.js';

const app = await useApp('2026-11-01T00:30:00-04:00');
app.clock.set('2026-11-18T10:00:00-05:00');
const EVENTS = '/v1/commitments/marketing-qualified-leads/events';

async function leadCount(): Promise<number> {
  const { body } = await app.call('GET', '/v1/commitments/marketing-qualified-leads/status');
  return body.actual;
}

interface BadCase {
  name: string;
  request: Parameters<typeof app.call>[2] & { method?: string; path?: string };
  status: number;
  /** The field the answer must name (in `errors[].path` or the detail). */
  names: string | RegExp;
}

const ok = { id: 'ok-1', at: '2026-11-17T10:00:00-05:00' };

const cases: BadCase[] = [
  { name: 'malformed JSON', request: { rawBody: '{"events": [' }, status: 400, names: /not valid JSON/ },
  { name: 'a body that is not an object', request: { body: [ok] }, status: 400, names: /events/ },
  { name: 'events that is not a list', request: { body: { events: 'lots' } }, status: 400, names: 'events' },
  { name: 'an empty list', request: { body: { events: [] } }, status: 400, names: 'events' },
  {
    name: 'a missing id',
    request: { body: { events: [{ at: ok.at }] } },
    status: 400,
    names: 'events[0].id',
  },
  { name: 'an id of the wrong type', request: { body: { id: 42 } }, status: 400, names: 'id' },
  {
    name: 'a value of the wrong type',
    request: { body: { id: 'v', value: 'five' } },
    status: 400,
    names: 'value',
  },
  {
    name: 'an unparseable timestamp',
    request: { body: { id: 't', at: 'yesterday' } },
    status: 400,
    names: 'at',
  },
  {
    name: 'a timestamp without offset',
    request: { body: { id: 't2', at: '2026-11-17T10:00:00' } },
    status: 400,
    names: 'at',
  },
  {
    name: 'a timestamp an hour in the future',
    request: { body: { id: 'f', at: '2026-11-18T11:00:00-05:00' } },
    status: 400,
    names: 'at',
  },
  {
    name: 'a negative value without the correction flag',
    request: { body: { id: 'neg', value: -3 } },
    status: 400,
    names: 'value',
  },
  { name: 'an unknown field', request: { body: { id: 'u', vaule: 2 } }, status: 400, names: 'vaule' },
  {
    name: '501 events',
    request: { body: { events: Array.from({ length: 501 }, (_, i) => ({ id: `e${i}` })) } },
    status: 413,
    names: 'events',
  },
  {
    name: 'a body over 1 MB',
    request: { rawBody: JSON.stringify({ events: [{ id: 'big', note: 'x'.repeat(2 * 1024 * 1024) }] }) },
    status: 413,
    names: /1 MB/,
  },
  {
    name: 'the wrong content type',
    request: { body: ok, contentType: 'text/plain' },
    status: 415,
    names: /application\/json/,
  },
  {
    name: 'an unknown commitment',
    request: { body: ok, path: '/v1/commitments/marketing-qualifed-leads/events' },
    status: 404,
    names: /marketing-qualifed-leads/,
  },
  {
    name: 'an unknown route',
    request: { method: 'GET', path: '/v1/nothing-here' },
    status: 404,
    names: /nothing-here/,
  },
  {
    name: 'a commitment id that is not valid URL encoding',
    request: { method: 'GET', path: '/v1/commitments/%E0%A4%A/status' },
    status: 400,
    names: 'id',
  },
  {
    name: 'a period key of the wrong kind',
    request: { method: 'GET', path: '/v1/commitments/marketing-qualified-leads/status?period=2026-W47' },
    status: 400,
    names: 'period',
  },
  {
    name: 'a config with closeRate 0',
    request: {
      path: '/v1/config:apply',
      contentType: 'application/yaml',
      rawBody: '__CONFIG__',
    },
    status: 400,
    names: 'commitments[0].target.derive.closeRate',
  },
  {
    name: 'an excusal that ends before it starts',
    request: {
      path: '/v1/commitments/marketing-qualified-leads/excusals',
      body: {
        from: '2026-11-10T09:00:00-05:00',
        to: '2026-11-09T09:00:00-05:00',
        causedBy: 'sales',
        reason: 'CRM outage',
      },
    },
    status: 400,
    names: 'to',
  },
  {
    name: 'an excusal caused by an unknown department',
    request: {
      path: '/v1/commitments/marketing-qualified-leads/excusals',
      body: {
        from: '2026-11-09T09:00:00-05:00',
        to: '2026-11-10T09:00:00-05:00',
        causedBy: 'legal',
        reason: 'review',
      },
    },
    status: 400,
    names: 'causedBy',
  },
  {
    name: 'a value too large to add up exactly',
    request: { body: { id: 'huge', value: 5e15 } },
    status: 400,
    names: 'value',
  },
  {
    name: 'a value too small for DynamoDB',
    request: { body: { id: 'tiny', value: 1e-200 } },
    status: 400,
    names: 'value',
  },
  {
    name: 'a commitment id of 3,000 characters',
    request: { method: 'GET', path: `/v1/commitments/${'x'.repeat(3000)}/history` },
    status: 404,
    names: /No commitment/,
  },
  {
    name: 'an acknowledgement by a name of 450 KB',
    request: { path: '/v1/commitments/marketing-qualified-leads/ack', body: { by: 'x'.repeat(450_000) } },
    status: 400,
    names: 'by',
  },
  {
    name: 'an excusal caused by a name every object has',
    request: {
      path: '/v1/commitments/marketing-qualified-leads/excusals',
      body: {
        from: '2026-11-09T09:00:00-05:00',
        to: '2026-11-10T09:00:00-05:00',
        causedBy: 'constructor',
        reason: 'none',
      },
    },
    status: 400,
    names: 'causedBy',
  },
  {
    name: 'the status of a period before the commitment existed',
    request: { method: 'GET', path: '/v1/commitments/marketing-qualified-leads/status?period=2026-10' },
    status: 400,
    names: 'period',
  },
  {
    name: 'an evaluation at a time long past',
    request: { path: '/v1/evaluations', body: { at: '2026-01-01T00:00:00-05:00' } },
    status: 400,
    names: 'at',
  },
  {
    name: 'an acknowledgement without who',
    request: { path: '/v1/commitments/marketing-qualified-leads/ack', body: {} },
    status: 400,
    names: 'by',
  },
];

describe('bad input gets a clear 4xx naming what to fix, and changes nothing', () => {
  it.each(cases)('$name → $status', async ({ request, status, names }) => {
    const { EXAMPLE_CONFIG } = await import('./app-context.js');
    const before = await leadCount();
    const rawBody =
      request.rawBody === '__CONFIG__'
        ? EXAMPLE_CONFIG.replace('closeRate: 0.2', 'closeRate: 0')
        : request.rawBody;
    const response = await app.call(request.method ?? 'POST', request.path ?? EVENTS, {
      ...request,
      rawBody,
    });
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    const said = [
      response.body.detail,
      ...(response.body.errors ?? []).map((e: { path: string }) => e.path),
    ].join('\n');
    if (typeof names === 'string') {
      expect((response.body.errors ?? []).map((e: { path: string }) => e.path)).toContain(names);
    } else {
      expect(said).toMatch(names);
    }
    expect(await leadCount()).toBe(before);
  });

  it('answers a mixed batch event by event and counts only the good ones', async () => {
    const before = await leadCount();
    const response = await app.call('POST', EVENTS, {
      body: { events: [{ id: 'good-1' }, { id: 'bad-1', value: 'x' }, { id: 'good-2', value: 2 }] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      accepted: 2,
      duplicates: 0,
      rejected: [{ index: 1, id: 'bad-1' }],
    });
    expect(await leadCount()).toBe(before + 3);
  });

  it('accepts a negative value that is marked as a correction', async () => {
    const before = await leadCount();
    const response = await app.call('POST', EVENTS, { body: { id: 'fix-1', value: -1, correction: true } });
    expect(response.status).toBe(200);
    expect(await leadCount()).toBe(before - 1);
  });
});
