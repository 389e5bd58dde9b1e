import type { SubjectListing as AppSubjectListing, SubjectView } from '../../shared/app/subjects.js';
import { countedTimeWords } from '../../shared/presentation/late-subject-words.js';
import { localTimeWords } from '../../shared/presentation/local-time-words.js';
import { renderTable } from './table.js';
import { NONE } from './values.js';

/** A subject as `GET /v1/commitments/{id}/subjects` returns it. */
export type SubjectRow = SubjectView;

/** The listing as the CLI reads it (the time it was judged is not shown). */
export type SubjectListing = Omit<AppSubjectListing, 'evaluatedAt'>;

const STATE_WORDS: Record<SubjectListing['state'], string> = {
  open: 'open subjects',
  overdue: 'late subjects',
  due_soon: 'subjects due soon',
};

/** Where a subject stands, in counted time: `6 business hours late`, `3 business hours left`. */
function standingWords(row: SubjectRow, businessTime: boolean): string {
  const words = row.overdue
    ? `${countedTimeWords(row.lateSeconds * 1000, businessTime)} late`
    : `${countedTimeWords(row.remainingSeconds * 1000, businessTime)} left`;
  return row.paused ? `${words} (paused)` : words;
}

/** The subjects of one listing as a table, times in the commitment's zone; an empty one says so. */
export function renderSubjects(listing: SubjectListing): string {
  const { timezone, businessTime } = listing;
  const what = STATE_WORDS[listing.state];
  if (listing.subjects.length === 0) return `No ${what} of ${listing.commitmentId}.`;
  const table = renderTable<SubjectRow>(
    [
      { header: 'SUBJECT', cell: (r) => r.id },
      { header: 'STARTED', cell: (r) => localTimeWords(r.startedAt, timezone) },
      { header: 'DUE', cell: (r) => (r.dueAt === null ? NONE : localTimeWords(r.dueAt, timezone)) },
      { header: 'STANDING', cell: (r) => standingWords(r, businessTime) },
    ],
    listing.subjects,
  );
  const lines = [table];
  if (!listing.complete) lines.push('', 'Not every late candidate was read: there may be more.');
  if (listing.nextCursor) {
    lines.push(
      '',
      `More: sla subjects ${listing.commitmentId} --state ${listing.state} --cursor ${listing.nextCursor}`,
    );
  }
  return lines.join('\n');
}
