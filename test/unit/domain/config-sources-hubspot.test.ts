import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../../shared/domain/config.js';
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

const MQL = {
  when: { propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead' },
  record: { commitment: 'marketing-qualified-leads' },
};

describe('a hubspot source', () => {
  it('reads its rules and the url HubSpot calls', () => {
    const url = 'https://sla.example.com/sources/crm';
    const config = parseConfig(withSources({ crm: { type: 'hubspot', url, rules: [MQL] } }));
    expect(config.sources?.crm).toEqual({ name: 'crm', type: 'hubspot', rules: [MQL], url });
  });

  it('needs rules, since HubSpot names no commitment', () => {
    expect(issuesOf(withSources({ crm: { type: 'hubspot' } }))).toEqual([
      { path: 'sources.crm.rules', message: 'a hubspot source needs at least one rule' },
    ]);
  });

  it('refuses a url that is not a full http(s) URL, and a url on a type that does not sign it', () => {
    const issues = issuesOf(
      withSources({
        crm: { type: 'hubspot', url: '/sources/crm', rules: [MQL] },
        ftp: { type: 'hubspot', url: 'ftp://sla.example.com/sources/crm', rules: [MQL] },
        scripts: { type: 'webhook', url: 'https://sla.example.com/sources/scripts' },
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'sources.crm.url', message: expect.stringContaining('must be the full http(s) URL') },
        { path: 'sources.ftp.url', message: expect.stringContaining('must be the full http(s) URL') },
        {
          path: 'sources.scripts.url',
          message: 'must be left out: a webhook source does not sign the URL it calls',
        },
      ]),
    );
  });
});
