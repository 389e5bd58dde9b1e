/**
 * The CDK app reads the table's definition but must not load the DynamoDB client that creates
 * tables at run time: synth stays light, and infra does not depend on the SDK.
 */
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { importGraph } from '../support/import-graph.js';

const REPO = resolve(import.meta.dirname, '../..');

it('the CDK app loads no AWS SDK client', async () => {
  const { files, packages } = await importGraph(resolve(REPO, 'infra/app.ts'));
  expect(files).toContain('shared/adapters/dynamodb/table-definition.ts');
  expect([...packages].filter((name) => name.startsWith('@aws-sdk/'))).toEqual([]);
});
