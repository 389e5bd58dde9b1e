import * as z from 'zod';
import { boundedString } from '../domain/bounded-schemas.js';
import { lazy } from '../domain/lazy.js';
import {
  formatLimit,
  MAX_KEY_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_NUMBER,
  MAX_SOURCE_LENGTH,
  MIN_FRACTION,
} from '../domain/limits.js';
import type { Measure } from '../domain/model.js';

/**
 * One schema per measure for a measurement event, as the events route accepts it. Each event of a batch is
 * validated on its own so one bad event is rejected without refusing its neighbours.
 */

const eventId = lazy(() =>
  boundedString(
    MAX_KEY_LENGTH,
    'must be a string: the idempotency key of the event, unique per commitment',
  ).min(1, 'must not be empty: give every event an id so that retries count once'),
);

const at = lazy(() =>
  z.iso.datetime({
    offset: true,
    error: 'must be an ISO-8601 date-time with an offset, e.g. 2026-11-18T10:00:00-05:00',
  }),
);

const note = lazy(() => boundedString(MAX_NOTE_LENGTH).optional());
const source = lazy(() => boundedString(MAX_SOURCE_LENGTH).optional());

const common = lazy(() => ({ id: eventId(), at: at().optional(), note: note(), source: source() }));

/**
 * One event's value stays far from the limits of exact numbers: aggregates add values up, and sums
 * must stay exact (below 2^53) and representable by DynamoDB (no underflow).
 */
const MAX_EVENT_VALUE = MAX_NUMBER;
const MIN_EVENT_MAGNITUDE = MIN_FRACTION;

export const totalEventSchema = lazy(() =>
  z
    .strictObject({
      ...common(),
      value: z
        .number({ error: 'must be a number' })
        .finite('must be a finite number')
        .min(-MAX_EVENT_VALUE, `must be at least -${formatLimit(MAX_EVENT_VALUE)}`)
        .max(MAX_EVENT_VALUE, `must be at most ${formatLimit(MAX_EVENT_VALUE)}`)
        .refine((v) => v === 0 || Math.abs(v) >= MIN_EVENT_MAGNITUDE, {
          message: `must be 0 or at least ${formatLimit(MIN_EVENT_MAGNITUDE)} in size`,
        })
        .optional(),
      correction: z.boolean({ error: 'must be true or false' }).optional(),
    })
    .superRefine((event, ctx) => {
      if (event.value !== undefined && event.value < 0 && event.correction !== true) {
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: 'must not be negative unless the event is an explicit correction: add "correction": true',
        });
      }
    }),
);

const count = lazy(() =>
  z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be >= 0')
    .max(MAX_NUMBER, `must be at most ${formatLimit(MAX_NUMBER)}`),
);

export const ratioEventSchema = lazy(() =>
  z
    .strictObject({
      ...common(),
      outcome: z.enum(['good', 'bad'], { error: "must be 'good' or 'bad'" }).optional(),
      good: count().optional(),
      total: count().optional(),
    })
    .superRefine((event, ctx) => {
      const aggregated = event.good !== undefined || event.total !== undefined;
      if (event.outcome === undefined && !aggregated) {
        ctx.addIssue({
          code: 'custom',
          path: ['outcome'],
          message: "is required: send outcome 'good' or 'bad', or pre-aggregated good and total",
        });
      }
      if (event.outcome !== undefined && aggregated) {
        ctx.addIssue({
          code: 'custom',
          path: ['outcome'],
          message: 'send either outcome or good/total, not both',
        });
      }
      if (aggregated && (event.good === undefined || event.total === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [event.good === undefined ? 'good' : 'total'],
          message: 'is required with pre-aggregated outcomes: send both good and total',
        });
      }
      if (event.good !== undefined && event.total !== undefined && event.good > event.total) {
        ctx.addIssue({ code: 'custom', path: ['good'], message: 'must not exceed total' });
      }
    }),
);

const name = (what: string) =>
  boundedString(MAX_KEY_LENGTH, `must be a string naming the ${what}`).min(1, `must name the ${what}`);

export const durationEventSchema = lazy(() =>
  z.strictObject({
    ...common(),
    subject: name('subject (a lead, a ticket)'),
    phase: z.enum(['start', 'pause', 'resume', 'stop'], {
      error: "must be one of 'start', 'pause', 'resume', 'stop'",
    }),
  }),
);

export const availabilityEventSchema = lazy(() =>
  z.strictObject({
    ...common(),
    incident: name('incident'),
    phase: z.enum(['down', 'up'], { error: "must be 'down' or 'up'" }),
  }),
);

export type TotalEvent = z.infer<ReturnType<typeof totalEventSchema>>;
export type RatioEvent = z.infer<ReturnType<typeof ratioEventSchema>>;
export type DurationEvent = z.infer<ReturnType<typeof durationEventSchema>>;
export type AvailabilityEvent = z.infer<ReturnType<typeof availabilityEventSchema>>;

export const eventSchemaFor = {
  total: totalEventSchema,
  ratio: ratioEventSchema,
  duration: durationEventSchema,
  availability: availabilityEventSchema,
} satisfies Record<Measure, () => z.ZodType>;

export const MAX_EVENTS_PER_REQUEST = 500;
