import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../../shared/domain/config.js';
import type { SourceDefinition } from '../../../shared/domain/sources/config-sources.js';
import { alertmanagerSource } from '../../../shared/sources/alertmanager.js';

const TOKEN = 'an alertmanager bearer token';
const NOW = [Date.parse('2026-11-18T15:00:00Z')];
const SITE = 'website-availability';
const source: SourceDefinition = {
  name: 'monitoring',
  type: 'alertmanager',
  rules: [{ when: { labels: { alertname: 'WebsiteDown' } }, record: { commitment: SITE } }],
};

const request = (headers: Record<string, string>) => ({ headers, body: Buffer.from('{}') });

function alert(status: 'firing' | 'resolved', labels: Record<string, string> = { alertname: 'WebsiteDown' }) {
  return {
    status,
    labels,
    annotations: { summary: 'the website is down' },
    startsAt: '2026-11-18T15:00:00.123456789Z',
    endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-11-18T15:20:00Z',
    generatorURL: 'http://prometheus/graph',
    fingerprint: '3a1c9e0f7b2d4c55',
  };
}

function payload(alerts: unknown[], version: unknown = '4') {
  return {
    version,
    groupKey: '{}:{alertname="WebsiteDown"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'sla',
    groupLabels: { alertname: 'WebsiteDown' },
    commonLabels: { alertname: 'WebsiteDown' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts,
  };
}

describe('the Alertmanager bearer-token verifier', () => {
  it('accepts the token as http_config.authorization sends it, whatever the header and scheme case', () => {
    expect(alertmanagerSource.verify(request({ Authorization: `Bearer ${TOKEN}` }), TOKEN, NOW)).toEqual({
      ok: true,
      deliveryId: '',
    });
    expect(alertmanagerSource.verify(request({ authorization: `bearer ${TOKEN}` }), TOKEN, NOW).ok).toBe(
      true,
    );
  });

  it('refuses a missing header, another scheme and a wrong or partial token', () => {
    expect(alertmanagerSource.verify(request({}), TOKEN, NOW)).toEqual({
      ok: false,
      reason: 'no Authorization header: a bearer token is required',
    });
    expect(alertmanagerSource.verify(request({ authorization: `Basic ${TOKEN}` }), TOKEN, NOW)).toEqual({
      ok: false,
      reason: 'the Authorization header is not a bearer token',
    });
    for (const wrong of ['another token', TOKEN.slice(0, -1), `${TOKEN}x`]) {
      expect(alertmanagerSource.verify(request({ authorization: `Bearer ${wrong}` }), TOKEN, NOW)).toEqual({
        ok: false,
        reason: 'the bearer token does not match',
      });
    }
  });
});

describe('the Alertmanager payload mapping', () => {
  it('maps a firing alert to down at startsAt and a resolved one to up at endsAt, incident = fingerprint', () => {
    expect(alertmanagerSource.map(payload([alert('firing')]), source, '')).toEqual({
      batches: [
        {
          commitment: SITE,
          events: [
            {
              id: 'monitoring:3a1c9e0f7b2d4c55:2026-11-18T15:00:00.123456789Z:down',
              at: '2026-11-18T15:00:00.123456789Z',
              phase: 'down',
              incident: '3a1c9e0f7b2d4c55',
            },
          ],
          origins: [0],
        },
      ],
      ignored: 0,
    });
    expect(alertmanagerSource.map(payload([alert('resolved')]), source, '')).toMatchObject({
      batches: [
        {
          events: [
            {
              id: 'monitoring:3a1c9e0f7b2d4c55:2026-11-18T15:00:00.123456789Z:up',
              at: '2026-11-18T15:20:00Z',
              phase: 'up',
              incident: '3a1c9e0f7b2d4c55',
            },
          ],
        },
      ],
    });
  });

  it('gives a group re-sent at its repeat interval the same event ids', () => {
    const first = alertmanagerSource.map(payload([alert('firing')]), source, '');
    const repeat = alertmanagerSource.map(payload([alert('firing')]), source, '');
    expect(repeat).toEqual(first);
  });

  it('counts alerts no rule matches as ignored, and maps the others', () => {
    const other = alert('firing', { alertname: 'DiskFull', instance: 'db1' });
    expect(alertmanagerSource.map(payload([other, alert('firing')]), source, '')).toMatchObject({
      batches: [{ commitment: SITE, origins: [1] }],
      ignored: 1,
    });
    expect(alertmanagerSource.map(payload([other]), source, '')).toEqual({ batches: [], ignored: 1 });
  });

  it('refuses another payload version, naming version', () => {
    expect(alertmanagerSource.map(payload([alert('firing')], '3'), source, '')).toEqual({
      errors: [{ path: 'version', message: expect.stringContaining('must be "4"') }],
    });
    expect(alertmanagerSource.map({ alerts: [] }, source, '')).toEqual({
      errors: [{ path: 'version', message: expect.stringContaining('got nothing') }],
    });
  });

  it('refuses malformed alerts, naming the field', () => {
    const { fingerprint: _, ...unprinted } = alert('firing');
    const { endsAt: __, ...endless } = alert('resolved');
    expect(alertmanagerSource.map(payload([unprinted]), source, '')).toMatchObject({
      errors: [{ path: 'alerts[0].fingerprint' }],
    });
    expect(alertmanagerSource.map(payload([alert('firing'), endless]), source, '')).toMatchObject({
      errors: [
        { path: 'alerts[1].endsAt', message: expect.stringContaining('required for a resolved alert') },
      ],
    });
    expect(
      alertmanagerSource.map(payload([{ ...alert('firing'), startsAt: 'yesterday' }]), source, ''),
    ).toMatchObject({
      errors: [{ path: 'alerts[0].startsAt' }],
    });
  });
});

describe('an alertmanager source in the configuration', () => {
  const example = parse(readFileSync(new URL('../../../examples/commitments.yaml', import.meta.url), 'utf8'));

  it('is read with its label rules, and refused without rules, since an alert names no commitment', () => {
    const config = parseConfig({
      ...example,
      sources: { monitoring: { type: 'alertmanager', rules: source.rules } },
    });
    expect(config.sources?.monitoring).toEqual(source);
    expect(() => parseConfig({ ...example, sources: { monitoring: { type: 'alertmanager' } } })).toThrow(
      expect.objectContaining({
        issues: [
          { path: 'sources.monitoring.rules', message: 'a alertmanager source needs at least one rule' },
        ],
      }),
    );
  });
});
