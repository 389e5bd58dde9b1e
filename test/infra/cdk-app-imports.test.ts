/**
 * The CDK app reads the table's definition but must not load the DynamoDB client that creates
 * tables at run time: synth stays light, and infra does not depend on the SDK.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');

it('the CDK app loads no AWS SDK client', async () => {
  const result = await build({
    entryPoints: [resolve(REPO, 'infra/app.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs).toContain('shared/adapters/dynamodb/table-definition.ts');
  const external = Object.values(result.metafile.inputs)
    .flatMap((input) => input.imports)
    .filter((i) => i.external)
    .map((i) => i.path);
  expect(external.filter((path) => path.startsWith('@aws-sdk/'))).toEqual([]);
});
