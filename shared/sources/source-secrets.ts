/**
 * Where each source's secret is kept: locally one environment variable per source, in AWS one
 * Secrets Manager secret holding a JSON map by source name (so adding a source adds no resource).
 * Secrets never sit in the configuration file, which is shared and versioned.
 */

/** `SLA_SOURCE_<NAME>_SECRET`, the name upper-cased with `-` as `_`. */
export function sourceSecretEnvName(sourceName: string): string {
  return `SLA_SOURCE_${sourceName.toUpperCase().replaceAll('-', '_')}_SECRET`;
}

/** Secrets from variables such as `process.env`; an empty value counts as unset. */
export function sourceSecretsFromEnv(
  env: Record<string, string | undefined>,
): (sourceName: string) => Promise<string | undefined> {
  return async (name) => env[sourceSecretEnvName(name)] || undefined;
}

/**
 * Secrets from one JSON map `{ "<source>": "<secret>" }`, read through `read` (cached by it). A map
 * that is not JSON is the operator's mistake: it fails loudly rather than refusing every sender.
 */
export function sourceSecretsFromMap(
  read: () => Promise<string>,
): (sourceName: string) => Promise<string | undefined> {
  return async (name) => {
    const text = await read();
    let map: unknown;
    try {
      map = JSON.parse(text);
    } catch {
      throw new Error('the sources secret must be a JSON object mapping source names to secrets');
    }
    if (typeof map !== 'object' || map === null || Array.isArray(map)) {
      throw new Error('the sources secret must be a JSON object mapping source names to secrets');
    }
    const value = (map as Record<string, unknown>)[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
}
