import * as z from 'zod';
import type { Measure } from '../domain/model.js';

/**
 * One schema per measure for a measurement event (PRODUCT.md section 4). Each event of a batch is
 * validated on its own so one bad event is rejected without refusing its neighbours.
 */

const eventId = z
  .string({ error: 'must be a string: the idempotency key of the event, unique per commitment' })
  .min(1, 'must not be empty: give every event an id so that retries count once')
  .max(200, 'must be at most 200 characters');

const at = z.iso.datetime({
  offset: true,
  error: 'must be an ISO-8601 date-time with an offset, e.g. 2026-11-18T10:00:00-05:00',
});

const note = z.string().max(500, 'must be at most 500 characters').optional();
const source = z.string().max(100, 'must be at most 100 characters').optional();

const common = { id: eventId, at: at.optional(), note, source };

/**
 * One event's value stays far from the limits of exact numbers: aggregates add values up, and sums
 * must stay exact (below 2^53) and representable by DynamoDB (no underflow).
 */
export const MAX_EVENT_VALUE = 1_000_000_000;
const MIN_EVENT_MAGNITUDE = 0.000001;

export const totalEventSchema = z
  .strictObject({
    ...common,
    value: z
      .number({ error: 'must be a number' })
      .finite('must be a finite number')
      .min(-MAX_EVENT_VALUE, `must be at least -${MAX_EVENT_VALUE.toLocaleString('en-US')}`)
      .max(MAX_EVENT_VALUE, `must be at most ${MAX_EVENT_VALUE.toLocaleString('en-US')}`)
      .refine((v) => v === 0 || Math.abs(v) >= MIN_EVENT_MAGNITUDE, {
        message: `must be 0 or at least ${MIN_EVENT_MAGNITUDE} in size`,
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
  });

const count = z
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be >= 0');

export const ratioEventSchema = z
  .strictObject({
    ...common,
    outcome: z.enum(['good', 'bad'], { error: "must be 'good' or 'bad'" }).optional(),
    good: count.optional(),
    total: count.optional(),
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
  });

const name = (what: string) =>
  z
    .string({ error: `must be a string naming the ${what}` })
    .min(1, `must name the ${what}`)
    .max(200, 'must be at most 200 characters');

export const durationEventSchema = z.strictObject({
  ...common,
  subject: name('subject (a lead, a ticket)'),
  phase: z.enum(['start', 'pause', 'resume', 'stop'], {
    error: "must be one of 'start', 'pause', 'resume', 'stop'",
  }),
});

export const availabilityEventSchema = z.strictObject({
  ...common,
  incident: name('incident'),
  phase: z.enum(['down', 'up'], { error: "must be 'down' or 'up'" }),
});

export type TotalEvent = z.infer<typeof totalEventSchema>;
export type RatioEvent = z.infer<typeof ratioEventSchema>;
export type DurationEvent = z.infer<typeof durationEventSchema>;
export type AvailabilityEvent = z.infer<typeof availabilityEventSchema>;

export const eventSchemaFor = {
  total: totalEventSchema,
  ratio: ratioEventSchema,
  duration: durationEventSchema,
  availability: availabilityEventSchema,
} satisfies Record<Measure, z.ZodType>;

export const MAX_EVENTS_PER_REQUEST = 500;
