/**
 * A catalogue of broken configurations: each is the example file with one thing wrong, and each
 * must be refused with the path of that thing and a message saying what to fix.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../../shared/domain/config.js';
import { parseConfigText } from '../../../shared/domain/config-text.js';
import { type FieldIssue, ValidationError } from '../../../shared/domain/validation-error.js';

const exampleText = readFileSync(new URL('../../../examples/commitments.yaml', import.meta.url), 'utf8');

type Raw = any;

function issuesOf(run: () => unknown): FieldIssue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

function brokenExample(mutate: (config: Raw) => void): FieldIssue[] {
  const config = parse(exampleText);
  mutate(config);
  return issuesOf(() => parseConfig(config));
}

const cases: Array<[string, (c: Raw) => void, string, string]> = [
  [
    'a close rate of 0',
    (c) => {
      c.commitments[0].target.derive.closeRate = 0;
    },
    'commitments[0].target.derive.closeRate',
    'must be > 0',
  ],
  [
    'a close rate above 1',
    (c) => {
      c.commitments[0].target.derive.closeRate = 20;
    },
    'commitments[0].target.derive.closeRate',
    'must be <= 1',
  ],
  [
    'an unknown provider',
    (c) => {
      c.commitments[0].provider = 'markting';
    },
    'commitments[0].provider',
    "unknown department 'markting' (did you mean 'marketing'?); known: marketing, sales, it, executives",
  ],
  [
    'the same department on both sides',
    (c) => {
      c.commitments[1].consumer = 'sales';
    },
    'commitments[1].consumer',
    "must differ from provider 'sales'",
  ],
  [
    'an unknown calendar',
    (c) => {
      c.commitments[1].calendar = 'bussiness';
    },
    'commitments[1].calendar',
    "unknown calendar 'bussiness' (did you mean 'business'?); known: business",
  ],
  [
    'business pacing without a calendar',
    (c) => {
      delete c.commitments[0].calendar;
    },
    'commitments[0].pacing',
    'business pacing needs a calendar',
  ],
  [
    'a duplicate id',
    (c) => {
      c.commitments[2].id = 'marketing-qualified-leads';
    },
    'commitments[2].id',
    "duplicate id 'marketing-qualified-leads': commitments[0] and commitments[2] both use it",
  ],
  [
    'an id that is not a slug',
    (c) => {
      c.commitments[1].id = 'Sales Follow-up';
    },
    'commitments[1].id',
    "must be a lowercase id like 'marketing-qualified-leads'",
  ],
  [
    'an objective of 1.5',
    (c) => {
      c.commitments[2].objective = 1.5;
    },
    'commitments[2].objective',
    'must be <= 1 (a share: write 0.995 for 99.5%)',
  ],
  [
    'an objective written as a percentage',
    (c) => {
      c.commitments[2].objective = '99.5%';
    },
    'commitments[2].objective',
    "must be a number between 0 and 1, such as 0.995 for 99.5%, got '99.5%'",
  ],
  [
    'a duration without a threshold',
    (c) => {
      delete c.commitments[1].threshold;
    },
    'commitments[1].threshold',
    'is required for measure duration',
  ],
  [
    'a threshold on a total',
    (c) => {
      c.commitments[0].threshold = '8h';
    },
    'commitments[0].threshold',
    'only duration commitments have a threshold',
  ],
  [
    'a target on a ratio',
    (c) => {
      c.commitments[2].measure = 'ratio';
      c.commitments[2].target = 10;
    },
    'commitments[2].target',
    'only total commitments have a target',
  ],
  [
    'an objective on a total',
    (c) => {
      c.commitments[0].objective = 0.9;
    },
    'commitments[0].objective',
    'only ratio, duration and availability commitments have an objective',
  ],
  [
    'a missing objective',
    (c) => {
      delete c.commitments[2].objective;
    },
    'commitments[2].objective',
    'is required for measure availability',
  ],
  [
    'a negative target',
    (c) => {
      c.commitments[0].target = -100;
    },
    'commitments[0].target',
    'must be > 0',
  ],
  [
    'a missing target',
    (c) => {
      delete c.commitments[0].target;
    },
    'commitments[0].target',
    'is required for measure total',
  ],
  [
    'a target that is neither a number nor a derivation',
    (c) => {
      c.commitments[0].target = 'lots';
    },
    'commitments[0].target',
    "must be a positive number or { derive: { revenue, dealSize, closeRate } }, got 'lots'",
  ],
  [
    'a comparator on an availability',
    (c) => {
      c.commitments[2].comparator = 'atMost';
    },
    'commitments[2].comparator',
    'only total commitments have a comparator',
  ],
  [
    'a bad time zone',
    (c) => {
      c.timezone = 'America/NewYork';
    },
    'timezone',
    "unknown time zone 'America/NewYork'; did you mean 'America/New_York'?",
  ],
  [
    'a bad commitment time zone',
    (c) => {
      c.commitments[2].timezone = 'Mars/Olympus';
    },
    'commitments[2].timezone',
    "unknown time zone 'Mars/Olympus'",
  ],
  [
    'a holiday that does not exist',
    (c) => {
      c.calendars.business.holidays = ['2026-11-26', '2026-02-30'];
    },
    'calendars.business.holidays[1]',
    "must be a real date written YYYY-MM-DD, got '2026-02-30'",
  ],
  [
    'overlapping spans',
    (c) => {
      c.calendars.business.hours = { 'mon-fri': '08:00-12:30,12:00-18:00' };
    },
    'calendars.business.hours.mon-fri',
    'spans 08:00-12:30 and 12:00-18:00 overlap',
  ],
  [
    'a span that ends before it starts',
    (c) => {
      c.calendars.business.hours = { 'mon-fri': '18:00-08:00' };
    },
    'calendars.business.hours.mon-fri',
    "'18:00-08:00' does not end after it starts",
  ],
  [
    'a time that does not exist',
    (c) => {
      c.calendars.business.hours = { 'mon-fri': '08:00-25:00' };
    },
    'calendars.business.hours.mon-fri',
    'has a time that does not exist',
  ],
  [
    'a misspelt weekday',
    (c) => {
      c.calendars.business.hours = { 'mon-fir': '08:00-18:00' };
    },
    'calendars.business.hours.mon-fir',
    "unknown weekday 'fir' in 'mon-fir' (did you mean 'fri'?)",
  ],
  [
    'a weekday given twice',
    (c) => {
      c.calendars.business.hours = { 'mon-fri': '08:00-18:00', fri: '08:00-12:00' };
    },
    'calendars.business.hours.fri',
    "fri already has hours from 'mon-fri'",
  ],
  [
    'a calendar that is never open',
    (c) => {
      c.calendars.business.hours = { 'mon-sun': 'closed' };
    },
    'calendars.business.hours',
    'is closed every day of the week',
  ],
  [
    'escalation steps that do not increase',
    (c) => {
      c.escalation[2].after = '8h';
    },
    'escalation[2].after',
    "must be later than the previous step's 8h",
  ],
  [
    'an unknown notify target',
    (c) => {
      c.escalation[2].notify = ['executves'];
    },
    'escalation[2].notify[0]',
    "unknown notify target 'executves' (did you mean 'executives'?)",
  ],
  [
    'an unknown notify target in an override',
    (c) => {
      c.commitments[1].escalation = [{ after: '0h', notify: ['sales.laed'] }];
    },
    'commitments[1].escalation[0].notify[0]',
    "unknown notify target 'sales.laed' (did you mean 'sales.lead'?)",
  ],
  [
    'a duration that cannot be read',
    (c) => {
      c.escalation[1].after = '8 hours';
    },
    'escalation[1].after',
    "'8 hours' is not a duration; write it like 2bd (business days), 1bd4h, 30m, 8h",
  ],
  [
    'an unknown field with a close match',
    (c) => {
      c.commitments[2].objectve = 0.99;
    },
    'commitments[2].objectve',
    "unknown field 'objectve'; did you mean 'objective'?",
  ],
  [
    'an unknown field with nothing close',
    (c) => {
      c.departments.it.budget = 5;
    },
    'departments.it.budget',
    "unknown field 'budget'; allowed: name, slack, emails",
  ],
  [
    'an unknown top-level section',
    (c) => {
      c.calendar = c.calendars;
    },
    'calendar',
    "unknown field 'calendar'; did you mean 'calendars'?",
  ],
  [
    'a number where a period name belongs',
    (c) => {
      c.commitments[0].period = 1;
    },
    'commitments[0].period',
    'must be one of week, month, quarter; got 1',
  ],
  [
    'a misspelt measure',
    (c) => {
      c.commitments[0].measure = 'totl';
    },
    'commitments[0].measure',
    "must be one of total, ratio, duration, availability; got 'totl' (did you mean 'total'?)",
  ],
  [
    'text where a list belongs',
    (c) => {
      c.escalation[0].notify = 'provider';
    },
    'escalation[0].notify',
    "must be a list such as [provider.lead, consumer], got 'provider'",
  ],
  [
    'an empty title',
    (c) => {
      c.commitments[0].title = '  ';
    },
    'commitments[0].title',
    'must not be empty',
  ],
  [
    'a missing title',
    (c) => {
      delete c.commitments[0].title;
    },
    'commitments[0].title',
    'is required',
  ],
  [
    'a Slack channel name instead of an ID',
    (c) => {
      c.departments.sales.slack.channel = '#sales';
    },
    'departments.sales.slack.channel',
    'must be a Slack channel ID such as C0123ABCD',
  ],
  [
    'a bad email',
    (c) => {
      c.departments.sales.emails = ['sales-at-example.com'];
    },
    'departments.sales.emails[0]',
    "must be an email address, got 'sales-at-example.com'",
  ],
  [
    'a department id with capitals',
    (c) => {
      c.departments.Legal = { name: 'Legal' };
    },
    'departments.Legal',
    "department id 'Legal' must be lowercase",
  ],
  [
    'a digest to an unknown department',
    (c) => {
      c.digest.to = 'execs';
    },
    'digest.to',
    "unknown department 'execs'",
  ],
  [
    'a digest schedule that cannot be read',
    (c) => {
      c.digest.schedule = 'monday at 8';
    },
    'digest.schedule',
    'must be a weekday and a local time such as "mon 08:00"',
  ],
  [
    'no digest and no executives to default to',
    (c) => {
      delete c.digest;
      delete c.departments.executives;
      c.escalation[2].notify = ['sales.lead'];
    },
    'digest.to',
    "is required: there is no 'executives' department to default to",
  ],
  [
    'an evaluation interval shorter than the five-minute tick',
    (c) => {
      c.evaluation = { every: '2m' };
    },
    'evaluation.every',
    'must be from 5m to 24h in steps of 5m that divide a day evenly (5m, 10m, 15m, 20m, 30m, 1h, 2h, 3h, 4h, 6h, 8h, 12h, 24h...), got 2m',
  ],
  [
    'an evaluation interval that is not whole ticks',
    (c) => {
      c.evaluation = { every: '7m' };
    },
    'evaluation.every',
    'must be from 5m to 24h in steps of 5m that divide a day evenly (5m, 10m, 15m, 20m, 30m, 1h, 2h, 3h, 4h, 6h, 8h, 12h, 24h...), got 7m',
  ],
  [
    'an evaluation interval that does not divide a day',
    (c) => {
      c.evaluation = { every: '35m' };
    },
    'evaluation.every',
    'must be from 5m to 24h in steps of 5m that divide a day evenly (5m, 10m, 15m, 20m, 30m, 1h, 2h, 3h, 4h, 6h, 8h, 12h, 24h...), got 35m',
  ],
  [
    'an evaluation interval over a day',
    (c) => {
      c.evaluation = { every: '25h' };
    },
    'evaluation.every',
    'must be from 5m to 24h in steps of 5m that divide a day evenly (5m, 10m, 15m, 20m, 30m, 1h, 2h, 3h, 4h, 6h, 8h, 12h, 24h...), got 25h',
  ],
  [
    'a credit above the cap on an atLeast total',
    (c) => {
      c.commitments[0].credits = [{ above: 1.1, credit: 5 }];
    },
    'commitments[0].credits[0].above',
    'only atMost totals use above',
  ],
  [
    'a negative credit',
    (c) => {
      c.commitments[0].credits[1].credit = -15;
    },
    'commitments[0].credits[1].credit',
    'must be >= 0',
  ],
  [
    'an at-risk share above 1',
    (c) => {
      c.commitments[0].atRisk.projectedBelow = 95;
    },
    'commitments[0].atRisk.projectedBelow',
    'must be <= 1',
  ],
  [
    'a recovery line below the at-risk line',
    (c) => {
      c.commitments[0].atRisk.recoverAbove = 0.9;
    },
    'commitments[0].atRisk.recoverAbove',
    'must be at least atRisk.projectedBelow (0.95), got 0.9',
  ],
  [
    'a recovery line past twice the target',
    (c) => {
      c.commitments[0].atRisk.recoverAbove = 98;
    },
    'commitments[0].atRisk.recoverAbove',
    'must be <= 2 (a share of the target: 0.98 = 98%)',
  ],
  [
    'a misspelt review cadence',
    (c) => {
      c.commitments[0].review = 'quartely';
    },
    'commitments[0].review',
    "got 'quartely' (did you mean 'quarter'?)",
  ],
  [
    'an effectiveFrom that is not a date',
    (c) => {
      c.commitments[0].effectiveFrom = 'tomorrow';
    },
    'commitments[0].effectiveFrom',
    "must be a date written YYYY-MM-DD (the commitment's local midnight) or 'next-period', got 'tomorrow'",
  ],
  [
    'an effectiveFrom on a day that does not exist',
    (c) => {
      c.commitments[1].effectiveFrom = '2026-02-30';
    },
    'commitments[1].effectiveFrom',
    "or 'next-period', got '2026-02-30'",
  ],
  [
    'an effectiveFrom that is a number',
    (c) => {
      c.commitments[2].effectiveFrom = 20261201;
    },
    'commitments[2].effectiveFrom',
    "must be a date written YYYY-MM-DD, or 'next-period', got 20261201",
  ],
  [
    'a target past the largest number kept exactly',
    (c) => {
      c.commitments[0].target = 1e16;
    },
    'commitments[0].target',
    'must be at most 1,000,000,000',
  ],
  [
    'a target so small it would underflow',
    (c) => {
      c.commitments[0].target = 1e-300;
    },
    'commitments[0].target',
    'must be at least 0.000001 in size',
  ],
  [
    'a derived revenue past the limit',
    (c) => {
      c.commitments[0].target.derive.revenue = 1e17;
    },
    'commitments[0].target.derive.revenue',
    'must be at most 1,000,000,000',
  ],
  [
    'a funnel whose quotient is past the limit',
    (c) => {
      c.commitments[0].target.derive = { revenue: 1e9, dealSize: 1, closeRate: 0.5 };
    },
    'commitments[0].target.derive',
    'gives a target of 2,000,000,000; a target must be at most 1,000,000,000',
  ],
  [
    'an objective too fine to mean anything',
    (c) => {
      c.commitments[2].objective = 1e-9;
    },
    'commitments[2].objective',
    'must be at least 0.000001 in size',
  ],
  [
    'an at-risk share that would underflow',
    (c) => {
      c.commitments[0].atRisk.notBefore = 1e-300;
    },
    'commitments[0].atRisk.notBefore',
    'must be 0 or at least 0.000001 in size',
  ],
  [
    'a credit past the limit',
    (c) => {
      c.commitments[0].credits[0].credit = 1e200;
    },
    'commitments[0].credits[0].credit',
    'must be at most 1,000,000,000',
  ],
  [
    'a title of 201 characters',
    (c) => {
      c.commitments[0].title = 't'.repeat(201);
    },
    'commitments[0].title',
    'must be at most 200 characters',
  ],
  [
    'a department name of 101 characters',
    (c) => {
      c.departments.sales.name = 'n'.repeat(101);
    },
    'departments.sales.name',
    'must be at most 100 characters',
  ],
  [
    'a unit of 33 characters',
    (c) => {
      c.commitments[0].unit = 'u'.repeat(33);
    },
    'commitments[0].unit',
    'must be at most 32 characters',
  ],
  [
    'a Slack channel id of 21 characters',
    (c) => {
      c.departments.sales.slack.channel = `C${'0'.repeat(20)}`;
    },
    'departments.sales.slack.channel',
    'must be at most 20 characters',
  ],
  [
    'a time zone of 350,000 characters',
    (c) => {
      c.timezone = 'x'.repeat(350_000);
    },
    'timezone',
    'must be at most 64 characters',
  ],
  [
    'a calendar name of 101 characters',
    (c) => {
      c.calendars['c'.repeat(101)] = c.calendars.business;
    },
    `calendars.${'c'.repeat(101)}`,
    'calendar name must be at most 100 characters',
  ],
  [
    'a day cut into more than 12 spans',
    (c) => {
      // Three entries of five half-hour spans each, every entry short enough on its own.
      const hour = (h: number) => String(h).padStart(2, '0');
      const fiveSpans = (from: number) =>
        [0, 1, 2, 3, 4].map((i) => `${hour(from + i)}:00-${hour(from + i)}:30`).join(',');
      c.calendars.business.hours = { 'mon-fri': [fiveSpans(0), fiveSpans(5), fiveSpans(10)] };
    },
    'calendars.business.hours.mon-fri',
    'has 15 separate spans of hours; a day may have at most 12',
  ],
  [
    'more than 400 holidays',
    (c) => {
      c.calendars.business.holidays = Array.from({ length: 401 }, (_, i) =>
        new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
      );
    },
    'calendars.business.holidays',
    'must have at most 400 holidays',
  ],
  [
    'more than 10 escalation steps',
    (c) => {
      c.escalation = Array.from({ length: 11 }, (_, i) => ({ after: `${i}h`, notify: ['provider'] }));
    },
    'escalation',
    'must have at most 10 steps',
  ],
  [
    'more than 10 credit tiers',
    (c) => {
      c.commitments[0].credits = Array.from({ length: 11 }, (_, i) => ({ below: 1 - i / 20, credit: i }));
    },
    'commitments[0].credits',
    'must have at most 10 tiers',
  ],
  [
    'more than 50 departments',
    (c) => {
      for (let i = 0; i < 47; i++) c.departments[`team-${i}`] = { name: `Team ${i}` };
    },
    'departments',
    'must have at most 50 departments, got 51',
  ],
  [
    'more than 200 commitments',
    (c) => {
      c.commitments = Array.from({ length: 201 }, (_, i) => ({ ...c.commitments[2], id: `site-${i}` }));
    },
    'commitments',
    'must have at most 200 commitments, got 201',
  ],
  [
    'a lone surrogate in a title',
    (c) => {
      c.commitments[0].title = 'Leads \ud800';
    },
    'commitments[0].title',
    'must be well-formed Unicode text',
  ],
  [
    'a lone surrogate in a department id',
    (c) => {
      c.departments['ops-\udc00'] = { name: 'Ops' };
    },
    'departments.ops-\udc00',
    'must be well-formed Unicode text',
  ],
  [
    'no commitments key at all',
    (c) => {
      delete c.commitments;
    },
    'commitments',
    'is required; write `commitments: []` when there are none yet',
  ],
];

describe('broken configurations are refused with the path and what to fix', () => {
  it('has a catalogue of at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('%s', (_name, mutate, path, message) => {
    const issues = brokenExample(mutate);
    expect(issues).toEqual([{ path, message: expect.stringContaining(message) }]);
  });
});

describe('every problem at once', () => {
  it('reports problems in different sections and commitments together', () => {
    const issues = brokenExample((c) => {
      c.timezone = 'Mars/Base';
      c.calendars.business.holidays = ['2026-13-01'];
      c.commitments[0].target.derive.closeRate = 0;
      c.commitments[1].provider = 'x';
      c.commitments[2].objectve = c.commitments[2].objective;
      delete c.commitments[2].objective;
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      'timezone',
      'calendars.business.holidays[0]',
      'commitments[0].target.derive.closeRate',
      'commitments[1].provider',
      'commitments[2].objectve',
      'commitments[2].objective',
    ]);
  });

  it('still checks references in a commitment whose shape is wrong, without repeating itself', () => {
    const issues = brokenExample((c) => {
      c.commitments[0].consumer = 'sails';
      c.commitments[0].target.derive.closeRate = 0;
      c.commitments[0].colour = 'blue';
    });
    expect(issues).toEqual([
      { path: 'commitments[0].target.derive.closeRate', message: 'must be > 0' },
      { path: 'commitments[0].colour', message: expect.stringContaining("unknown field 'colour'") },
      { path: 'commitments[0].consumer', message: expect.stringContaining("unknown department 'sails'") },
    ]);
  });

  it('lists them all in the error message', () => {
    const config = parse(exampleText);
    config.commitments[0].provider = 'markting';
    config.commitments[2].objective = 2;
    expect(() => parseConfig(config)).toThrow(
      [
        '2 problems:',
        "  commitments[0].provider: unknown department 'markting' (did you mean 'marketing'?); known: marketing, sales, it, executives",
        '  commitments[2].objective: must be <= 1 (a share: write 0.995 for 99.5%)',
      ].join('\n'),
    );
  });

  it('carries the code VALIDATION_FAILED', () => {
    expect(() => parseConfig({})).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('does not report a broken department again where it is used', () => {
    const issues = brokenExample((c) => {
      c.departments.sales.slack.lead = 'bob';
    });
    expect(issues).toEqual([
      { path: 'departments.sales.slack.lead', message: expect.stringContaining('Slack user ID') },
    ]);
  });
});

describe('text input', () => {
  it('gives the line and column of a YAML syntax error', () => {
    const issues = issuesOf(() =>
      parseConfigText('timezone: UTC\ndepartments: { ops: { name: Ops }\ncommitments: []\n'),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('');
    expect(issues[0]?.message).toMatch(/^YAML syntax error at line \d+, column \d+: /);
    expect(issues[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses a key given twice', () => {
    const issues = issuesOf(() => parseConfigText('timezone: UTC\ntimezone: Europe/Paris\n'));
    expect(issues).toEqual([{ path: '', message: expect.stringContaining('line 2, column 1'), line: 2 }]);
  });

  it('points at the line of a semantic problem', () => {
    const text = exampleText.replace('objective: 0.95', 'objectve: 0.95');
    const lines = text.split('\n');
    const typo = lines.findIndex((l) => /^\s+objectve:/.test(l)) + 1;
    // A missing field is located at the entry that lacks it.
    const entry = lines.findIndex((l) => l.includes('- id: sales-lead-follow-up')) + 1;
    const issues = issuesOf(() => parseConfigText(text));
    expect(issues).toEqual([
      {
        path: 'commitments[1].objectve',
        message: "unknown field 'objectve'; did you mean 'objective'?",
        line: typo,
      },
      {
        path: 'commitments[1].objective',
        message: expect.stringContaining('is required for measure duration'),
        line: entry,
      },
    ]);
  });

  it('refuses a YAML alias bomb as a problem with the document', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    ].join('\n');
    expect(issuesOf(() => parseConfigText(bomb))).toEqual([
      { path: '', message: expect.stringContaining('excessive alias count') },
    ]);
  });

  it('refuses a text past 256 KB before reading it', () => {
    const text = `${exampleText}\n${'#'.repeat(256 * 1024)}\n`;
    expect(issuesOf(() => parseConfigText(text))).toEqual([
      { path: '', message: expect.stringContaining('must be at most 262,144 bytes (256 KB)') },
    ]);
  });

  it('says so when the JSON cannot be read', () => {
    const issues = issuesOf(() => parseConfigText('{"timezone": "UTC",}', 'json'));
    expect(issues).toEqual([{ path: '', message: expect.stringContaining('not valid JSON') }]);
  });

  it('refuses an empty document and a list at the top', () => {
    expect(issuesOf(() => parseConfigText(''))).toEqual([
      {
        path: '',
        message: 'the configuration is empty; it needs at least timezone, departments and commitments',
      },
    ]);
    expect(issuesOf(() => parseConfigText('- a\n- b\n'))[0]?.message).toContain('got a list');
  });
});
