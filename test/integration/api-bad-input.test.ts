import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLE_CONFIG, useApp } from './app-context.js';

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
  /** What the answer must say about the limit (in the detail or an error's message). */
  says?: RegExp;
}

const ok = { id: 'ok-1', at: '2026-11-17T10:00:00-05:00' };

const DERIVED = 'target: { derive: { revenue: 10000, dealSize: 500, closeRate: 0.2 } }';
/** The example configuration with the leads commitment's target written as `target`. */
const yamlWithTarget = (target: string) => EXAMPLE_CONFIG.replace(DERIVED, `target: ${target}`);
/** The same as JSON, with the number's digits exactly as written (JSON.stringify would round them). */
function jsonWithTarget(digits: string): string {
  const config = parse(EXAMPLE_CONFIG);
  config.commitments[0].target = '__TARGET__';
  return JSON.stringify(config).replace('"__TARGET__"', digits);
}
const configCase = (rawBody: string, contentType = 'application/yaml', query = '') => ({
  path: `/v1/config:apply${query}`,
  contentType,
  rawBody,
});
// Each alias repeats the list before it ten times: a few lines that would expand to millions of values.
const ALIAS_BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  '',
].join('\n');
const SNOOZE = '/v1/commitments/marketing-qualified-leads/snooze';
const EXCUSALS = '/v1/commitments/marketing-qualified-leads/excusals';
const AT_MOST_A_BILLION = /must be at most 1,000,000,000/;

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
    request: configCase(EXAMPLE_CONFIG.replace('closeRate: 0.2', 'closeRate: 0')),
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
  {
    name: 'a YAML alias bomb',
    request: configCase(ALIAS_BOMB),
    status: 400,
    names: /alias/,
    says: /at most 100 values may come from aliases/,
  },
  {
    name: 'a target of 1e16',
    request: configCase(yamlWithTarget('1e16')),
    status: 400,
    names: 'commitments[0].target',
    says: AT_MOST_A_BILLION,
  },
  {
    name: 'a target of 9007199254740993 (past exact integers) in JSON',
    request: configCase(jsonWithTarget('9007199254740993'), 'application/json'),
    status: 400,
    names: 'commitments[0].target',
    says: AT_MOST_A_BILLION,
  },
  {
    name: 'a target of 1e200',
    request: configCase(yamlWithTarget('1e200')),
    status: 400,
    names: 'commitments[0].target',
    says: AT_MOST_A_BILLION,
  },
  {
    name: 'a target of 1e-300',
    request: configCase(yamlWithTarget('1e-300')),
    status: 400,
    names: 'commitments[0].target',
    says: /must be at least 0\.000001/,
  },
  {
    name: 'a derived revenue of 1e17',
    request: configCase(EXAMPLE_CONFIG.replace('revenue: 10000', 'revenue: 1e17')),
    status: 400,
    names: 'commitments[0].target.derive.revenue',
    says: AT_MOST_A_BILLION,
  },
  {
    name: 'a funnel whose derived target is past the limit',
    request: configCase(EXAMPLE_CONFIG.replace('dealSize: 500', 'dealSize: 0.000001')),
    status: 400,
    names: 'commitments[0].target.derive',
    says: /gives a target of 50,000,000,000; a target must be at most 1,000,000,000/,
  },
  {
    name: 'a dry run with a target of 2e301',
    request: configCase(yamlWithTarget('2e301'), 'application/yaml', '?dryRun=true'),
    status: 400,
    names: 'commitments[0].target',
    says: AT_MOST_A_BILLION,
  },
  {
    name: 'a config with a title of 201 characters',
    request: configCase(
      EXAMPLE_CONFIG.replace(
        'title: Marketing delivers qualified leads to Sales',
        `title: ${'t'.repeat(201)}`,
      ),
    ),
    status: 400,
    names: 'commitments[0].title',
    says: /must be at most 200 characters/,
  },
  {
    name: 'a config of 300 KB',
    request: configCase(`${EXAMPLE_CONFIG}\n${'#'.repeat(300 * 1024)}\n`),
    status: 400,
    names: /bytes/,
    says: /must be at most 262,144 bytes \(256 KB\)/,
  },
  {
    name: 'a config with a lone surrogate in a department name',
    request: configCase(
      JSON.stringify({ ...parse(EXAMPLE_CONFIG), departments: { ops: { name: 'Ops \ud800' } } }),
      'application/json',
    ),
    status: 400,
    names: 'departments.ops.name',
    says: /well-formed Unicode/,
  },
  {
    name: 'a commitment put with a title of 350,000 characters',
    request: {
      method: 'PUT',
      path: '/v1/commitments/huge-title',
      body: {
        title: 'x'.repeat(350_000),
        provider: 'marketing',
        consumer: 'sales',
        measure: 'total',
        target: 10,
      },
    },
    status: 400,
    names: 'title',
    says: /must be at most 200 characters/,
  },
  {
    name: 'an event id with a lone surrogate',
    request: { rawBody: '{"id": "u-\\ud800"}' },
    status: 400,
    names: 'id',
    says: /well-formed Unicode/,
  },
  {
    name: 'two different event ids that differ only in a lone surrogate',
    request: { rawBody: '{"events": [{"id": "u-\\ud800"}, {"id": "u-\\udc00"}]}' },
    status: 400,
    names: 'events[1].id',
    says: /well-formed Unicode/,
  },
  {
    name: 'a snooze until a time already past',
    request: { path: SNOOZE, body: { by: 'U0MKTLEAD', until: '2026-11-17T10:00:00-05:00' } },
    status: 400,
    names: 'until',
    says: /in the future/,
  },
  {
    name: 'a snooze for 45 days',
    request: { path: SNOOZE, body: { by: 'U0MKTLEAD', until: '2027-01-02T10:00:00-05:00' } },
    status: 400,
    names: 'until',
    says: /at most 30 days/,
  },
  {
    name: 'an excusal reason of 1,001 characters',
    request: {
      path: EXCUSALS,
      body: {
        from: '2026-11-09T09:00:00-05:00',
        to: '2026-11-10T09:00:00-05:00',
        causedBy: 'sales',
        reason: 'r'.repeat(1001),
      },
    },
    status: 400,
    names: 'reason',
    says: /must be at most 1,000 characters/,
  },
  {
    name: 'an acknowledgement note with a lone surrogate',
    request: {
      path: '/v1/commitments/marketing-qualified-leads/ack',
      rawBody: '{"by": "U0MKTLEAD", "note": "on it \\udfff"}',
    },
    status: 400,
    names: 'note',
    says: /well-formed Unicode/,
  },
];

/** What a refused request must leave alone: the count, the commitments and their versions. */
async function snapshot() {
  const { body } = await app.call('GET', '/v1/commitments');
  const versions = await Promise.all(
    body.commitments.map(async (c: { id: string }) => {
      const detail = await app.call('GET', `/v1/commitments/${c.id}`);
      return `${c.id}@${detail.body.version}`;
    }),
  );
  return { leads: await leadCount(), versions };
}

describe('bad input gets a clear 4xx naming what to fix, and changes nothing', () => {
  it.each(cases)('$name → $status', async ({ request, status, names, says }) => {
    const before = await snapshot();
    const response = await app.call(request.method ?? 'POST', request.path ?? EVENTS, request);
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
    if (says !== undefined) {
      const messages = [
        response.body.detail,
        ...(response.body.errors ?? []).map((e: { message: string }) => e.message),
      ].join('\n');
      expect(messages).toMatch(says);
    }
    expect(await snapshot()).toEqual(before);
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
