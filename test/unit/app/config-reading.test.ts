import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHolidaySources } from '../../../shared/adapters/holidays/holiday-sources.js';
import { readConfigText } from '../../../shared/app/config-reading.js';
import { ValidationError } from '../../../shared/domain/validation-error.js';

const ICS = readFileSync(resolve(import.meta.dirname, '../../fixtures/company-holidays.ics'), 'utf8');
const NOW = Date.parse('2026-11-18T15:00:00Z');
const sources = createHolidaySources((path) => (path === 'company-holidays.ics' ? ICS : undefined));

const config = (holidays: string) => `timezone: America/New_York
calendars:
  business:
    hours: { mon-fri: "08:00-18:00" }
    holidays: ${holidays}
departments:
  marketing: { name: Marketing }
  sales: { name: Sales }
  executives: { name: Executives }
commitments:
  - id: leads
    title: Leads
    provider: marketing
    consumer: sales
    measure: total
    target: 100
    calendar: business
    pacing: business
`;

async function problems(text: string) {
  try {
    await readConfigText(text, 'yaml', { sources, now: NOW });
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('holidays from a country, a file and a list, at apply time', () => {
  it('a country and region become dates for last year to five years ahead', async () => {
    const { config: read, holidays } = await readConfigText(config('{ country: US, region: NY }'), 'yaml', {
      sources,
      now: NOW,
    });
    const dates = read.calendars.business?.holidays ?? [];
    expect(dates).toContain('2026-11-26');
    expect(dates).toContain('2025-11-27');
    expect(dates).toContain('2031-11-27');
    expect(dates).not.toContain('2032-11-25');
    // The commitment's calendar is the resolved one too.
    expect(read.commitments[0]?.calendar?.holidays).toEqual(dates);
    // The plan shows this year and next, named.
    expect(holidays).toHaveLength(1);
    expect(holidays[0]).toMatchObject({ calendar: 'business', source: 'US-NY' });
    expect(holidays[0]?.holidays).toContainEqual({ date: '2026-11-26', name: 'Thanksgiving Day' });
    expect(new Set(holidays[0]?.holidays.map((h) => h.date.slice(0, 4)))).toEqual(new Set(['2026', '2027']));
  });

  it('a list mixes explicit dates, a country and an .ics file', async () => {
    const { config: read, holidays } = await readConfigText(
      config('["2026-11-27", { country: US }, { ics: company-holidays.ics }]'),
      'yaml',
      { sources, now: NOW },
    );
    const dates = read.calendars.business?.holidays ?? [];
    expect(dates).toEqual(expect.arrayContaining(['2026-11-27', '2026-11-26', '2026-06-15', '2027-06-15']));
    expect(holidays.map((h) => h.source)).toEqual(['US', 'company-holidays.ics']);
  });

  it('names the field of a source that cannot be resolved, with its line, beside other problems', async () => {
    const issues = await problems(
      config('[{ country: US, region: ZZ }, { ics: missing.ics }]').replace('target: 100', 'target: -1'),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'calendars.business.holidays[0].region',
          message: expect.stringContaining("no region 'ZZ' in US"),
          line: 5,
        }),
        expect.objectContaining({ path: 'calendars.business.holidays[1].ics', line: 5 }),
        expect.objectContaining({ path: 'commitments[0].target' }),
      ]),
    );
  });

  it('a malformed source is a validation error naming its field as written', async () => {
    const issues = await problems(config('{ country: USA }'));
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'calendars.business.holidays.country',
        message: 'must be a two-letter country code (ISO 3166-1) such as US or DE',
      }),
    ]);
  });
});
