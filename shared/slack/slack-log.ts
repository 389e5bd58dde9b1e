/** What the Slack edges log: Powertools' Logger in AWS, a line printer locally. */
export interface SlackLog {
  error(message: string, error: unknown): void;
  warn(message: string, detail?: unknown): void;
}

/**
 * A log detail as structured attributes: an Error under `error` (which Powertools expands with its
 * stack), an object's own keys as they are, anything else under `detail`.
 */
export function logAttributes(detail: unknown): Record<string, unknown> {
  if (detail instanceof Error) return { error: detail };
  if (typeof detail === 'object' && detail !== null && !Array.isArray(detail)) return { ...detail };
  return detail === undefined ? {} : { detail };
}
