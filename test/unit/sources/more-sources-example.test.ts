import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../../shared/domain/config.js';

const example = parse(readFileSync(new URL('../../../examples/more-sources.yaml', import.meta.url), 'utf8'));

describe('examples/more-sources.yaml', () => {
  it('is a valid configuration whose ticket, issue and pull-request sources feed its commitments', () => {
    const config = parseConfig(example);
    const types = Object.fromEntries(Object.entries(config.sources ?? {}).map(([name, s]) => [name, s.type]));
    expect(types).toMatchObject({ helpdesk: 'zendesk', issues: 'jira', code: 'github' });
    const fed = new Set(
      Object.values(config.sources ?? {}).flatMap((s) => s.rules.map((rule) => rule.record.commitment)),
    );
    for (const commitment of config.commitments) expect(fed).toContain(commitment.id);
  });

  it('holds the incident sources too: PagerDuty and CloudWatch alarms, each feeding its commitments', () => {
    const config = parseConfig(example);
    expect(config.sources?.oncall?.type).toBe('pagerduty');
    expect(config.sources?.alarms?.type).toBe('cloudwatch');
    const fedBy = (name: string) => config.sources?.[name]?.rules.map((rule) => rule.record.commitment);
    expect(fedBy('oncall')).toEqual([
      'incident-acknowledgement',
      'incident-acknowledgement',
      'website-availability',
    ]);
    expect(fedBy('alarms')).toEqual(['api-availability']);
  });
});
