import type { LateSubjects, SubjectStanding } from '../domain/late-subjects.js';
import { localTimeWords } from './local-time-words.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Counted time as people say it: `6 business hours`, `2 business hours 15 minutes`, `40 business
 * minutes` (or without "business" when the commitment has no calendar). Minutes are dropped from
 * ten hours on, where they no longer change what anyone does.
 */
export function countedTimeWords(ms: number, businessTime: boolean): string {
  const kind = businessTime ? 'business ' : '';
  const minutes = Math.max(1, Math.floor(ms / MINUTE));
  if (minutes < 60) return plural(minutes, `${kind}minute`);
  const hours = Math.floor(ms / HOUR);
  const rest = Math.floor((ms - hours * HOUR) / MINUTE);
  const head = plural(hours, `${kind}hour`);
  return hours >= 10 || rest === 0 ? head : `${head} ${plural(rest, 'minute')}`;
}

/** How text around a subject id is made safe and how a heading is emphasised in one channel. */
export interface SubjectTextStyle {
  /** Subject ids come from whoever sent the events: each channel escapes them its own way. */
  escape: (text: string) => string;
  heading: (text: string) => string;
}

export const PLAIN_STYLE: SubjectTextStyle = { escape: (text) => text, heading: (text) => text };

function moreWords(shown: number, count: number, complete: boolean): string[] {
  const left = count - shown;
  if (left <= 0) return [];
  return [complete ? `and ${left} more` : `and at least ${left} more`];
}

/** `4711 — 6 business hours late` (with `(paused)` when its clock stands still). */
export function lateSubjectWords(s: SubjectStanding, businessTime: boolean, style = PLAIN_STYLE): string {
  return `${style.escape(s.subject)} — ${countedTimeWords(s.lateMs, businessTime)} late${s.paused ? ' (paused)' : ''}`;
}

/** `4800 — due Wed Nov 18, 2026, 15:00 EST (in 3 business hours)` */
export function dueSoonWords(
  s: SubjectStanding,
  businessTime: boolean,
  zone: string,
  style = PLAIN_STYLE,
): string {
  const due = s.dueAt === null ? '' : `due ${localTimeWords(s.dueAt, zone)} `;
  return `${style.escape(s.subject)} — ${due}(in ${countedTimeWords(s.remainingMs, businessTime)})`;
}

/**
 * The lines that name late and due-soon subjects under an alert or a status: a heading with the
 * count, up to the named few, most overdue first, and "and N more".
 */
export function lateSubjectLines(late: LateSubjects, zone: string, style = PLAIN_STYLE): string[] {
  const lines: string[] = [];
  const bullet = (text: string) => `• ${text}`;
  if (late.overdueCount > 0) {
    const count = late.complete ? `${late.overdueCount}` : `${late.overdueCount}+`;
    lines.push(style.heading(`Late (${count}), most overdue first:`));
    lines.push(...late.overdue.map((s) => bullet(lateSubjectWords(s, late.businessTime, style))));
    lines.push(...moreWords(late.overdue.length, late.overdueCount, late.complete).map(bullet));
  }
  if (late.dueSoonCount > 0) {
    const horizon = countedTimeWords(late.horizonMs, late.businessTime);
    lines.push(style.heading(`Due within the next ${horizon} (${late.dueSoonCount}):`));
    lines.push(...late.dueSoon.map((s) => bullet(dueSoonWords(s, late.businessTime, zone, style))));
    lines.push(...moreWords(late.dueSoon.length, late.dueSoonCount, late.complete).map(bullet));
  }
  return lines;
}
