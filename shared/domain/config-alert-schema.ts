/**
 * Zod schemas of the alert settings of a commitment as written: the low-traffic guard
 * (`atRisk.minEvents`) and the multiwindow burn-rate rules (`alerts.burnRate`). The rules that need
 * the measure or the ladder live in `config-alerts.ts`.
 */
import * as z from 'zod';
import { boundedNumber } from './bounded-schemas.js';
import { atMostItems, durationTextSchema, positive, required, strictObject } from './config-fields.js';
import { lazy } from './lazy.js';
import { MAX_BURN_RATE_RULES, MAX_ESCALATION_STEPS, MAX_MIN_EVENTS } from './limits.js';

export const minEventsSchema = lazy(() =>
  boundedNumber(required('a whole number of outcomes, such as 10'), {
    min: { value: 0, inclusive: true, message: 'must be >= 0' },
    max: MAX_MIN_EVENTS,
  })
    .int('must be a whole number of outcomes, such as 10')
    .describe(
      'Objectives only: outcomes (ratio), subjects (duration) or open hours (availability) to judge in the period before the burn rate may warn; default 10. A used-up budget is reported regardless.',
    ),
);

/** One multiwindow burn-rate alert rule of a ratio commitment (see `alerts/burn-rate.ts`). */
export const rawBurnRateRuleSchema = lazy(() =>
  strictObject({
    long: durationTextSchema().describe(
      'The long window, such as 1h: the burn rate over it must be at or above rate.',
    ),
    short: durationTextSchema().describe(
      'The short window, such as 5m (shorter than long): the burn rate over it must be at or above rate too, so the alert resolves soon after the burn stops.',
    ),
    rate: positive().describe(
      'The burn rate to alert at: (bad share of the window) / (1 - objective). 14.4 over 1h uses 2% of a 30-day budget.',
    ),
    level: boundedNumber(required('an escalation step number, such as 2'), {
      min: { value: 1, inclusive: true, message: 'must be >= 1 (the first step)' },
      max: MAX_ESCALATION_STEPS,
    })
      .int('must be a whole step number, such as 2')
      .optional()
      .describe('The escalation step the alert starts at (1 = the first step, the default).'),
  }),
);

export const rawAlertsSchema = lazy(() =>
  strictObject({
    burnRate: z
      .array(rawBurnRateRuleSchema(), {
        error: required('a list of rules such as - { long: 1h, short: 5m, rate: 14.4 }'),
      })
      .max(MAX_BURN_RATE_RULES, atMostItems(MAX_BURN_RATE_RULES, 'rules'))
      .optional(),
  }),
);

export type RawBurnRateRule = z.infer<ReturnType<typeof rawBurnRateRuleSchema>>;
