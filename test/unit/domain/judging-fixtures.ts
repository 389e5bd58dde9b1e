/**
 * Shared values for the judging tests: the seed's New York business calendar and commitments.
 */
import { DateTime } from 'luxon';
import type {
  BusinessCalendar,
  CommitmentDefinition,
  Excusal,
  Instant,
} from '../../../shared/domain/model.js';

export const ZONE = 'America/New_York';

/** An instant from local New York wall time (`2026-11-18T10:00`). */
export function ny(local: string): Instant {
  const dt = DateTime.fromISO(local, { zone: ZONE });
  if (!dt.isValid) throw new Error(`bad test date ${local}`);
  return dt.toMillis();
}

const nineToSix = [{ start: 8 * 60, end: 18 * 60 }];

/** Mon–Fri 08:00–18:00 New York, Thanksgiving and Christmas 2026 closed (the example's calendar). */
export const business: BusinessCalendar = {
  name: 'business',
  zone: ZONE,
  hours: { 1: nineToSix, 2: nineToSix, 3: nineToSix, 4: nineToSix, 5: nineToSix, 6: [], 7: [] },
  holidays: ['2026-11-26', '2026-12-25'],
};

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

const base: Omit<CommitmentDefinition, 'id' | 'title' | 'measure' | 'unit'> = {
  provider: 'marketing',
  consumer: 'sales',
  period: 'month',
  timezone: ZONE,
  calendar: business,
  pacing: 'business',
  comparator: 'atLeast',
  atRisk: { projectedBelow: 0.95, notBefore: 0.2 },
  escalation: [],
  credits: [
    { below: 1.0, credit: 5 },
    { below: 0.8, credit: 15 },
  ],
};

/** The seed: 10000 / 500 / 0.2 = 100 qualified leads a month, business pacing. */
export const leads: CommitmentDefinition = {
  ...base,
  id: 'marketing-qualified-leads',
  title: 'Marketing delivers qualified leads to Sales',
  measure: 'total',
  unit: 'leads',
  target: 100,
  derivation: {
    revenue: 10000,
    dealSize: 500,
    closeRate: 0.2,
    exact: 100,
    formula: '10000 / 500 / 0.2 = 100',
  },
};

export const followUp: CommitmentDefinition = {
  ...base,
  id: 'sales-lead-follow-up',
  title: 'Sales contacts every qualified lead within 24 business hours',
  provider: 'sales',
  consumer: 'marketing',
  measure: 'duration',
  unit: 'leads',
  objective: 0.95,
  threshold: '24h',
  thresholdMs: 24 * HOUR,
};

export const availability: CommitmentDefinition = {
  ...base,
  id: 'website-availability',
  title: 'Website available 99.5% in business hours',
  provider: 'it',
  consumer: 'marketing',
  measure: 'availability',
  unit: 'availability',
  objective: 0.995,
};

export const conversion: CommitmentDefinition = {
  ...base,
  id: 'lead-to-opportunity',
  title: 'Sales turns 20% of qualified leads into opportunities',
  provider: 'sales',
  consumer: 'marketing',
  measure: 'ratio',
  unit: 'leads',
  objective: 0.2,
};

export const adSpend: CommitmentDefinition = {
  ...base,
  id: 'marketing-ad-spend',
  title: 'Marketing spends at most $20,000 on ads a month',
  measure: 'total',
  unit: 'USD',
  comparator: 'atMost',
  pacing: 'calendar',
  calendar: undefined,
  target: 20000,
  credits: [
    { above: 1.0, credit: 3 },
    { above: 1.2, credit: 10 },
  ],
};

export function excusal(from: string, to: string, causedBy = 'sales', id = `${from}/${to}`): Excusal {
  return { id, from: ny(from), to: ny(to), causedBy, reason: 'waiting on the other side' };
}
