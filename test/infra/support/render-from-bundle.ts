/**
 * Draws the digest overview with the renderer inside a function's bundle (not the sources), and
 * writes the PNG to stdout. The bundle keeps function names (`keepNames`), so the chunk that holds
 * the renderer is found by the name of its export. Run with LAMBDA_TASK_ROOT set to the bundle's
 * folder, as Lambda does, so the renderer reads the WebAssembly and fonts shipped beside it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Render = (model: { title: string; rows: unknown[] }, format: 'png') => Promise<{ body: Uint8Array }>;

const folder = process.argv[2] ?? '';
let render: Render | undefined;
for (const file of readdirSync(join(folder, 'chunks')).filter((f) => f.endsWith('.mjs'))) {
  const chunk: Record<string, unknown> = await import(pathToFileURL(join(folder, 'chunks', file)).href);
  const found = Object.values(chunk).find(
    (value) => typeof value === 'function' && value.name === 'renderOverview',
  );
  if (found) render = found as Render;
}
if (!render) throw new Error('no chunk of the bundle exports renderOverview');
const rows = [
  { commitmentId: 'a', title: 'Qualified leads', status: 'on_track', attainment: 0.5, expected: 0.4 },
];
const png = await render({ title: 'Bundle check', rows }, 'png');
process.stdout.write(png.body);
