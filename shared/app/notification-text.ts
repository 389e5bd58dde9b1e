import type { NotificationIntent } from '../domain/escalation.js';
import type { Evaluation } from '../domain/evaluate.js';
import type { Department } from '../domain/model.js';
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
  return `${HEADLINE[intent.kind]}${level}: ${line}${gap}`;
}
