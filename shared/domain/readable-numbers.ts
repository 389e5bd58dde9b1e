/**
 * How numbers read wherever a person reads them (Slack, the CLI, the digest, notifications, CSV),
 * and how derived numbers are cleaned of floating-point dust before they leave as JSON.
 *
 * The rule, one for every surface:
 * - Amounts: whole numbers as integers with thousands separators (`1,250`); other values with at
 *   most two decimals, trailing zeros dropped (`62.5`, `0.25`). A value that is not zero never
 *   reads as `0`: it reads `<0.01`.
 * - Whole-valued totals (the default; `values: decimal` opts out) round to whole units, half up,
 *   so a pace of 0.5 lead reads `1`: the nearest count a person could have delivered by now.
 * - Percentages: at most one decimal (`99.5%`), two only where one would put the value on the
 *   wrong side of 0%, 100% or the objective it stands next to (99.96% is never `100%`, 99.46%
 *   against 99.5% is never `99.5%`, 0.04% is never `0%`). From 1,000% on, a multiple (`12×`),
 *   since nobody reads thousands of percent.
 * - JSON keeps full precision, except for dust: derived values round to six decimals, so
 *   60.00000000000006 minutes is 60 and a share keeps a ten-thousandth of a percent.
 */

const LOCALE = 'en-US';

/** Six decimals: far below anything a unit can mean (a microsecond, 0.0001%), far above float dust. */
const JSON_DECIMALS = 6;

/** Decimals kept of a percentage before it is judged, so float dust (0.1 + 0.2) counts as exact. */
const PERCENT_DUST_DECIMALS = 9;

/** Percentages from here on read as a multiple of the whole: `12×` instead of `1,200%`. */
const MULTIPLE_FROM = 1000;

export type ValueKind = 'whole' | 'decimal';

/** What service credits count in when the configuration names no `creditUnit`. */
export const DEFAULT_CREDIT_UNIT = 'credits';

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

function digits(value: number, maxDecimals: number): string {
  return value.toLocaleString(LOCALE, { maximumFractionDigits: maxDecimals, minimumFractionDigits: 0 });
}

/** A derived number for JSON: full precision but without float dust. Non-finite values pass through. */
export function denoise(value: number): number {
  return Number.isFinite(value) ? roundTo(value, JSON_DECIMALS) : value;
}

/** `1,250`, `62.5`, `0.25`, `<0.01`. */
export function formatAmount(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const rounded = roundTo(value, 2);
  if (rounded === 0 && value !== 0) return value > 0 ? '<0.01' : '>-0.01';
  return digits(rounded, 2);
}

/** An amount of a total: whole units (half up) unless its values are decimal. */
export function formatValue(value: number, kind: ValueKind = 'whole'): string {
  if (kind === 'decimal' || !Number.isFinite(value)) return formatAmount(value);
  return digits(wholeOf(value), 0);
}

/** Half up, after float dust is dropped (0.49999999999999994 is a half). */
export function wholeOf(value: number): number {
  const rounded = Math.round(roundTo(value, JSON_DECIMALS));
  return Object.is(rounded, -0) ? 0 : rounded;
}

/**
 * A share (0.995) as a percentage (`99.5%`). `against` is the objective or target share it is read
 * next to: the shown value never lands on its other side.
 */
export function formatPercent(share: number, against?: number): string {
  if (!Number.isFinite(share)) return '—';
  const pct = roundTo(share * 100, PERCENT_DUST_DECIMALS);
  const lines = [0, 100];
  if (against !== undefined && Number.isFinite(against))
    lines.push(roundTo(against * 100, PERCENT_DUST_DECIMALS));
  for (const decimals of [1, 2]) {
    const shown = roundTo(pct, decimals);
    if (!crossesLine(pct, shown, lines)) return percentText(shown, share, decimals);
  }
  // Two decimals still land on a line (99.999% next to 100%): cut toward the true side instead.
  const crossed = lines.find((line) => crossesOne(pct, roundTo(pct, 2), line)) ?? pct;
  const shown = pct < crossed ? Math.floor(pct * 100) / 100 : Math.ceil(pct * 100) / 100;
  return percentText(roundTo(shown, 2), share, 2);
}

/** A rate, or a share of 10 or more, as a multiple with at most one decimal: `12×`, `8.3×`. */
export function formatMultiple(times: number): string {
  if (!Number.isFinite(times)) return '—';
  return `${digits(roundTo(times, 1), 1)}×`;
}

function percentText(shown: number, share: number, decimals: number): string {
  if (Math.abs(shown) >= MULTIPLE_FROM) return formatMultiple(share);
  return `${digits(shown, decimals)}%`;
}

function crossesOne(pct: number, shown: number, line: number): boolean {
  return (pct < line && shown >= line) || (pct > line && shown <= line);
}

function crossesLine(pct: number, shown: number, lines: number[]): boolean {
  return lines.some((line) => crossesOne(pct, shown, line));
}

/** `1 lead`, `3 leads`: the unit as written, in the singular for exactly one. */
export function countWords(count: number, unit: string, text: string = formatAmount(count)): string {
  const noun = text === '1' ? singular(unit) : unit;
  return noun === '' ? text : `${text} ${noun}`;
}

/**
 * The singular of a plural unit people write (`leads`, `minutes of downtime`, `late tickets`,
 * `deliveries`): the first word ending in `s` is made singular, the rest kept.
 */
export function singular(unit: string): string {
  const words = unit.split(' ');
  const index = words.findIndex((w) => /[a-z]s$/i.test(w) && !/ss$/i.test(w));
  if (index < 0) return unit;
  const word = words[index] as string;
  let one = word.slice(0, -1);
  if (/ies$/i.test(word)) one = `${word.slice(0, -3)}y`;
  else if (/(ches|shes|sses|xes)$/i.test(word)) one = word.slice(0, -2);
  words[index] = one;
  return words.join(' ');
}

/** `5 credits`, `1 credit`, `1,500 USD`: a credit in the configured unit. */
export function creditWords(amount: number, unit: string = DEFAULT_CREDIT_UNIT): string {
  return countWords(amount, unit);
}
