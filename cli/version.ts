import { readFileSync } from 'node:fs';

/** The CLI's version is the package's, read from package.json beside the sources. */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    name: string;
    version: string;
  };
  return `${manifest.name} ${manifest.version}`;
}
