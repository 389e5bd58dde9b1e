/**
 * Reading the trail: GET /v1/audit's query, and the paging parameters the events listing shares.
 * Kept apart from writing entries, which every change does, so those paths load no schema library.
 */
import * as z from 'zod';
import type { AuditEntry } from '../domain/audit.js';
import { boundedString } from '../domain/bounded-schemas.js';
import { isoInstant } from '../domain/instant-format.js';
import { lazy } from '../domain/lazy.js';
import { MAX_KEY_LENGTH } from '../domain/limits.js';
import { issuesFromZod, ValidationError } from '../domain/validation-error.js';
import type { AuditPage } from '../ports/audit-log.js';
import { MAX_AUTHOR_LENGTH } from './audit.js';
import type { StoreDeps } from './deps.js';

export const MAX_AUDIT_PAGE = 200;
const DEFAULT_AUDIT_PAGE = 50;
/** Nothing older is kept (entries expire with the events they trace). */
const RETENTION_MS = 400 * 24 * 3600_000;
const MAX_CURSOR_LENGTH = 4096;

const instant = lazy(() =>
  z.iso
    .datetime({
      offset: true,
      error: 'must be an ISO-8601 date-time with an offset, e.g. 2026-11-01T00:00:00Z',
    })
    .transform((text) => Date.parse(text))
    .optional(),
);

/** A page size in the query string: a whole number within the limit. */
export function pageLimitSchema(max: number, fallback: number) {
  return z
    .string()
    .regex(/^\d{1,6}$/, `must be a whole number from 1 to ${max}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `must be a whole number from 1 to ${max}`)
    .optional()
    .transform((n) => n ?? fallback);
}

export const cursorSchema = lazy(() =>
  boundedString(MAX_CURSOR_LENGTH, 'must be the cursor of the previous page').optional(),
);

const auditQuerySchema = lazy(() =>
  z
    .strictObject(
      {
        commitment: boundedString(MAX_KEY_LENGTH, 'must be a commitment id')
          .min(1, 'must not be empty')
          .optional(),
        by: boundedString(MAX_AUTHOR_LENGTH, 'must name an author').min(1, 'must not be empty').optional(),
        since: instant(),
        until: instant(),
        limit: pageLimitSchema(MAX_AUDIT_PAGE, DEFAULT_AUDIT_PAGE),
        cursor: cursorSchema(),
      },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? `unknown parameter; use commitment, by, since, until, limit or cursor`
            : undefined,
      },
    )
    .superRefine((q, ctx) => {
      if (q.since !== undefined && q.until !== undefined && q.until <= q.since) {
        ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be after since' });
      }
    }),
);

/** Query parameters given empty (`?commitment=&by=`) mean "not given", as a form sends them. */
export function givenParameters(query: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

/** An entry as the API shows it: instants as ISO-8601 UTC. */
export type AuditEntryView = Omit<AuditEntry, 'at'> & { at: string };

/** GET /v1/audit: the trail, newest first, of one commitment or of everything, paged. */
export async function listAudit(
  deps: StoreDeps,
  query: Record<string, string | undefined>,
): Promise<{ entries: AuditEntryView[]; timezone: string; cursor?: string }> {
  const parsed = auditQuerySchema().safeParse(givenParameters(query));
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error));
  const q = parsed.data;
  const now = deps.clock.now();
  // The trail by time reads month by month: the range is kept to what can exist.
  const since = Math.max(q.since ?? 0, now - RETENTION_MS);
  const until = Math.min(q.until ?? Number.POSITIVE_INFINITY, now + 24 * 3600_000);
  const page: AuditPage =
    until <= since
      ? { entries: [] }
      : await deps.audit.list({
          ...(q.commitment === undefined ? {} : { commitmentId: q.commitment }),
          ...(q.by === undefined ? {} : { by: q.by }),
          since,
          until,
          limit: q.limit,
          ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
        });
  // The company's zone, in which people read the entries' times (UTC before any config).
  const timezone = (await deps.commitments.getConfig())?.timezone ?? 'UTC';
  return {
    entries: page.entries.map((e) => ({ ...e, at: isoInstant(e.at) })),
    timezone,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}
