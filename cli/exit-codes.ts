/**
 * Exit codes that scripts can branch on. They are part of the CLI's contract (`sla --help` lists
 * them), so a number never changes meaning.
 */
export const EXIT = {
  ok: 0,
  usage: 1,
  invalid: 2,
  notFound: 3,
  conflict: 4,
  unavailable: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0  ok
  1  usage error: unknown command or option, missing argument, unreadable file,
     no AWS credentials to sign with
  2  refused by the API as invalid (a 4xx answer; each wrong field is named)
  3  not found: no such commitment, department or route
  4  conflict: someone changed it meanwhile, the period is closed, no open alert
  5  the API failed (5xx) or could not be reached`;

/** How an HTTP answer maps onto an exit code. */
export function exitCodeForStatus(status: number): ExitCode {
  if (status < 400) return EXIT.ok;
  if (status === 404 || status === 410) return EXIT.notFound;
  if (status === 409 || status === 412) return EXIT.conflict;
  if (status < 500) return EXIT.invalid;
  return EXIT.unavailable;
}
