/**
 * An error as a log line a person can act on: name, message, the stack frames and any cause. The API
 * handler logs `{ error }` (the shape Powertools' logger expects), which would otherwise print as
 * `[object Object]`; that wrapper is opened here.
 */
export function describeError(value: unknown): string {
  if (value instanceof Error) {
    // The stack's first line holds the name at construction time; subclasses often rename later.
    const frames = (value.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    const lines = [`${value.name}: ${value.message}`, ...frames];
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string' && !value.message.includes(code)) lines[0] += ` (${code})`;
    if (value.cause !== undefined) lines.push(`caused by: ${describeError(value.cause)}`);
    if (value instanceof AggregateError) {
      for (const inner of value.errors) lines.push(`including: ${describeError(inner)}`);
    }
    return lines.join('\n');
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'error') return describeError((value as { error: unknown }).error);
    try {
      return JSON.stringify(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}
