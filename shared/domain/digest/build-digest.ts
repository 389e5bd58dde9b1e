/**
 * Builds the weekly digest's content from values: headline, commitments by provider, credits,
 * excused shortfalls, excusals awaiting a decision, top risks, reviews due. Its renderings live with their channels: the email
 * text in `shared/presentation/digest/`, the Slack messages in `shared/slack/digest-blocks.ts`.
 */
import { DateTime } from 'luxon';
import type { Evaluation } from '../evaluate.js';
import { isoInstant } from '../instant-format.js';
import type { Department, Instant, Status } from '../model.js';
import { periodFromKey } from '../periods.js';
import { creditsIn, creditWindows } from './credits.js';
import type { DigestFormat } from './digest-format.js';
import type {
  DigestCommitment,
  DigestCommitmentInput,
  DigestContent,
  DigestInput,
  DigestProvider,
  ReviewDue,
} from './digest-types.js';
import { pendingExcusals } from './pending-excusals.js';
import { DEFAULT_REVIEW_CADENCE, daysBetween, isReviewDue, localDateOf, reviewDueOn } from './review-due.js';
import { excusedShortfalls, STATUS_ORDER, topRisks } from './risks.js';
import { SPARKLINE_WEEKS, trendAndSparkline, weeksEndingWith } from './trend.js';

export function digestContent(input: DigestInput, format: DigestFormat): DigestContent {
  const { departments, zone } = input;
  const week = periodFromKey(input.week, zone);
  const windows = creditWindows(input.asOf, zone);
  return {
    week: input.week,
    generatedAt: isoInstant(input.generatedAt),
    asOf: isoInstant(input.asOf),
    sendsAt: isoInstant(input.sendsAt),
    asOfNow: input.sendsAt > input.asOf,
    timezone: zone,
    weekFrom: localDateOf(week.start, zone),
    weekTo: DateTime.fromMillis(week.start, { zone }).plus({ days: 6 }).toISODate() ?? '',
    headline: headline(input.commitments.map((c) => c.evaluation.status)),
    providers: byProvider(input.commitments, {
      weeks: weeksEndingWith(input.week, SPARKLINE_WEEKS),
      departments,
      format,
    }),
    credits: {
      ...(input.creditUnit === undefined ? {} : { unit: input.creditUnit }),
      periodKey: windows.month.key,
      quarterKey: windows.quarter.key,
      period: creditsIn(input.ledger, windows.month, zone, departments),
      quarter: creditsIn(input.ledger, windows.quarter, zone, departments),
    },
    excused: excusedShortfalls(input.commitments, departments),
    pendingExcusals: pendingExcusals(input.commitments, input.asOf, departments),
    topRisks: topRisks(input.commitments, departments, format),
    dueForReview: reviewsDue(input.commitments, input.asOf, zone),
  };
}

function headline(statuses: Status[]): DigestContent['headline'] {
  const counts = { met: 0, on_track: 0, at_risk: 0, breached: 0, no_data: 0, total: statuses.length };
  for (const status of statuses) counts[status]++;
  return counts;
}

const nameOf = (departments: Record<string, Department>, id: string) => departments[id]?.name ?? id;

interface LineContext {
  weeks: ReadonlyArray<{ from: string; to: string }>;
  departments: Record<string, Department>;
  format: DigestFormat;
}

function byProvider(inputs: readonly DigestCommitmentInput[], context: LineContext): DigestProvider[] {
  const { departments } = context;
  const groups = new Map<string, DigestProvider>();
  const ordered = [...inputs].sort(
    (a, b) =>
      STATUS_ORDER[a.evaluation.status] - STATUS_ORDER[b.evaluation.status] ||
      a.definition.title.localeCompare(b.definition.title) ||
      a.definition.id.localeCompare(b.definition.id),
  );
  for (const input of ordered) {
    const provider = input.definition.provider;
    let group = groups.get(provider);
    if (!group) {
      group = { department: provider, name: nameOf(departments, provider), commitments: [] };
      groups.set(provider, group);
    }
    group.commitments.push(commitmentLine(input, context));
  }
  return [...groups.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.department.localeCompare(b.department),
  );
}

function commitmentLine(input: DigestCommitmentInput, context: LineContext): DigestCommitment {
  const { definition, evaluation: e } = input;
  const { departments, format } = context;
  const line: DigestCommitment = {
    id: definition.id,
    title: definition.title,
    measure: definition.measure,
    consumer: definition.consumer,
    consumerName: nameOf(departments, definition.consumer),
    period: e.period,
    status: e.status,
    attainment: e.attainment,
    actual: e.actual,
    expected: e.expected,
    target: e.target,
    unit: e.unit,
    figures: input.unrecorded
      ? 'not evaluated by then: no state was recorded before this digest was due'
      : e.status === 'no_data'
        ? missingWords(e)
        : format.figures(e),
    ...trendAndSparkline(input.snapshots, context.weeks, definition),
  };
  if (e.excused) {
    line.excused = {
      share: e.excused.share,
      causedBy: e.excused.causedBy,
      causedByNames: e.excused.causedBy.map((id) => nameOf(departments, id)),
    };
    if (e.excused.originalTarget !== undefined) line.excused.originalTarget = e.excused.originalTarget;
  }
  if (e.proration && e.notInEffectUntil === undefined) line.proratedFrom = e.proration.localDate;
  if (input.lastClosed) {
    const { period, status, attainment, credit, creditUnit } = input.lastClosed;
    line.lastClosed = { period, status, attainment, credit };
    if (creditUnit !== undefined) line.lastClosed.creditUnit = creditUnit;
  }
  return line;
}

/**
 * An executive reading "nothing to judge" cannot tell a quiet week from a broken feed; a status
 * without data is a measurement that is missing, and for availability that means the monitor has
 * never reported (no outage, no heartbeat), once some of the window has gone by.
 */
function missingWords(e: Evaluation): string {
  if (e.measure === 'availability' && e.elapsed > 0) {
    return 'measurement missing: no outage or heartbeat received from the monitor';
  }
  return `measurement missing: nothing recorded for ${e.period}${e.final ? '' : ' yet'}`;
}

function reviewsDue(inputs: readonly DigestCommitmentInput[], asOf: Instant, zone: string): ReviewDue[] {
  const today = localDateOf(asOf, zone);
  const due: ReviewDue[] = [];
  for (const { definition, createdAt } of inputs) {
    const dueOn = reviewDueOn(definition.review, createdAt, zone);
    if (!isReviewDue(dueOn, today)) continue;
    due.push({
      commitmentId: definition.id,
      title: definition.title,
      cadence: definition.review?.cadence ?? DEFAULT_REVIEW_CADENCE,
      dueOn,
      daysLeft: daysBetween(today, dueOn),
    });
  }
  return due.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.commitmentId.localeCompare(b.commitmentId));
}
