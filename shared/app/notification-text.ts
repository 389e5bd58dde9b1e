import type { NotificationIntent } from '../domain/escalation.js';
import type { Evaluation } from '../domain/evaluate.js';
import type { LateSubjects } from '../domain/late-subjects.js';
import type { Department } from '../domain/model.js';
import { lateSubjectLines } from '../presentation/late-subject-words.js';
import { formatAmount, statusLine } from '../presentation/status-line.js';

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
  const gap =
    intent.kind === 'at_risk' && evaluation.measure === 'total' && evaluation.expected > evaluation.actual
      ? ` (${formatAmount(evaluation.expected - evaluation.actual)} ${evaluation.unit} behind pace)`
      : '';
  const head = `${HEADLINE[intent.kind]}${level}: ${line}${gap}`;
  const late = input.lateSubjects;
  return late ? [head, ...lateSubjectLines(late.late, late.zone)].join('\n') : head;
}
