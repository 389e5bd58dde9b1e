/**
 * Headers every dashboard answer carries. The pages run no script and load only the site's own
 * stylesheet and images, so the policy allows nothing else: an injected `<script>` or inline
 * handler would not run even if escaping ever failed. Framing is refused to prevent clickjacking.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

type Headers = Record<string, string | number | boolean> | undefined;

/** The answer's own headers win, so a response that needs a different policy can say so. */
export function withSecurityHeaders<T extends { headers?: Headers }>(response: T): T {
  const own = new Set(Object.keys(response.headers ?? {}).map((name) => name.toLowerCase()));
  const added = Object.fromEntries(Object.entries(SECURITY_HEADERS).filter(([name]) => !own.has(name)));
  return { ...response, headers: { ...added, ...response.headers } };
}
