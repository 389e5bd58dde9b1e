import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const EXAMPLE = new URL('../../examples/commitments.yaml', import.meta.url);

/**
 * The example configuration with the leads commitment agreed from `date` (written into a
 * temporary file): a runtime started mid-month then judges that month from the date, as if the
 * commitment had been entered into the tool on time, instead of prorating it from the start.
 */
export function exampleAgreedSince(date: string): string {
  const text = readFileSync(EXAMPLE, 'utf8').replace(
    /(\n {2}- id: marketing-qualified-leads[^\n]*\n)/,
    `$1    effectiveFrom: ${date}\n`,
  );
  if (!text.includes(`effectiveFrom: ${date}`))
    throw new Error('the example no longer has the leads commitment');
  const path = join(mkdtempSync(join(tmpdir(), 'sla-config-')), 'commitments.yaml');
  writeFileSync(path, text);
  return path;
}
