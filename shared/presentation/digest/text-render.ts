/**
 * The digest as an email body: plain text that reads well in any mail client. Short lines,
 * underlined section headings, status words in capitals, every commitment with its id.
 */
import type { DigestFormat } from '../../domain/digest/digest-format.js';
import type { DepartmentCredits, DigestCommitment, DigestContent } from '../../domain/digest/digest-types.js';
import { localTimeWords } from '../local-time-words.js';
import {
  creditWords,
  excusedWords,
  headlineWords,
  lastClosedWords,
  pendingExcusalWords,
  periodWords,
  progressWords,
  reviewWords,
  stateWords,
  weekRange,
} from './digest-words.js';
import { heading, wrap } from './plain-text.js';

export function renderDigestText(content: DigestContent, f: DigestFormat): string {
  const lines: string[] = [
    ...heading(`Weekly SLA digest: week ${content.week} (${weekRange(content)})`, '='),
    ...wrap(`State of every commitment ${stateWords(content)}.`),
    '',
    ...headlineSection(content, f),
    '',
    ...topRisksSection(content, f),
    '',
    ...creditsSection(content, f),
    '',
    ...excusedSection(content, f),
    '',
    ...pendingExcusalsSection(content),
    '',
    ...reviewsSection(content),
    '',
    ...heading('COMMITMENTS BY PROVIDER', '='),
  ];
  if (content.providers.length === 0) lines.push('', 'No active commitments.');
  for (const provider of content.providers) {
    lines.push('', ...heading(`${provider.name.toUpperCase()} (${provider.commitments.length})`));
    for (const commitment of provider.commitments) lines.push(...commitmentLines(commitment, f), '');
    lines.pop();
  }
  lines.push(
    '',
    '--',
    ...wrap(
      `Generated ${localTimeWords(content.generatedAt, content.timezone)} (${content.timezone}) by the SLA tracker.`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

function headlineSection(content: DigestContent, f: DigestFormat): string[] {
  return [...heading('AT A GLANCE'), ...wrap(headlineWords(content.headline, f))];
}

function topRisksSection(content: DigestContent, f: DigestFormat): string[] {
  const lines = heading('TOP RISKS');
  if (content.topRisks.length === 0) return [...lines, 'None: nothing is at risk or breached.'];
  content.topRisks.forEach((risk, i) => {
    lines.push(...wrap(`${i + 1}. ${f.label[risk.status]}: ${risk.title}`, '', '   '));
    lines.push(...wrap(`Owner: ${risk.owner.name}. ${capitalize(risk.gapText)}.`, '   '));
  });
  return lines;
}

function creditLines(owed: DepartmentCredits[], f: DigestFormat, unit?: string): string[] {
  if (owed.length === 0) return ['  None.'];
  return owed.flatMap((d) =>
    wrap(
      `${d.name}: ${creditWords(d.credits, unit)} (${d.items.map((i) => `${i.commitmentId} ${i.periodKey}: ${f.amount(i.credit)}`).join(', ')})`,
      '  ',
      '    ',
    ),
  );
}

function creditsSection(content: DigestContent, f: DigestFormat): string[] {
  const { credits } = content;
  return [
    ...heading('SERVICE CREDITS OWED'),
    `For periods closed in ${periodWords(credits.periodKey)}:`,
    ...creditLines(credits.period, f, credits.unit),
    `Quarter ${credits.quarterKey} so far:`,
    ...creditLines(credits.quarter, f, credits.unit),
  ];
}

function excusedSection(content: DigestContent, f: DigestFormat): string[] {
  const lines = heading('EXCUSED SHORTFALLS');
  if (content.excused.length === 0) return [...lines, 'None.'];
  for (const line of content.excused) {
    lines.push(...wrap(line.title, '', '  '));
    lines.push(...wrap(`${capitalize(excusedWords(line, f))}.`, '  '));
    if (line.reason) lines.push(...wrap(`Reason: ${line.reason}`, '  ', '    '));
  }
  return lines;
}

function pendingExcusalsSection(content: DigestContent): string[] {
  const lines = heading('EXCUSALS AWAITING A DECISION');
  if (content.pendingExcusals.length === 0) return [...lines, 'None.'];
  for (const pending of content.pendingExcusals) {
    lines.push(...wrap(`${pending.title} [${pending.commitmentId}]`, '', '  '));
    lines.push(...wrap(`${capitalize(pendingExcusalWords(pending, (by) => by))}.`, '  ', '    '));
    lines.push(...wrap(`Reason: ${pending.reason}`, '  ', '    '));
  }
  return lines;
}

function reviewsSection(content: DigestContent): string[] {
  const lines = heading('DUE FOR REVIEW');
  if (content.dueForReview.length === 0) return [...lines, 'None in the next two weeks.'];
  for (const review of content.dueForReview) {
    lines.push(...wrap(review.title, '', '  '));
    lines.push(...wrap(`${capitalize(reviewWords(review))}.`, '  '));
  }
  return lines;
}

function commitmentLines(c: DigestCommitment, f: DigestFormat): string[] {
  const lines = [
    ...wrap(`${f.label[c.status]}: ${c.title}`, '', '  '),
    ...wrap(`For ${c.consumerName}, period ${c.period}. [${c.id}]`, '  '),
    ...wrap(c.figures, '  '),
    ...wrap(capitalize(progressWords(c, f)), '  '),
  ];
  const last = lastClosedWords(c, f);
  if (last) lines.push(...wrap(capitalize(last), '  '));
  return lines;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
