import type { EvaluationSummary } from '../../shared/app/evaluator.js';
import type { Status } from '../../shared/domain/model.js';
import { creditWords } from '../../shared/domain/readable-numbers.js';
import { localTimeWords } from '../../shared/presentation/local-time-words.js';
import { STATUS_LABEL } from '../../shared/presentation/status-line.js';
import { flag, isoInstant, positionals, stringOption } from '../args.js';
import { type Command, printJson } from '../command.js';
import { EXIT } from '../exit-codes.js';

const label = (status: string) => STATUS_LABEL[status as Status] ?? status;

/** The evaluator's summary: what it judged, closed, changed and told. */
export function renderEvaluationSummary(s: EvaluationSummary & { timezone?: string }): string {
  const at = localTimeWords(s.at, s.timezone);
  const lines = [`Evaluated ${s.evaluated} commitment${s.evaluated === 1 ? '' : 's'} at ${at}.`];
  lines.push(`Closed periods: ${s.closed.length}`);
  for (const c of s.closed) {
    const credit = c.credit > 0 ? `, ${creditWords(c.credit, c.creditUnit)} owed` : '';
    lines.push(`  ${c.commitmentId} ${c.period}: ${label(c.status)}${credit}`);
  }
  lines.push(`Transitions: ${s.transitions.length}`);
  for (const t of s.transitions) {
    lines.push(`  ${t.commitmentId} ${t.period}: ${label(t.from)} → ${label(t.to)}`);
  }
  lines.push(`Notifications: ${s.notifications.length}`);
  for (const n of s.notifications) {
    lines.push(`  ${n.kind} (level ${n.level}) ${n.commitmentId} ${n.period}`);
  }
  if (s.conflicts > 0) lines.push(`Left to a concurrent run: ${s.conflicts}`);
  if (s.republished > 0) lines.push(`Published again after an earlier failure: ${s.republished}`);
  if (s.failed > 0) lines.push(`Not handed to the transport (retried by the next run): ${s.failed}`);
  // Older servers answer without the list.
  const failures = s.failedCommitments ?? [];
  if (failures.length > 0) {
    lines.push(`Failed to evaluate (the others were; the next run retries): ${failures.length}`);
    for (const f of failures) lines.push(`  ${f.commitmentId} (${f.step}): ${f.error}`);
  }
  return lines.join('\n');
}

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'run the evaluator now (what the schedule runs)',
  help: `Usage: sla evaluate [--at ISO] [--json]

Closes ended periods, judges every active commitment, moves alerts and sends the notifications
that are due, then prints what it did.

Options:
  --at ISO   evaluate as of this instant (not in the future), e.g. 2026-11-18T10:00:00-05:00
  --json     print the summary as JSON`,
  options: { at: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, { io, api }) {
    positionals(args, 'evaluate', [], 0);
    const at = stringOption(args, 'at');
    const summary = await api.request<EvaluationSummary & { timezone?: string }>('POST', '/v1/evaluations', {
      json: at === undefined ? {} : { at: isoInstant(at, 'at', 'evaluate') },
    });
    if (flag(args, 'json')) printJson(io, summary);
    else io.stdout(renderEvaluationSummary(summary));
    return EXIT.ok;
  },
};
