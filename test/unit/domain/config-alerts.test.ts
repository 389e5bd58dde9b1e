/**
 * `atRisk.minEvents` and `alerts.burnRate` as written in the commitments file: accepted and
 * normalized, or refused with the path and what to fix.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../../shared/domain/config.js';
import { planCommitments } from '../../../shared/domain/plan.js';
import { type FieldIssue, ValidationError } from '../../../shared/domain/validation-error.js';

const exampleText = readFileSync(new URL('../../../examples/commitments.yaml', import.meta.url), 'utf8');

type Raw = any;

const conversion = {
  id: 'lead-to-opportunity',
  title: 'Sales turns 20% of qualified leads into opportunities',
  provider: 'sales',
  consumer: 'marketing',
  measure: 'ratio',
  objective: 0.2,
  alerts: {
    burnRate: [
      { long: '1h', short: '5m', rate: 14.4, level: 2 },
      { long: '6h', short: '30m', rate: 6 },
    ],
  },
};

function withConversion(mutate: (config: Raw, ratio: Raw) => void = () => {}): Raw {
  const config = parse(exampleText);
  const ratio = structuredClone(conversion);
  config.commitments.push(ratio);
  mutate(config, ratio);
  return config;
}

function issuesOf(config: Raw): FieldIssue[] {
  try {
    parseConfig(config);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('accepted alert settings', () => {
  it('normalizes burn-rate windows to milliseconds and keeps minEvents', () => {
    const config = parseConfig(
      withConversion((_c, ratio) => {
        ratio.atRisk = { minEvents: 25 };
      }),
    );
    const definition = config.commitments.find((c) => c.id === 'lead-to-opportunity');
    expect(definition?.atRisk.minEvents).toBe(25);
    expect(definition?.alerts?.burnRate).toEqual([
      { long: '1h', short: '5m', longMs: 3_600_000, shortMs: 300_000, rate: 14.4, level: 2 },
      { long: '6h', short: '30m', longMs: 21_600_000, shortMs: 1_800_000, rate: 6 },
    ]);
  });

  it('leaves both out when not written, so existing definitions read the same', () => {
    const config = parseConfig(withConversion((_c, ratio) => delete ratio.alerts));
    const definition = config.commitments.find((c) => c.id === 'lead-to-opportunity');
    expect(definition?.alerts).toBeUndefined();
    expect(definition?.atRisk).not.toHaveProperty('minEvents');
  });
});

const at = 'commitments[3]';
const cases: Array<[string, (c: Raw, ratio: Raw) => void, string, string]> = [
  [
    'a negative minEvents',
    (_c, r) => (r.atRisk = { minEvents: -1 }),
    `${at}.atRisk.minEvents`,
    'must be >= 0',
  ],
  [
    'a fractional minEvents',
    (_c, r) => (r.atRisk = { minEvents: 2.5 }),
    `${at}.atRisk.minEvents`,
    'must be a whole number of outcomes',
  ],
  [
    'minEvents on a total',
    (c) => (c.commitments[0].atRisk.minEvents = 10),
    'commitments[0].atRisk.minEvents',
    'only ratio, duration and availability commitments',
  ],
  [
    'burn-rate rules on a duration',
    (c) => (c.commitments[1].alerts = { burnRate: [{ long: '1h', short: '5m', rate: 14.4 }] }),
    'commitments[1].alerts.burnRate',
    'only ratio commitments have',
  ],
  [
    'a short window as long as the long one',
    (_c, r) => (r.alerts.burnRate[1].short = '6h'),
    `${at}.alerts.burnRate[1].short`,
    'must be shorter than long (6h), got 6h',
  ],
  ['a rate of 0', (_c, r) => (r.alerts.burnRate[0].rate = 0), `${at}.alerts.burnRate[0].rate`, 'must be > 0'],
  [
    'a level past the ladder',
    (_c, r) => (r.alerts.burnRate[0].level = 4),
    `${at}.alerts.burnRate[0].level`,
    'which has 3 steps; got 4',
  ],
  [
    'a window under a minute',
    (_c, r) => (r.alerts.burnRate[0].short = '30s'),
    `${at}.alerts.burnRate[0].short`,
    'must be between 1m and 3d, got 30s',
  ],
  [
    'a window in parts of a minute',
    (_c, r) => (r.alerts.burnRate[0].long = '1h30s'),
    `${at}.alerts.burnRate[0].long`,
    'must be whole minutes',
  ],
  [
    'a window that is not a duration',
    (_c, r) => (r.alerts.burnRate[0].long = 'an hour'),
    `${at}.alerts.burnRate[0].long`,
    'is not a duration',
  ],
  [
    'an unknown field in a rule',
    (_c, r) => (r.alerts.burnRate[0].window = '1h'),
    `${at}.alerts.burnRate[0].window`,
    '',
  ],
  ['an objective of 1', (_c, r) => (r.objective = 1), `${at}.alerts.burnRate`, 'no error budget to burn'],
];

describe('refused alert settings name the path and what to fix', () => {
  it.each(cases)('%s', (_name, mutate, path, message) => {
    expect(issuesOf(withConversion(mutate))).toEqual([{ path, message: expect.stringContaining(message) }]);
  });
});

describe('the plan of a change to the alert settings', () => {
  it('lists the window as written, not its milliseconds again', () => {
    const before = parseConfig(withConversion()).commitments;
    const after = parseConfig(
      withConversion((_c, ratio) => {
        ratio.alerts.burnRate[0].long = '2h';
        ratio.atRisk = { minEvents: 50 };
      }),
    ).commitments;
    const entry = planCommitments(before, after).entries.find((e) => e.id === 'lead-to-opportunity');
    expect(entry).toEqual({
      id: 'lead-to-opportunity',
      action: 'change',
      changes: [
        { path: 'atRisk.minEvents', from: undefined, to: 50 },
        { path: 'alerts.burnRate[0].long', from: '1h', to: '2h' },
      ],
    });
  });
});
