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
});
