/**
 * Every renderer people read, driven with random commitments and values: no number shows more
 * than two decimals (nor in exponent notation), and no percentage reaches 1,000%.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyCsv } from '../../../cli/render/csv.js';
import { renderHistoryTable, renderStatusDetail, renderStatusTable } from '../../../cli/render/status.js';
import { burnWords } from '../../../shared/app/alert-notes.js';
import { digestFormat } from '../../../shared/app/digest.js';
import { buildDigest } from '../../../shared/app/digest-rendering.js';
import { notificationText } from '../../../shared/app/notification-text.js';
import type { ClosedPeriodResult } from '../../../shared/domain/close.js';
import type { NotificationIntent } from '../../../shared/domain/escalation.js';
import type { Evaluation } from '../../../shared/domain/evaluate.js';
import { budgetOutlookWords } from '../../../shared/presentation/budget-outlook-words.js';
import { statusLine } from '../../../shared/presentation/status-line.js';
import { alertMessage } from '../../../shared/slack/alert-message.js';
import { statusDetailMessage } from '../../../shared/slack/status-blocks.js';
import { definition, input, ny, ZONE } from '../digest/digest-fixtures.js';
import { DEPARTMENTS, leadsNotification } from '../slack/fixtures.js';

const MEASURES = ['total', 'ratio', 'duration', 'availability'] as const;
const STATUSES = ['on_track', 'at_risk', 'breached', 'met', 'no_data'] as const;
const KINDS = ['at_risk', 'escalated', 'recovered', 'breached', 'met'] as const;

const float = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
/** Values from the awkward corners: thirds, float dust, tiny and huge. */
const awkward = fc.oneof(
  float(0, 2),
  float(0, 1e6),
  fc.integer({ min: 0, max: 500 }).map((n) => n / 3),
  fc.constantFrom(
    0.1 + 0.2,
    60.00000000000006,
    61.00424916666667,
    0.5294117647058824,
    1e-7,
    0.999999,
    13.3333,
  ),
);
const share = fc.oneof(
  float(0, 1),
  fc.constantFrom(0.995, 0.9996, 0.99999, 1 / 0.995, 0.5294117647058824, 1e-7),
);

const evaluationArb: fc.Arbitrary<Evaluation> = fc
  .record({
    measure: fc.constantFrom(...MEASURES),
    status: fc.constantFrom(...STATUSES),
    actual: awkward,
    target: fc.oneof(float(0.01, 1e6), fc.constantFrom(86.66666666666667, 0.2, 100)),
    share,
    objective: fc.constantFrom(0.95, 0.995, 0.9995, 0.2, 1),
    expected: awkward,
    projected: fc.option(awkward),
    attainment: fc.option(fc.oneof(float(0, 2), float(0, 200))),
    elapsed: float(0, 1),
    unit: fc.constantFrom('leads', '%', 'USD', 'incidents', ''),
    budget: fc.option(
      fc.record({
        allowed: awkward,
        used: fc.oneof(awkward, fc.integer({ min: 0, max: 900 })),
        burnRate: float(0, 100),
      }),
    ),
    decimal: fc.boolean(),
    final: fc.boolean(),
    excused: fc.option(share),
  })
  .map((r) => {
    const total = r.measure === 'total';
    const e: Evaluation = {
      commitmentId: 'c-1',
      period: '2026-11',
      measure: r.measure,
      status: r.status,
      actual: total ? r.actual : r.share,
      target: total ? r.target : r.objective,
      expected: total ? r.expected : r.objective,
      projected: total ? r.projected : r.share,
      attainment: r.attainment,
      elapsed: r.elapsed,
      unit: r.unit,
      evaluatedAt: '2026-11-18T15:00:00Z',
    };
    if (total && r.decimal) e.values = 'decimal';
    if (!total && r.budget) e.budget = { ...r.budget, remaining: r.budget.allowed - r.budget.used };
    if (r.final) e.final = true;
    if (r.excused !== null) e.excused = { share: r.excused, windows: 1, causedBy: ['sales'] };
    return e;
  });

function problems(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\d+\.\d{3,}/g)) found.push(`more than two decimals: ${m[0]}`);
  for (const m of text.matchAll(/\d(?:\.\d+)?e[+-]?\d+/g)) found.push(`exponent: ${m[0]}`);
  // A number written with thousands separators (1,250) or without; CSV commas are not separators.
  for (const m of text.matchAll(/(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%/g)) {
    const value = Number((m[1] ?? '').replace(/,/g, ''));
    if (Math.abs(value) >= 1000) found.push(`percentage of 1,000% or more: ${m[0]}`);
  }
  return found;
}

function closedOf(e: Evaluation, credit: number): ClosedPeriodResult {
  const status = e.status === 'met' || e.status === 'no_data' ? e.status : 'breached';
  return {
    commitmentId: e.commitmentId,
    period: '2026-10',
    version: 1,
    status,
    actual: e.actual,
    target: e.target,
    attainment: e.attainment,
    credit,
    creditUnit: 'USD',
    closedAt: '2026-11-01T00:05:00Z',
    evaluation: { ...e, period: '2026-10', status, final: true },
  };
}

function everythingPeopleRead(e: Evaluation, credit: number): string[] {
  const item = { evaluation: e, title: 'Qualified leads', provider: 'marketing', consumer: 'sales' };
  const texts = [
    statusLine({ evaluation: e, title: 'Qualified leads', providerName: 'Marketing', consumerName: 'Sales' }),
    JSON.stringify(statusDetailMessage({ item, departments: DEPARTMENTS })),
    renderStatusTable([{ ...e, title: 'Qualified leads', provider: 'marketing', consumer: 'sales' }]),
    renderStatusDetail(e),
    renderHistoryTable([closedOf(e, credit)]),
    historyCsv([closedOf(e, credit)], e),
  ];
  for (const kind of KINDS) {
    const intent = { kind, level: 1 } as NotificationIntent;
    const text = notificationText({
      intent,
      evaluation: e,
      title: 'Qualified leads',
      provider: 'marketing',
      consumer: 'sales',
      departments: DEPARTMENTS,
    });
    texts.push(text, JSON.stringify(alertMessage(leadsNotification({ evaluation: e, text }), DEPARTMENTS)));
  }
  const def = definition('c-1', 'marketing', 'sales', {
    measure: e.measure,
    ...(e.measure === 'total' ? { target: e.target } : { objective: e.target }),
  });
  const digest = buildDigest(
    {
      week: '2026-W47',
      zone: ZONE,
      generatedAt: ny('2026-11-23T08:00'),
      asOf: ny('2026-11-23T08:00'),
      sendsAt: ny('2026-11-23T08:00'),
      departments: DEPARTMENTS,
      commitments: [input(def, e, { lastClosed: closedOf(e, credit) })],
      ledger: [{ department: 'marketing', commitmentId: 'c-1', periodKey: '2026-10', credit }],
      creditUnit: 'USD',
    },
    digestFormat,
  );
  texts.push(digest.text, JSON.stringify(digest.messages));
  return texts;
}

describe('numbers people read', () => {
  it('never show more than two decimals, exponents, or 1,000% and more, in any renderer', () => {
    fc.assert(
      fc.property(evaluationArb, awkward, (e, credit) => {
        for (const text of everythingPeopleRead(e, credit)) expect(problems(text)).toEqual([]);
      }),
      { numRuns: 150 },
    );
    // Each run renders the digest too (about 30 ms), so the default five seconds is too tight.
  }, 60_000);

  it('never show them in the notes an alert adds (burn rates, when the budget runs out)', () => {
    const rate = fc.double({ min: 0, max: 1e7, noNaN: true });
    const window = fc.record({ total: fc.nat(), bad: fc.nat(), rate });
    fc.assert(
      fc.property(
        window,
        window,
        rate,
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        (long, short, r, ms) => {
          const rule = { long: '6h', short: '30m', longMs: 6 * 3_600_000, shortMs: 30 * 60_000, rate: r };
          const texts = [
            burnWords({ rule, long, short, level: 1 }),
            budgetOutlookWords({ kind: 'runs_out', ms, business: true, dayMs: 9 * 3_600_000 }),
          ];
          for (const text of texts) expect(problems(text)).toEqual([]);
        },
      ),
    );
  });

  it('catches what it is meant to catch', () => {
    expect(problems('error budget 1333.33% used')).toHaveLength(1);
    expect(problems('61.00424916666667 minutes')).toHaveLength(1);
    expect(problems('1,250.5 leads · 99.5% · 12×')).toEqual([]);
    expect(problems('attainment 1,250%')).toHaveLength(1);
  });
});
