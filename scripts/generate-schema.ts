/**
 * `npm run schema`: writes schema/commitments.schema.json from the configuration's zod schemas.
 * A test fails when the committed file is behind them.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configJsonSchema } from '../shared/domain/config-json-schema.js';

export const SCHEMA_PATH = resolve(import.meta.dirname, '../schema/commitments.schema.json');

export function schemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(SCHEMA_PATH, schemaText());
  console.log(`wrote ${SCHEMA_PATH}`);
}
