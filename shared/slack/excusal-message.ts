/**
 * The request sent to the department an excusal blames: what is claimed, by whom, and Approve and
 * Reject buttons; after a decision, the same message says who decided, without buttons.
 */
import type { Department, Excusal } from '../domain/model.js';
import type { SlackPoster } from '../ports/slack-poster.js';
import { escapeMrkdwn, section, slackDate, who } from './blocks.js';
import type { SlackLog } from './slack-log.js';

export const EXCUSAL_APPROVE_ACTION = 'sla_excusal_approve';
export const EXCUSAL_REJECT_ACTION = 'sla_excusal_reject';

/** What an excusal's buttons carry: `{commitment id}|{excusal id}` (ids never hold a `|`… but the excusal's may, so it goes last). */
export function encodeExcusalValue(commitmentId: string, excusalId: string): string {
  return `${commitmentId}|${excusalId}`;
}

export function decodeExcusalValue(
  raw: string | undefined,
): { commitmentId: string; excusalId: string } | undefined {
  const at = raw?.indexOf('|') ?? -1;
  if (raw === undefined || at <= 0 || at === raw.length - 1) return undefined;
  return { commitmentId: raw.slice(0, at), excusalId: raw.slice(at + 1) };
}

export interface ExcusalNotice {
  commitmentId: string;
  title: string;
  provider: string;
  excusal: Excusal;
  timezone: string;
}

function summary(notice: ExcusalNotice, departments: Record<string, Department>): string {
  const { excusal } = notice;
  const blamed = departments[excusal.causedBy]?.name ?? excusal.causedBy;
  const provider = departments[notice.provider]?.name ?? notice.provider;
  return (
    `*${escapeMrkdwn(notice.title)}* (\`${notice.commitmentId}\`): ${excusal.requestedBy ? who(excusal.requestedBy) : 'someone'} ` +
    `says ${escapeMrkdwn(provider)} could not perform from ${slackDate(excusal.from, notice.timezone)} to ` +
    `${slackDate(excusal.to, notice.timezone)} because of ${escapeMrkdwn(blamed)}: “${escapeMrkdwn(excusal.reason)}”`
  );
}

export function excusalRequestMessage(notice: ExcusalNotice, departments: Record<string, Department>) {
  const text = `${summary(notice, departments)}. It counts only once ${escapeMrkdwn(departments[notice.excusal.causedBy]?.name ?? notice.excusal.causedBy)} approves it.`;
  const value = encodeExcusalValue(notice.commitmentId, notice.excusal.id);
  const button = (label: string, actionId: string, style: 'primary' | 'danger') => ({
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label },
    style,
    value,
  });
  return {
    text,
    blocks: [
      section(`:memo: Excusal to approve: ${text}`),
      {
        type: 'actions',
        elements: [
          button('Approve', EXCUSAL_APPROVE_ACTION, 'primary'),
          button('Reject', EXCUSAL_REJECT_ACTION, 'danger'),
        ],
      },
    ],
  };
}

export function excusalDecidedMessage(notice: ExcusalNotice, departments: Record<string, Department>) {
  const { excusal } = notice;
  const verdict =
    excusal.status === 'approved'
      ? `:white_check_mark: Approved by ${excusal.decidedBy ? who(excusal.decidedBy) : 'an admin'}: it now counts.`
      : `:x: Rejected by ${excusal.decidedBy ? who(excusal.decidedBy) : 'an admin'}: it does not count.`;
  const text = `${summary(notice, departments)}. ${verdict}`;
  return { text, blocks: [section(text)] };
}

export type ExcusalListener = (notice: ExcusalNotice) => Promise<void>;

/** Posts a pending excusal to the channel of the department it blames; a failure is logged, not thrown. */
export function makeExcusalRequestListener(deps: {
  poster: SlackPoster;
  loadDepartments: () => Promise<Record<string, Department>>;
  log: SlackLog;
}): ExcusalListener {
  return async (notice) => {
    if (notice.excusal.status !== 'pending') return;
    try {
      const departments = await deps.loadDepartments();
      const channel = departments[notice.excusal.causedBy]?.slack.channel;
      if (channel === undefined) {
        deps.log.warn('an excusal to approve has no channel to go to', { causedBy: notice.excusal.causedBy });
        return;
      }
      await deps.poster.post({
        channel,
        ...excusalRequestMessage(notice, departments),
        meta: { kind: 'excusal_request', commitmentId: notice.commitmentId },
      });
    } catch (error) {
      deps.log.error('posting an excusal to approve failed', error);
    }
  };
}
