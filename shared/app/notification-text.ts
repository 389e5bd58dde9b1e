import type { NotificationIntent } from '../domain/escalation.js';
import type { Evaluation } from '../domain/evaluate.js';
import type { LateSubjects } from '../domain/late-subjects.js';
import type { Department } from '../domain/model.js';
import { countWords, formatValue, wholeOf } from '../domain/readable-numbers.js';
import { lateSubjectLines } from '../presentation/late-subject-words.js';
import { statusLine } from '../presentation/status-line.js';

const HEADLINE: Record<NotificationIntent['kind'], string> = {
  at_risk: 'At risk',
  escalated: 'Escalated',
  recovered: 'Recovered',
  breached: 'Breached',
  met: 'Met',
};

const nameOf = (departments: Record<string, Department>, id: string) => departments[id]?.name ?? id;

/** The one line every transport shows for a notification (Slack adds blocks around it). */
export function notificationText(input: {
  intent: NotificationIntent;
  evaluation: Evaluation;
  title: string;
  provider: string;
  consumer: string;
  departments: Record<string, Department>;
  /** duration: named on the lines after the status line, in the commitment's zone. */
  lateSubjects?: { late: LateSubjects; zone: string };
}): string {
  const { intent, evaluation } = input;
  const line = statusLine({
    evaluation,
    title: input.title,
    providerName: nameOf(input.departments, input.provider),
    consumerName: nameOf(input.departments, input.consumer),
  });
  const level = intent.kind === 'escalated' ? ` to level ${intent.level}` : '';
  const head = `${HEADLINE[intent.kind]}${level}: ${line}${intent.kind === 'at_risk' ? behindPace(evaluation) : ''}`;
  const late = input.lateSubjects;
  return late ? [head, ...lateSubjectLines(late.late, late.zone)].join('\n') : head;
}

/** ` (21 leads behind pace)`, counted from the expected figure as shown (whole for whole values). */
function behindPace(e: Evaluation): string {
  if (e.measure !== 'total') return '';
  const expected = e.values === 'decimal' ? e.expected : wholeOf(e.expected);
  const behind = expected - e.actual;
  return behind > 0 ? ` (${countWords(behind, e.unit, formatValue(behind, e.values))} behind pace)` : '';
}
