import { HolidaySourceError, type HolidaySources } from '../../ports/holiday-sources.js';
import { countryHolidays } from './country-holidays.js';
import { icsHolidays } from './ics-holidays.js';

/**
 * Holiday sources for one apply: country data from the bundle, .ics files from `readFile`
 * (files beside the YAML for the CLI and the local runtime, the files of the upload for the API),
 * which answers undefined for a file it does not have.
 */
export function createHolidaySources(readFile: (path: string) => string | undefined): HolidaySources {
  return {
    country: countryHolidays,
    async ics(path, years) {
      const text = readFile(path);
      if (text === undefined) {
        throw new HolidaySourceError(
          `${path} was not found beside the commitments file (\`sla apply\` and \`sla validate\` read it from there)`,
          'ics',
        );
      }
      return icsHolidays(text, years, path);
    },
  };
}
