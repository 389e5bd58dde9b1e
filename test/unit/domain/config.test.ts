import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCommitment, parseConfig } from '../../../shared/domain/config.js';
import { parseConfigText } from '../../../shared/domain/config-text.js';
import type { CommitmentDefinition, SlaConfig } from '../../../shared/domain/model.js';
import { ValidationError } from '../../../shared/domain/validation-error.js';

const exampleText = readFileSync(new URL('../../../examples/commitments.yaml', import.meta.url), 'utf8');

function commitment(config: SlaConfig, id: string): CommitmentDefinition {
  const found = config.commitments.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no commitment ${id}`);
  return found;
}

const weekdays = { start: 8 * 60, end: 18 * 60 };

describe('the example file', () => {
  const config = parseConfigText(exampleText);

  it('keeps atRisk.recoverAbove when written, and leaves it out (the default margin) when not', () => {
    const raw = parse(exampleText);
    raw.commitments[0].atRisk.recoverAbove = 0.99;
    expect(commitment(parseConfig(raw), 'marketing-qualified-leads').atRisk).toEqual({
      projectedBelow: 0.95,
      notBefore: 0.2,
      recoverAbove: 0.99,
    });
    expect(commitment(config, 'marketing-qualified-leads').atRisk).not.toHaveProperty('recoverAbove');
  });

  it('parses into three commitments in the company zone', () => {
    expect(config.timezone).toBe('America/New_York');
    expect(config.commitments.map((c) => c.id)).toEqual([
      'marketing-qualified-leads',
      'sales-lead-follow-up',
      'website-availability',
    ]);
  });

  it('derives the marketing target from the funnel: 10000 / 500 / 0.2 = 100 leads', () => {
    const leads = commitment(config, 'marketing-qualified-leads');
    expect(leads.target).toBe(100);
    expect(leads.derivation).toEqual({
      revenue: 10000,
      dealSize: 500,
      closeRate: 0.2,
      exact: 100,
      formula: '10000 / 500 / 0.2 = 100',
    });
    expect(leads).toMatchObject({
      measure: 'total',
      unit: 'leads',
      comparator: 'atLeast',
      pacing: 'business',
      atRisk: { projectedBelow: 0.95, notBefore: 0.2 },
      credits: [
        { below: 1, credit: 5 },
        { below: 0.8, credit: 15 },
      ],
      review: { cadence: 'quarter' },
    });
  });

  it('resolves the business calendar, with its zone, into every commitment that names it', () => {
    const expected = {
      name: 'business',
      zone: 'America/New_York',
      hours: { 1: [weekdays], 2: [weekdays], 3: [weekdays], 4: [weekdays], 5: [weekdays], 6: [], 7: [] },
      holidays: ['2026-11-26', '2026-12-25'],
    };
    expect(config.calendars.business).toEqual(expected);
    for (const c of config.commitments) expect(c.calendar).toEqual(expected);
  });

  it('fills in defaults for what the file leaves out', () => {
    const followUp = commitment(config, 'sales-lead-follow-up');
    expect(followUp).toMatchObject({
      unit: '%',
      timezone: 'America/New_York',
      pacing: 'business',
      comparator: 'atLeast',
      objective: 0.95,
      threshold: '24h',
      thresholdMs: 24 * 3_600_000,
      atRisk: { projectedBelow: 1, notBefore: 0.2 },
      credits: [],
      review: { cadence: 'year' },
    });
    expect(followUp.target).toBeUndefined();
    expect(config.evaluateEveryMinutes).toBe(15);
    expect(config.digest).toEqual({ weekday: 1, minute: 8 * 60, schedule: 'mon 08:00', to: 'executives' });
  });

  it('copies the default escalation policy into each commitment', () => {
    expect(config.escalation).toEqual([
      { after: '0h', afterMs: 0, notify: ['provider'] },
      { after: '8h', afterMs: 8 * 3_600_000, notify: ['provider.lead', 'consumer'] },
      { after: '24h', afterMs: 24 * 3_600_000, notify: ['executives'] },
    ]);
    expect(commitment(config, 'website-availability').escalation).toEqual(config.escalation);
  });

  it('normalizes departments with empty lists where nothing was given', () => {
    expect(config.departments.executives).toEqual({
      id: 'executives',
      name: 'Executive team',
      slack: { channel: 'C0EXEC', members: [] },
      emails: [],
    });
    expect(config.departments.sales?.slack.members).toEqual(['U0REP1']);
  });

  it('reads the same from JSON text', () => {
    const asJson = JSON.stringify(parse(exampleText));
    expect(parseConfigText(asJson, 'json')).toEqual(config);
    expect(parseConfigText(asJson)).toEqual(config);
  });
});

/** A small config around one commitment, for the cases the example does not show. */
function minimal(extra: Record<string, unknown> = {}, commitmentFields: Record<string, unknown> = {}) {
  return {
    timezone: 'Europe/Berlin',
    departments: { ops: { name: 'Ops' }, finance: { name: 'Finance' } },
    digest: { to: 'finance' },
    commitments: [
      {
        id: 'c',
        title: 'A commitment',
        provider: 'ops',
        consumer: 'finance',
        measure: 'total',
        target: 10,
        ...commitmentFields,
      },
    ],
    ...extra,
  };
}

describe('YAML details', () => {
  it('keeps unquoted dates and times as text', () => {
    const config = parseConfigText(`
timezone: Europe/Berlin
calendars:
  office:
    hours: { mon-thu: 08:00-17:00, fri: 08:00-12:00 }
    holidays: [2026-11-26, 2026-12-24]
departments: { ops: { name: Ops }, finance: { name: Finance } }
digest: { schedule: fri 16:30, to: finance }
commitments: []
`);
    expect(config.calendars.office?.holidays).toEqual(['2026-11-26', '2026-12-24']);
    expect(config.calendars.office?.hours[1]).toEqual([{ start: 480, end: 1020 }]);
    expect(config.calendars.office?.hours[5]).toEqual([{ start: 480, end: 720 }]);
    expect(config.digest).toMatchObject({ weekday: 5, minute: 16 * 60 + 30 });
  });

  it('allows an explicitly empty list of commitments', () => {
    expect(parseConfig(minimal({ commitments: [] })).commitments).toEqual([]);
  });
});

describe('calendars', () => {
  const hoursOf = (hours: Record<string, unknown>, zone?: string) =>
    parseConfig(minimal({ calendars: { c: { hours, ...(zone ? { timezone: zone } : {}) } } })).calendars.c;

  it('takes several spans, lists of spans, single days, day lists, closed days and 24:00', () => {
    const calendar = hoursOf({
      'mon,wed': '09:00-12:00,13:00-17:00',
      tue: ['09:00-12:00', '13:00-17:00'],
      thu: '00:00-24:00',
      fri: '12:00-13:00, 09:00-12:00',
      sat: 'closed',
    });
    const split = [
      { start: 540, end: 720 },
      { start: 780, end: 1020 },
    ];
    expect(calendar?.hours).toEqual({
      1: split,
      2: split,
      3: split,
      4: [{ start: 0, end: 1440 }],
      5: [{ start: 540, end: 780 }],
      6: [],
      7: [],
    });
  });

  it('uses its own zone when it names one, the file zone otherwise', () => {
    expect(hoursOf({ 'mon-fri': '08:00-18:00' }, 'Asia/Kolkata')?.zone).toBe('Asia/Kolkata');
    expect(hoursOf({ 'mon-fri': '08:00-18:00' })?.zone).toBe('Europe/Berlin');
  });
});

describe('commitment defaults and forms', () => {
  const only = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    parseConfig(minimal(extra, fields)).commitments[0] as CommitmentDefinition;

  it('paces on the calendar clock when no calendar is named', () => {
    expect(only({})).toMatchObject({
      pacing: 'calendar',
      unit: 'units',
      period: 'month',
      timezone: 'Europe/Berlin',
    });
    expect(only({}).calendar).toBeUndefined();
  });

  it('rounds a derived target up to whole units and shows the sum', () => {
    const c = only({ target: { derive: { revenue: 10000, dealSize: 500, closeRate: 0.3 } } });
    expect(c.target).toBe(67);
    expect(c.derivation?.formula).toBe('10000 / 500 / 0.3 = 66.67, rounded up to 67');
  });

  it('takes an atMost total with credits above the cap, sorted from mildest', () => {
    const c = only({
      comparator: 'atMost',
      credits: [
        { above: 1.5, credit: 20 },
        { above: 1.1, credit: 5 },
      ],
    });
    expect(c.comparator).toBe('atMost');
    expect(c.credits).toEqual([
      { above: 1.1, credit: 5 },
      { above: 1.5, credit: 20 },
    ]);
  });

  it('takes a review with a baseline, and an escalation override', () => {
    const c = only({
      review: { cadence: 'half', baseline: '2026-01-01' },
      escalation: [
        { after: 'PT4H', notify: ['ops.lead'] },
        { after: '1d', notify: ['finance', 'finance'] },
      ],
    });
    expect(c.review).toEqual({ cadence: 'half', baseline: '2026-01-01' });
    expect(c.escalation).toEqual([
      { after: 'PT4H', afterMs: 4 * 3_600_000, notify: ['ops.lead'] },
      { after: '1d', afterMs: 24 * 3_600_000, notify: ['finance'] },
    ]);
  });

  it('uses a default escalation when the file has none', () => {
    expect(only({}).escalation).toEqual([
      { after: '0h', afterMs: 0, notify: ['provider'] },
      { after: '8h', afterMs: 8 * 3_600_000, notify: ['provider.lead', 'consumer'] },
    ]);
  });

  it('reads the evaluation interval', () => {
    expect(parseConfig(minimal({ evaluation: { every: '5m' } })).evaluateEveryMinutes).toBe(5);
    expect(parseConfig(minimal({ evaluation: { every: '2h' } })).evaluateEveryMinutes).toBe(120);
    expect(parseConfig(minimal({ evaluation: { every: '24h' } })).evaluateEveryMinutes).toBe(1440);
  });
});

describe('parseCommitment (PUT /v1/commitments/{id})', () => {
  const config = parseConfigText(exampleText);
  const context = {
    timezone: config.timezone,
    calendars: config.calendars,
    departments: config.departments,
    escalation: config.escalation,
  };

  it('normalizes one commitment against the applied file', () => {
    const definition = parseCommitment(
      {
        id: 'lead-to-opportunity',
        title: '20% of qualified leads become opportunities',
        provider: 'sales',
        consumer: 'marketing',
        measure: 'ratio',
        objective: 0.2,
        calendar: 'business',
        period: 'quarter',
      },
      context,
    );
    expect(definition).toMatchObject({
      measure: 'ratio',
      objective: 0.2,
      period: 'quarter',
      pacing: 'business',
      calendar: config.calendars.business,
      escalation: config.escalation,
    });
  });

  it('reports problems with paths relative to the commitment', () => {
    const attempt = () =>
      parseCommitment(
        { id: 'x', title: 'X', provider: 'sales', consumer: 'legal', measure: 'ratio' },
        context,
      );
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([
        { path: 'consumer', message: "unknown department 'legal'; known: marketing, sales, it, executives" },
        {
          path: 'objective',
          message: 'is required for measure ratio: the share to achieve, between 0 and 1 (0.95 = 95%)',
        },
      ]);
    }
  });
});
