import type { LateSubjects } from '../domain/late-subjects.js';
import { lateSubjectLines, type SubjectTextStyle } from '../presentation/late-subject-words.js';
import { type Block, escapeMrkdwn, section } from './blocks.js';

/** Subject ids are whatever the sender chose, so `<!channel>` or `<http://…|x>` must show as typed. */
const SLACK_STYLE: SubjectTextStyle = { escape: escapeMrkdwn, heading: (text) => `*${text}*` };

/** The late and due-soon subjects under an alert or a status, as one section (none when there are none). */
export function lateSubjectBlocks(late: LateSubjects | undefined, zone: string | undefined): Block[] {
  if (!late || (late.overdueCount === 0 && late.dueSoonCount === 0)) return [];
  return [section(lateSubjectLines(late, zone ?? 'UTC', SLACK_STYLE).join('\n'))];
}
