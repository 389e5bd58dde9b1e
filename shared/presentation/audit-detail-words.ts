const MAX_DETAIL = 60;

/**
 * An audit entry's detail in a line: its plain fields as `name=value`, cut to a table cell's width,
 * or undefined when it has none (nested objects stay in the API's answer).
 */
export function auditDetailWords(detail: Record<string, unknown>): string | undefined {
  const text = Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  if (!text) return undefined;
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}
