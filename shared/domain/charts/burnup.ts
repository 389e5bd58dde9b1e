/**
 * The burn-up of one period: actual to date from the period's evaluations, the pace line and the
 * projection from the same rules that judge the commitment (`evaluate`), the excused windows that
 * lower its target, and where "now" is.
 */
import { type Evaluation, emptyAggregate, evaluate } from '../evaluate.js';
import { excusalsIn } from '../excusals.js';
import type { CommitmentDefinition, Excusal, Instant, Period } from '../model.js';
import type { BurnupModel, ChartPoint } from './chart-model.js';

const HOUR = 3_600_000;
/** Enough points for business pacing's nights and weekends to show, few enough to judge fast. */
const MAX_PACE_SAMPLES = 400;

export interface BurnupInput {
  definition: CommitmentDefinition;
  period: Period;
  excusals: readonly Excusal[];
  /** When the commitment took effect (a period it started in is judged from then on). */
  effectiveFrom?: Instant;
  /** Earlier evaluations of the period (the daily snapshots), in any order. */
  earlier: readonly Evaluation[];
  /** The period's latest evaluation: live, or final once it has ended. */
  current: Evaluation;
  at: Instant;
}

export function burnupModel(input: BurnupInput): BurnupModel {
  const { definition, period, current } = input;
  const isTotal = definition.measure === 'total';
  const end = Math.min(input.at, period.end);
  const model: BurnupModel = {
    kind: 'burnup',
    commitmentId: definition.id,
    title: definition.title,
    zone: definition.timezone,
    measure: definition.measure,
    period: { key: period.key, start: period.start, end: period.end },
    scale: isTotal ? 'amount' : 'share',
    unit: isTotal ? definition.unit : '%',
    actual: actualPoints(input, end),
    pace: pacePoints(input),
    target: current.target,
    excused: excusalsIn(input.excusals, period).map(
      (e) => [Math.max(e.from, period.start), Math.min(e.to, period.end)] as const,
    ),
    status: current.status,
  };
  if (input.at < period.end) model.now = input.at;
  if (current.projected !== null && !current.final && input.at < period.end) {
    model.projection = [
      [input.at, current.actual],
      [period.end, current.projected],
    ];
  }
  return model;
}

/**
 * Totals start from nothing at the start of what is judged; objectives have no value until
 * something is judged, so their evaluations without data are left out rather than drawn as 0.
 */
function actualPoints(input: BurnupInput, end: Instant): ChartPoint[] {
  const { current, period } = input;
  const isTotal = input.definition.measure === 'total';
  const currentAt = Date.parse(current.evaluatedAt);
  const judged = [
    ...input.earlier.filter((e) => e.period === period.key && e.evaluatedAt < current.evaluatedAt),
  ];
  judged.push(current);
  const points: ChartPoint[] = judged
    .filter((e) => isTotal || e.status !== 'no_data')
    .map((e) => [Math.min(Date.parse(e.evaluatedAt), end), e.actual] as const)
    .sort((a, b) => a[0] - b[0]);
  if (isTotal) {
    const from = current.proratedFrom ? Date.parse(current.proratedFrom) : period.start;
    if ((points[0]?.[0] ?? currentAt) > from) points.unshift([from, 0]);
  }
  return points;
}

/** "Expected by then" at instants across the period, as the judge computes it at each one. */
function pacePoints(input: BurnupInput): ChartPoint[] {
  const { definition, period } = input;
  const expectedAt = (at: Instant) =>
    evaluate({
      definition,
      period,
      aggregate: emptyAggregate(definition.measure),
      excusals: [...input.excusals],
      at,
      effectiveFrom: input.effectiveFrom,
    }).expected;
  // An objective's pace is the objective itself, the same at every instant.
  if (definition.measure !== 'total')
    return [period.start, period.end].map((at) => [at, expectedAt(at)] as const);
  const hours = Math.max(1, Math.ceil((period.end - period.start) / HOUR / MAX_PACE_SAMPLES));
  const points: ChartPoint[] = [];
  for (let at = period.start; at < period.end; at += hours * HOUR) points.push([at, expectedAt(at)]);
  points.push([period.end, expectedAt(period.end)]);
  return points;
}
