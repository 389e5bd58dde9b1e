import { budgetOutlook } from '../domain/alerts/budget-outlook.js';
import type { BurnRateFinding } from '../domain/alerts/burn-rate.js';
import { parseSpan, spanWords } from '../domain/duration.js';
import type { NotificationKind } from '../domain/escalation.js';
import type { Evaluation } from '../domain/evaluate.js';
import type { CommitmentDefinition, Instant } from '../domain/model.js';
import { formatMultiple } from '../domain/readable-numbers.js';
import { budgetOutlookWords } from '../presentation/budget-outlook-words.js';

/** The kinds that ask someone to act: they say why, and how long is left. */
const WARNINGS: ReadonlySet<NotificationKind> = new Set(['at_risk', 'escalated']);

/**
 * What a warning adds to the status line: the fast burn that opened it, if one did, and when the
 * error budget runs out at this rate (at the long window's rate for a fast burn, since that is the
 * rate it warns about). Recoveries, breaches and met notes add nothing.
 */
export function alertNotes(input: {
  kind: NotificationKind;
  definition: CommitmentDefinition;
  evaluation: Evaluation;
  now: Instant;
  burn: BurnRateFinding | undefined;
}): string[] {
  const { kind, definition, evaluation, now, burn } = input;
  if (!WARNINGS.has(kind)) return [];
  const notes: string[] = [];
  if (burn !== undefined) notes.push(burnWords(burn));
  const outlook = budgetOutlook(definition, evaluation, now, burn?.long.rate);
  if (outlook !== undefined) notes.push(budgetOutlookWords(outlook));
  return notes;
}

/** `burning the error budget 15× as fast as it lasts over the last hour (16× over the last 5 minutes)`. */
export function burnWords(burn: BurnRateFinding): string {
  const { rule, long, short } = burn;
  return `burning the error budget ${formatMultiple(long.rate)} as fast as it lasts over the last ${windowWords(rule.long)} (${formatMultiple(short.rate)} over the last ${windowWords(rule.short)})`;
}

/** `hour`, `5 minutes`, `6 hours`: a window as the end of "over the last …". */
function windowWords(text: string): string {
  return spanWords(parseSpan(text)).replace(/^1 /, '');
}
