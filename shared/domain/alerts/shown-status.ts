/**
 * The status people are shown, agreeing with the alert they were sent. Between the at-risk line and
 * the recovery line (the hysteresis band) the judgement alone says `on_track`, yet the open alert
 * has not recovered and still escalates; showing `ON TRACK` beside an open, escalating alert reads
 * as a contradiction. So while an alert is open and the evaluation is not clear of risk by the
 * recovery margin, the status shown is `at_risk`, the alert's own word.
 */
import type { Evaluation } from '../evaluate.js';
import type { CommitmentDefinition } from '../model.js';
import type { AlertState } from './alert-state.js';
import { clearOfRisk } from './recovery.js';

export function statusWithAlert<E extends Evaluation>(
  evaluation: E,
  definition: Pick<CommitmentDefinition, 'atRisk' | 'comparator'>,
  alert: Pick<AlertState, 'level'> | undefined,
): E {
  if (evaluation.status !== 'on_track' || !alert || alert.level === 0) return evaluation;
  if (clearOfRisk(evaluation, definition)) return evaluation;
  return { ...evaluation, status: 'at_risk' };
}
