import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../../shared/domain/config.js';
import { ValidationError } from '../../../shared/domain/validation-error.js';

const exampleText = readFileSync(new URL('../../../examples/commitments.yaml', import.meta.url), 'utf8');
const site = { when: { alarmName: 'site-down' }, record: { commitment: 'website-availability' } };

function withSources(sources: unknown) {
  const config = parse(exampleText);
  config.sources = sources;
  return config;
}

describe('pagerduty and cloudwatch sources', () => {
  it('read with their rules, which they need', () => {
    const config = parseConfig(
      withSources({
        oncall: {
          type: 'pagerduty',
          rules: [
            {
              when: { event_type: 'incident.acknowledged' },
              record: { commitment: 'sales-lead-follow-up', phase: 'stop' },
            },
          ],
        },
        alarms: { type: 'cloudwatch', rules: [site] },
      }),
    );
    expect(config.sources?.alarms).toEqual({ name: 'alarms', type: 'cloudwatch', rules: [site] });
    expect(() => parseConfig(withSources({ oncall: { type: 'pagerduty' } }))).toThrow(
      /sources\.oncall\.rules: a pagerduty source needs at least one rule/,
    );
  });

  it('refuses a second cloudwatch source, which no alarm could be routed to', () => {
    let issues: unknown;
    try {
      parseConfig(
        withSources({
          alarms: { type: 'cloudwatch', rules: [site] },
          more: { type: 'cloudwatch', rules: [site] },
        }),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues = error.issues;
    }
    expect(issues).toEqual([
      {
        path: 'sources.more.type',
        message: expect.stringContaining(
          "must not be cloudwatch again: 'alarms' is already the cloudwatch source, and there may be only one (in AWS one EventBridge rule",
        ),
      },
    ]);
  });
});
