/**
 * The SNS message the Slack notifier receives: an `OutgoingNotification` as JSON (see
 * shared/ports/alert-store.ts). Validated at the edge so a malformed message fails loudly (and
 * lands in the dead-letter queue) instead of posting half an alert.
 */
import * as z from 'zod';
import { CodedError } from '../domain/coded-error.js';
import { lazy } from '../domain/lazy.js';
import type { OutgoingNotification } from '../ports/alert-store.js';

const status = lazy(() => z.enum(['on_track', 'at_risk', 'breached', 'met', 'no_data']));

const evaluationSchema = lazy(() =>
  z.looseObject({
    commitmentId: z.string(),
    period: z.string(),
    measure: z.enum(['total', 'ratio', 'duration', 'availability']),
    status: status(),
    actual: z.number(),
    target: z.number(),
    expected: z.number(),
    projected: z.number().nullable(),
    attainment: z.number().nullable(),
    elapsed: z.number(),
    unit: z.string(),
    evaluatedAt: z.string(),
  }),
);

const standingSchema = lazy(() =>
  z.looseObject({
    subject: z.string(),
    startedAt: z.number(),
    dueAt: z.number().nullable(),
    paused: z.boolean(),
    lateMs: z.number(),
    remainingMs: z.number(),
  }),
);

const lateSubjectsSchema = lazy(() =>
  z.looseObject({
    businessTime: z.boolean(),
    horizonMs: z.number(),
    overdue: z.array(standingSchema()),
    overdueCount: z.number().int().min(0),
    dueSoon: z.array(standingSchema()),
    dueSoonCount: z.number().int().min(0),
    complete: z.boolean(),
  }),
);

const notificationSchema = lazy(() =>
  z.looseObject({
    dedupKey: z.string().min(1),
    kind: z.enum(['at_risk', 'escalated', 'recovered', 'breached', 'met']),
    severity: z.enum(['info', 'warning', 'critical']),
    level: z.number().int().min(0),
    commitmentId: z.string().min(1),
    period: z.string().min(1),
    episode: z.number().int(),
    notify: z.array(z.string()),
    status: status(),
    title: z.string(),
    provider: z.string(),
    consumer: z.string(),
    unit: z.string(),
    evaluation: evaluationSchema(),
    text: z.string(),
    at: z.number(),
    lateSubjects: lateSubjectsSchema().optional(),
  }),
);

export class InvalidNotificationError extends CodedError {
  readonly code = 'INVALID_NOTIFICATION';
  constructor(problem: string) {
    super(`The alert message is not a notification: ${problem}`);
  }
}

export function parseNotificationMessage(message: string): OutgoingNotification {
  let raw: unknown;
  try {
    raw = JSON.parse(message);
  } catch {
    throw new InvalidNotificationError('it is not JSON');
  }
  const parsed = notificationSchema().safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new InvalidNotificationError(`missing or invalid ${where}`);
  }
  return parsed.data as unknown as OutgoingNotification;
}
