import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countryHolidays } from '../../../shared/adapters/holidays/country-holidays.js';
import { createHolidaySources } from '../../../shared/adapters/holidays/holiday-sources.js';
import { icsHolidays } from '../../../shared/adapters/holidays/ics-holidays.js';
import { HolidaySourceError } from '../../../shared/ports/holiday-sources.js';

const ICS = readFileSync(resolve(import.meta.dirname, '../../fixtures/company-holidays.ics'), 'utf8');
const dates = (holidays: Array<{ date: string }>) => holidays.map((h) => h.date);

describe('country holidays (date-holidays)', () => {
  it('New York 2026: public holidays, Thanksgiving included, no made-up day, no observances', async () => {
    const holidays = await countryHolidays({ country: 'US', region: 'NY' }, [2026]);
    expect(holidays).toContainEqual({ date: '2026-11-26', name: 'Thanksgiving Day' });
    expect(dates(holidays)).toContain('2026-12-25');
    expect(dates(holidays)).toContain('2026-07-03'); // Independence Day observed on the Friday
    expect(dates(holidays)).not.toContain('2026-11-18');
    expect(dates(holidays)).not.toContain('2026-02-14'); // Valentine's Day is an observance
    expect(holidays.every((h) => h.date.startsWith('2026-'))).toBe(true);
  });

  it('takes the types asked for, and lower-case codes', async () => {
    const withObservances = await countryHolidays({ country: 'us', types: ['public', 'observance'] }, [2026]);
    expect(dates(withObservances)).toContain('2026-02-14');
  });

  it('names an unknown country or region, with the regions there are', async () => {
    await expect(countryHolidays({ country: 'XX' }, [2026])).rejects.toMatchObject({
      field: 'country',
      message: expect.stringContaining("no holiday data for country 'XX'"),
    });
    const region = countryHolidays({ country: 'US', region: 'ZZ' }, [2026]);
    await expect(region).rejects.toBeInstanceOf(HolidaySourceError);
    await expect(region).rejects.toMatchObject({
      field: 'region',
      message: expect.stringMatching(/^no region 'ZZ' in US; choose one of .*\bNY\b/),
    });
  });
});

describe('iCalendar holidays (ical.js)', () => {
  it('a yearly recurring holiday resolves in each year asked for', async () => {
    const holidays = await icsHolidays(ICS, [2026, 2027], 'company-holidays.ics');
    const founders = holidays.filter((h) => h.name === "Founders' Day");
    expect(dates(founders)).toEqual(['2026-06-15', '2027-06-15']);
  });

  it('a multi-day all-day event closes each of its days (the end date is exclusive)', async () => {
    const holidays = await icsHolidays(ICS, [2026], 'company-holidays.ics');
    expect(dates(holidays.filter((h) => h.name === 'Year-end shutdown'))).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
    ]);
  });

  it('a file that is not iCalendar, or that is missing, is named', async () => {
    await expect(icsHolidays('BEGIN:VCALENDAR\nnonsense', [2026], 'bad.ics')).rejects.toMatchObject({
      field: 'ics',
      message: expect.stringContaining('bad.ics is not a valid iCalendar file'),
    });
    const sources = createHolidaySources(() => undefined);
    await expect(sources.ics('gone.ics', [2026])).rejects.toMatchObject({
      field: 'ics',
      message: expect.stringContaining('gone.ics was not found beside the commitments file'),
    });
  });
});
