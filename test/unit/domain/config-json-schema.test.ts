import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCHEMA_PATH, schemaText } from '../../../scripts/generate-schema.js';

const REPO = resolve(import.meta.dirname, '../../..');
const committed = readFileSync(SCHEMA_PATH, 'utf8');
const examples = readdirSync(resolve(REPO, 'examples')).filter((f) => /\.ya?ml$/.test(f));
const readExample = (name: string) => readFileSync(resolve(REPO, 'examples', name), 'utf8');
// Formats (email) are checked by the validator; the schema's job is names and shapes.
const validate = new Ajv2020({ allErrors: true, strict: true, validateFormats: false }).compile(
  JSON.parse(committed),
);

describe('schema/commitments.schema.json', () => {
  it('is up to date with the zod schemas (run `npm run schema` after changing them)', () => {
    expect(committed).toBe(schemaText());
  });

  it.each(examples)('accepts examples/%s, which points editors at it', (name) => {
    const text = readExample(name);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/commitments.schema.json');
    expect(validate(parse(text, { version: '1.2', schema: 'core' })), JSON.stringify(validate.errors)).toBe(
      true,
    );
  });

  it('refuses a misspelt field, an unknown measure and a missing section', () => {
    const config = parse(readExample('commitments.yaml'), { version: '1.2', schema: 'core' });
    config.commitments[0].objectve = 0.9;
    config.commitments[1].measure = 'durations';
    delete config.departments;
    expect(validate(config)).toBe(false);
    const found = (validate.errors ?? []).map(
      (e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`,
    );
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/commitments/0 additionalProperties {"additionalProperty":"objectve"}'),
        expect.stringContaining('/commitments/1/measure enum'),
        expect.stringContaining(' required {"missingProperty":"departments"}'),
      ]),
    );
  });
});
