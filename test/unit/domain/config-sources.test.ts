import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../../shared/domain/config.js';
import { SOURCE_TYPES } from '../../../shared/domain/sources/source-types.js';
import { type FieldIssue, ValidationError } from '../../../shared/domain/validation-error.js';

const exampleText = readFileSync(new URL('../../../examples/commitments.yaml', import.meta.url), 'utf8');

function withSources(sources: unknown): any {
  const config = parse(exampleText);
  config.sources = sources;
  return config;
}

function issuesOf(config: unknown): FieldIssue[] {
  try {
    parseConfig(config);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('the sources section', () => {
  it('reads a webhook source without rules, and one whose rules fit their commitments', () => {
    const config = parseConfig(
      withSources({
        scripts: { type: 'webhook' },
        crm: {
          type: 'webhook',
          rules: [
            { when: { stage: 'mql' }, record: { commitment: 'marketing-qualified-leads' } },
            {
              when: { deal: { stage: 'new' } },
              record: { commitment: 'sales-lead-follow-up', phase: 'start', subject: 'contact' },
            },
            { when: { alert: 'down' }, record: { commitment: 'website-availability', phase: 'down' } },
          ],
        },
      }),
    );
    expect(config.sources?.scripts).toEqual({ name: 'scripts', type: 'webhook', rules: [] });
    expect(config.sources?.crm?.rules).toHaveLength(3);
    expect(config.sources?.crm?.rules[1]?.record).toEqual({
      commitment: 'sales-lead-follow-up',
      phase: 'start',
      subject: 'contact',
    });
  });

  it('leaves sources out of a configuration that has none', () => {
    expect(parseConfig(parse(exampleText))).not.toHaveProperty('sources');
  });

  it('refuses a rule naming an unknown commitment, with its path and the likely one', () => {
    const issues = issuesOf(
      withSources({
        crm: {
          type: 'webhook',
          rules: [
            { when: { a: 1 }, record: { commitment: 'marketing-qualified-leads' } },
            { when: { a: 2 }, record: { commitment: 'marketing-qualified-lead' } },
          ],
        },
      }),
    );
    expect(issues).toEqual([
      {
        path: 'sources.crm.rules[1].record.commitment',
        message: expect.stringContaining("did you mean 'marketing-qualified-leads'?"),
      },
    ]);
  });

  it('refuses a phase that does not fit the measure, and any phase for a total', () => {
    const issues = issuesOf(
      withSources({
        crm: {
          type: 'webhook',
          rules: [
            { when: { a: 1 }, record: { commitment: 'sales-lead-follow-up', phase: 'down' } },
            { when: { a: 2 }, record: { commitment: 'marketing-qualified-leads', phase: 'start' } },
          ],
        },
      }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'sources.crm.rules[0].record.phase',
      'sources.crm.rules[1].record.phase',
    ]);
    expect(issues[0]?.message).toContain('must be one of start, pause, resume, stop');
    expect(issues[1]?.message).toContain('must be left out');
  });

  it('refuses an unknown type (naming the allowed ones), a bad name and a misspelt field', () => {
    const issues = issuesOf(
      withSources({
        crm: { type: 'webhok' },
        'Bad Name': { type: 'webhook' },
        ops: { type: 'webhook', rulez: [] },
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          path: 'sources.crm.type',
          message: expect.stringContaining(`must be one of ${SOURCE_TYPES.join(', ')}; got 'webhok'`),
        },
        { path: 'sources.Bad Name', message: expect.stringContaining('must be a lowercase id') },
        { path: 'sources.ops.rulez', message: expect.stringContaining("unknown field 'rulez'") },
      ]),
    );
  });

  it('accepts the commented sources block of the example once uncommented', () => {
    const start = exampleText.indexOf('# sources:');
    expect(start).toBeGreaterThan(0);
    const block = exampleText
      .slice(start)
      .split('\n')
      .map((line) => line.replace(/^# ?/, ''))
      .join('\n');
    const config = parseConfig(parse(exampleText.slice(0, start) + block));
    expect(Object.keys(config.sources ?? {})).toEqual(['scripts', 'crm', 'monitoring']);
  });

  it('refuses sources that are not a mapping', () => {
    expect(issuesOf(withSources(['crm']))).toEqual([
      { path: 'sources', message: expect.stringContaining('must be a mapping of source names') },
    ]);
  });
});
