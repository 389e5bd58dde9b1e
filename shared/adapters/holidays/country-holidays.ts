import type { CountryHolidays } from '../../domain/config-schema.js';
import { HolidaySourceError, type NamedHoliday } from '../../ports/holiday-sources.js';

/**
 * A country's holidays from `date-holidays`, a maintained data set of some 200 countries and their
 * regions. Loaded on first use: only applying a config that names a country needs it.
 */
export async function countryHolidays(
  source: CountryHolidays,
  years: readonly number[],
): Promise<NamedHoliday[]> {
  const { default: Holidays } = await import('date-holidays');
  const country = source.country.toUpperCase();
  const catalogue = new Holidays();
  if (!catalogue.getCountries()[country]) {
    throw new HolidaySourceError(
      `no holiday data for country '${source.country}'; use an ISO 3166-1 code such as US, GB or DE`,
      'country',
    );
  }
  const region = source.region?.toUpperCase();
  if (region !== undefined) {
    const regions = catalogue.getStates(country) ?? {};
    if (!regions[region]) {
      const known = Object.keys(regions);
      throw new HolidaySourceError(
        known.length === 0
          ? `${country} has no regions in the holiday data; leave region out`
          : `no region '${source.region}' in ${country}; choose one of ${known.join(', ')}`,
        'region',
      );
    }
  }
  const data = region === undefined ? new Holidays(country) : new Holidays(country, region);
  const types = new Set<string>(source.types ?? ['public']);
  return years.flatMap((year) =>
    data
      .getHolidays(year)
      .filter((holiday) => types.has(holiday.type))
      .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name })),
  );
}
