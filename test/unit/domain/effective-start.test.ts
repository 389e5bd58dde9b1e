/**
 * A commitment created mid-period is judged on the part of the period it existed for: the seed's
 * 100 leads a month, created on Friday Nov 27 2026 at 10:00 New York (the day after the
 * Thanksgiving holiday), has 18 of November's 200 business hours left (8 that Friday, 10 on
 * Monday the 30th), so its first month's target is 9 leads.
 */

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closePeriod } from '../../../shared/domain/close.js';
import { parseConfigText } from '../../../shared/domain/config-text.js';
import {
  effectiveInstant,
  judgedSpan,
  planEffect,
  proratedTarget,
} from '../../../shared/domain/effective-start.js';
import { evaluate } from '../../../shared/domain/evaluate.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { availability, conversion, leads, ny, ZONE } from './judging-fixtures.js';

const november = periodFromKey('2026-11', ZONE);
const created = ny('2026-11-27T10:00');
const leadsIn = (sum: number) => ({ measure: 'total' as const, sum, count: sum });

describe('effectiveInstant', () => {
  const at = (setting?: string) => effectiveInstant({ kind: 'month', zone: ZONE, setting, now: created });

  it('is the moment of creation when the configuration does not say', () => {
    expect(at()).toBe(created);
  });

  it("is the start of the next period for 'next-period'", () => {
    expect(at('next-period')).toBe(ny('2026-12-01T00:00'));
  });

  it("is a date's local midnight in the commitment's zone", () => {
    expect(at('2026-12-07')).toBe(ny('2026-12-07T00:00'));
  });

  it('may be earlier in the running period (the agreement held before it was entered)', () => {
    expect(at('2026-11-16')).toBe(ny('2026-11-16T00:00'));
  });

  it('is never before the running period: older dates mean its start', () => {
    expect(at('2026-06-01')).toBe(ny('2026-11-01T00:00'));
  });
});

describe('judgedSpan', () => {
  it('weighs what is left by business time under business pacing (18 of 200 hours)', () => {
    const judged = judgedSpan(leads, november, created);
    expect(judged.share).toBeCloseTo(18 / 200, 12);
    expect(judged.span).toEqual({ ...november, start: created });
    expect(judged.proratedFrom).toBe(created);
  });

  it('weighs it by wall time under calendar pacing', () => {
    const judged = judgedSpan({ ...leads, pacing: 'calendar' }, november, created);
    expect(judged.share).toBeCloseTo((november.end - created) / (november.end - november.start), 12);
  });

  it('is the whole period when no paced time had passed yet (Monday 07:30, business pacing)', () => {
    expect(judgedSpan(leads, november, ny('2026-11-02T07:30'))).toEqual({ span: november, share: 1 });
  });

  it('is the whole period when the commitment took effect at or before its start', () => {
    expect(judgedSpan(leads, november, november.start)).toEqual({ span: november, share: 1 });
    expect(judgedSpan(leads, november, undefined)).toEqual({ span: november, share: 1 });
  });
});

describe('evaluate a period the commitment started in', () => {
  it('holds a total to the prorated target and paces it from the moment it took effect', () => {
    const e = evaluate({
      definition: leads,
      period: november,
      aggregate: leadsIn(0),
      excusals: [],
      at: ny('2026-11-27T11:00'),
      effectiveFrom: created,
    });
    expect(e.target).toBeCloseTo(9, 9);
    expect(e.elapsed).toBeCloseTo(1 / 18, 9);
    expect(e.expected).toBeCloseTo(0.5, 9);
    expect(e.status).toBe('on_track');
    expect(e.proratedFrom).toBe('2026-11-27T15:00:00Z');
    expect(e.proration).toEqual({ localDate: '2026-11-27', share: expect.closeTo(0.09, 9), fullTarget: 100 });
  });

  it('without the effective instant the same commitment would be judged on the whole month', () => {
    const e = evaluate({
      definition: leads,
      period: november,
      aggregate: leadsIn(0),
      excusals: [],
      at: ny('2026-11-27T11:00'),
    });
    expect(e.target).toBe(100);
    expect(e.status).toBe('at_risk');
    expect(e.proratedFrom).toBeUndefined();
  });

  it('keeps an objective as it is and starts its availability window at the effect', () => {
    const e = evaluate({
      definition: availability,
      period: november,
      // Down all of Nov 2 (before it existed) and for 54 minutes on the 30th.
      aggregate: {
        measure: 'availability',
        outages: [
          { incident: 'old', down: ny('2026-11-02T08:00'), up: ny('2026-11-02T18:00') },
          { incident: 'new', down: ny('2026-11-30T09:00'), up: ny('2026-11-30T09:54') },
        ],
      },
      excusals: [],
      at: ny('2026-11-30T12:00'),
      effectiveFrom: created,
    });
    expect(e.target).toBe(0.995);
    // 12 window hours so far (8 on Friday, 4 on Monday), 54 minutes of them down.
    expect(e.actual).toBeCloseTo(1 - 54 / (12 * 60), 9);
    // Allowed downtime: 0.5% of the 18 window hours left in November.
    expect(e.budget?.allowed).toBeCloseTo(0.005 * 18 * 60, 9);
    expect(e.proration?.fullTarget).toBeUndefined();
  });

  it('says when a period lies wholly before the commitment takes effect', () => {
    const e = evaluate({
      definition: conversion,
      period: november,
      aggregate: { measure: 'ratio', good: 0, total: 0 },
      excusals: [],
      at: created,
      effectiveFrom: ny('2026-12-01T00:00'),
    });
    expect(e).toMatchObject({
      status: 'no_data',
      elapsed: 0,
      attainment: null,
      notInEffectUntil: '2026-12-01T05:00:00Z',
      proration: { localDate: '2026-12-01', share: 0 },
    });
    expect(e.proratedFrom).toBeUndefined();
  });
});

describe('closing the first period', () => {
  const close = (sum: number, effectiveFrom?: number) =>
    closePeriod({
      definition: leads,
      version: 1,
      period: november,
      aggregate: leadsIn(sum),
      excusals: [],
      closedAt: ny('2026-12-01T01:00'),
      effectiveFrom,
    });

  it('judges on the prorated target: 8 of 9 leads owes the first tier, not the deepest', () => {
    const result = close(8, created);
    expect(result).toMatchObject({ status: 'breached', credit: 5 });
    expect(result.target).toBeCloseTo(9, 9);
    expect(result.attainment).toBeCloseTo(8 / 9, 9);
    expect(close(8).credit).toBe(15);
  });

  it('is met when the four days delivered their share', () => {
    expect(close(9, created)).toMatchObject({ status: 'met', credit: 0 });
  });
});

describe('proration properties', () => {
  const inNovember = fc.integer({ min: november.start - 86_400_000, max: november.end - 1 });
  const pacing = fc.constantFrom('business' as const, 'calendar' as const);

  it('never exceeds the full target, and equals it when effective at the period start', () => {
    fc.assert(
      fc.property(inNovember, pacing, fc.integer({ min: 1, max: 10_000 }), (at, p, target) => {
        const definition = { ...leads, pacing: p, target };
        const judged = judgedSpan(definition, november, at);
        const prorated = proratedTarget(target, judged.share);
        expect(prorated).toBeLessThanOrEqual(target);
        expect(prorated).toBeGreaterThanOrEqual(0);
        if (at <= november.start) expect(prorated).toBe(target);
      }),
    );
  });

  it('shrinks, never grows, the later the commitment takes effect', () => {
    fc.assert(
      fc.property(inNovember, inNovember, pacing, (a, b, p) => {
        const definition = { ...leads, pacing: p };
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(judgedSpan(definition, november, late).share).toBeLessThanOrEqual(
          judgedSpan(definition, november, early).share + 1e-12,
        );
      }),
    );
  });
});

describe('planEffect', () => {
  it('says a commitment created mid-period is prorated from its local date', () => {
    expect(planEffect(leads, created)).toEqual({
      at: '2026-11-27T15:00:00Z',
      localDate: '2026-11-27',
      prorated: true,
    });
    expect(planEffect(leads, ny('2026-12-01T00:00')).prorated).toBe(false);
  });
});

describe('effectiveFrom in the configuration', () => {
  const example = readFileSync(new URL('../../../examples/commitments.yaml', import.meta.url), 'utf8');

  it('reads an unquoted date and next-period as written', () => {
    const text = example
      .replace(/(\n {4}measure: total )/, '\n    effectiveFrom: 2026-12-01$1')
      .replace(/(\n {4}measure: duration\n)/, '\n    effectiveFrom: next-period$1');
    const config = parseConfigText(text);
    const [first, second] = config.commitments;
    expect(first?.effectiveFrom).toBe('2026-12-01');
    expect(second?.effectiveFrom).toBe('next-period');
  });
});
