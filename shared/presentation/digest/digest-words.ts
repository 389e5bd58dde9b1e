/**
 * Words and dates shared by the email text and the Slack messages, so both say the same thing.
 */
import { DateTime } from 'luxon';
import type { DigestFormat } from '../../domain/digest/digest-format.js';
import type {
  DigestCommitment,
  DigestContent,
  ExcusedShortfall,
  PendingExcusal,
  ReviewDue,
  Trend,
} from '../../domain/digest/digest-types.js';
import type { ReviewCadence, Status } from '../../domain/model.js';
import { attainmentWords } from '../../domain/readable-budget.js';
import { creditWords as creditAmountWords } from '../../domain/readable-numbers.js';
import { localTimeWords } from '../local-time-words.js';

const LOCALE = 'en-US';

export const TREND_WORD: Record<Trend, string> = {
  up: 'improving',
  down: 'worsening',
  flat: 'steady',
  new: 'new',
};

const CADENCE_WORD: Record<ReviewCadence, string> = {
  month: 'monthly',
  quarter: 'quarterly',
  half: 'half-yearly',
  year: 'yearly',
};

const date = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).setLocale(LOCALE);

/** `Nov 9 - 15, 2026`, or `Dec 28, 2026 - Jan 3, 2027` across a year. */
export function weekRange(content: Pick<DigestContent, 'weekFrom' | 'weekTo'>): string {
  const from = date(content.weekFrom);
  const to = date(content.weekTo);
  if (from.year !== to.year) return `${from.toFormat('LLL d, yyyy')} - ${to.toFormat('LLL d, yyyy')}`;
  if (from.month !== to.month) return `${from.toFormat('LLL d')} - ${to.toFormat('LLL d, yyyy')}`;
  return `${from.toFormat('LLL d')} - ${to.toFormat('d, yyyy')}`;
}

/** `Mon Nov 16, 2026, 08:00 EST`. */
export function asOfWords(content: Pick<DigestContent, 'asOf' | 'timezone'>): string {
  return localTimeWords(content.asOf, content.timezone);
}

/**
 * Which moment the numbers describe. A sent week shows the state when it went out; a week whose
 * digest is not due yet shows the live state, and says so, so a reader never takes it for final.
 */
export function stateWords(
  content: Pick<DigestContent, 'asOf' | 'asOfNow' | 'sendsAt' | 'timezone'>,
): string {
  if (!content.asOfNow) return `as of ${asOfWords(content)}`;
  const due = asOfWords({ asOf: content.sendsAt, timezone: content.timezone });
  return `as of now (${asOfWords(content)}); this digest has not been sent yet, it goes out ${due}`;
}

/** `October 2026` for a month key; other keys as they are. */
export function periodWords(key: string): string {
  return /^\d{4}-\d{2}$/.test(key)
    ? DateTime.fromISO(`${key}-01`, { zone: 'UTC' }).setLocale(LOCALE).toFormat('LLLL yyyy')
    : key;
}

/** `5 credits`, or in the configured `creditUnit` (`1,500 USD`). */
export function creditWords(credits: number, unit?: string): string {
  return creditAmountWords(credits, unit);
}

export function excusedWords(line: ExcusedShortfall, f: DigestFormat): string {
  const parts = [`${f.percent(line.share)} of ${line.period} excused, caused by ${line.causedByName}`];
  if (line.targetBefore !== undefined && line.targetAfter !== undefined) {
    parts.push(
      `target lowered from ${f.amount(line.targetBefore)} to ${f.amount(line.targetAfter)} ${line.unit}`,
    );
  }
  return parts.join('; ');
}

/**
 * `asked by U0MKTLEAD 3 days ago, blames Sales, for Mon Nov 9, 2026, 00:00 EST to …`: who, how
 * long it has waited, whom it blames and the window, as the request message names it. `who` writes
 * the claimant for the channel (a mention in Slack).
 */
export function pendingExcusalWords(p: PendingExcusal, who: (by: string) => string): string {
  const age =
    p.ageDays === undefined
      ? 'at a time not recorded'
      : p.ageDays === 0
        ? 'today'
        : `${p.ageDays} day${p.ageDays === 1 ? '' : 's'} ago`;
  const by = p.requestedBy === undefined ? 'asked' : `asked by ${who(p.requestedBy)}`;
  return `${by} ${age}, blames ${p.causedByName}, for ${localTimeWords(p.from, p.timezone)} to ${localTimeWords(p.to, p.timezone)}`;
}

export function reviewWords(review: ReviewDue): string {
  const when =
    review.daysLeft < 0
      ? `overdue by ${-review.daysLeft} day${review.daysLeft === -1 ? '' : 's'}`
      : review.daysLeft === 0
        ? 'due today'
        : `in ${review.daysLeft} day${review.daysLeft === 1 ? '' : 's'}`;
  return `${CADENCE_WORD[review.cadence]} review due ${review.dueOn} (${when})`;
}

/** `Attainment 34% · trend over 4 weeks: worsening ▇▆▅▃`, the line under the figures. */
export function progressWords(c: DigestCommitment, f: DigestFormat): string {
  const parts: string[] = [];
  const attainment = attainmentWords(c);
  if (attainment !== undefined) parts.push(`attainment ${attainment}`);
  parts.push(`${trendWords(c)}${c.sparkline ? ` ${c.sparkline}` : ''}`);
  if (c.excused) {
    parts.push(`${f.percent(c.excused.share)} excused (caused by ${c.excused.causedByNames.join(', ')})`);
  }
  return parts.join(' · ');
}

/** The window is named, since the word and the bars both describe it and nothing shorter. */
export function trendWords(c: Pick<DigestCommitment, 'trend' | 'trendWeeks'>): string {
  if (c.trend === 'new') return `trend ${TREND_WORD.new}`;
  return `trend over ${c.trendWeeks} weeks: ${TREND_WORD[c.trend]}`;
}

export function lastClosedWords(c: DigestCommitment, f: DigestFormat): string | undefined {
  if (!c.lastClosed) return undefined;
  const { period, status, attainment, credit, creditUnit } = c.lastClosed;
  // Progress toward an objective stops at 100%; a breach never rounds up to it.
  const share = attainment === null || c.measure === 'total' ? attainment : Math.min(1, attainment);
  const at = share === null ? '' : ` at ${f.percent(share, status === 'breached' ? 1 : undefined)}`;
  const owed = credit > 0 ? `, ${creditWords(credit, creditUnit)} owed` : '';
  return `last closed ${period}: ${f.label[status]}${at}${owed}`;
}

const HEADLINE_ORDER: Status[] = ['breached', 'at_risk', 'on_track', 'met', 'no_data'];

/** `3 commitments: 0 BREACHED, 1 AT RISK, 1 ON TRACK, 1 MET, 0 NO DATA.` */
export function headlineWords(headline: DigestContent['headline'], f: DigestFormat): string {
  const counts = HEADLINE_ORDER.map((s) => `${headline[s]} ${f.label[s]}`).join(', ');
  return `${headline.total} commitment${headline.total === 1 ? '' : 's'}: ${counts}.`;
}
