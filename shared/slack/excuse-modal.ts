/**
 * The form `/sla excuse <commitment>` opens: from and to (whole local days), the department that
 * caused the shortfall, and why. What comes back on submission is read here, field by field, so a
 * mistake is shown under the field it is about. Pure: opening it and recording the claim is
 * `excuse-form.ts`'s job.
 */
import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { DateTime } from 'luxon';
import { MIN_REASON_LENGTH } from '../app/excusals.js';
import { isSlug } from '../domain/field-rules.js';
import { MAX_NAME_LENGTH, MAX_NOTE_LENGTH } from '../domain/limits.js';
import type { Department } from '../domain/model.js';
import { escapeMrkdwn, section } from './blocks.js';
import { truncate } from './limits.js';

export const EXCUSE_MODAL_CALLBACK = 'sla_excuse';

/** The block of each field: Slack shows an error under the block it names. */
export const EXCUSE_BLOCKS = {
  from: 'excuse_from',
  to: 'excuse_to',
  causedBy: 'excuse_caused_by',
  reason: 'excuse_reason',
} as const;

export type ExcuseField = keyof typeof EXCUSE_BLOCKS;

/** The one element of each input block. */
const ELEMENT = 'value';

/** Slack's limits on a static select: 100 options, option text of 75 characters. */
const MAX_OPTIONS = 100;
const MAX_OPTION_TEXT = 75;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ExcuseModalInput {
  commitmentId: string;
  title: string;
  provider: string;
  timezone: string;
  /** The local date the pickers start on. */
  today: string;
  departments: Record<string, Department>;
}

/** The departments an excusal may blame: any but the provider, by name. */
export function blameableDepartments(
  departments: Record<string, Department>,
  provider: string,
): Department[] {
  return Object.values(departments)
    .filter((d) => d.id !== provider)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function dateInput(field: 'from' | 'to', label: string, today: string, hint: string): InputBlock {
  return {
    type: 'input',
    block_id: EXCUSE_BLOCKS[field],
    label: plain(label),
    hint: plain(hint),
    element: { type: 'datepicker', action_id: ELEMENT, initial_date: today },
  };
}

export function excuseModal(input: ExcuseModalInput): ModalView {
  const provider = input.departments[input.provider]?.name ?? input.provider;
  const options: PlainTextOption[] = blameableDepartments(input.departments, input.provider)
    .slice(0, MAX_OPTIONS)
    .map((d) => ({ text: plain(truncate(d.name, MAX_OPTION_TEXT)), value: d.id }));
  return {
    type: 'modal',
    callback_id: EXCUSE_MODAL_CALLBACK,
    private_metadata: input.commitmentId,
    title: plain('Claim an excusal'),
    submit: plain('Record'),
    close: plain('Cancel'),
    blocks: [
      section(
        `*${escapeMrkdwn(input.title)}* (\`${input.commitmentId}\`): a window in which ${escapeMrkdwn(provider)} could not perform because of another department. Dates are whole days in ${escapeMrkdwn(input.timezone)}. It counts once the department it blames approves it.`,
      ),
      dateInput('from', 'From', input.today, 'The first day affected.'),
      dateInput('to', 'To', input.today, 'The last day affected (the same day for one day).'),
      {
        type: 'input',
        block_id: EXCUSE_BLOCKS.causedBy,
        label: plain('Caused by'),
        element: {
          type: 'static_select',
          action_id: ELEMENT,
          placeholder: plain('The department that caused it'),
          options,
        },
      },
      {
        type: 'input',
        block_id: EXCUSE_BLOCKS.reason,
        label: plain('Reason'),
        element: {
          type: 'plain_text_input',
          action_id: ELEMENT,
          multiline: true,
          min_length: MIN_REASON_LENGTH,
          max_length: MAX_NOTE_LENGTH,
          placeholder: plain('What happened, in a few words'),
        },
      },
    ],
  };
}

/** The part of a submitted view this form reads. */
export interface SubmittedView {
  private_metadata?: string | undefined;
  state?: { values?: Record<string, Record<string, unknown>> | undefined } | undefined;
}

export interface ExcuseFormClaim {
  commitmentId: string;
  from: string;
  to: string;
  causedBy: string;
  reason: string;
}

export type ExcuseFormReading =
  | { ok: true; claim: ExcuseFormClaim }
  | { ok: false; errors: Partial<Record<ExcuseField, string>> };

/** The commitment the form was opened for, when what came back is one. */
export function commitmentOfForm(view: SubmittedView): string | undefined {
  const id = view.private_metadata ?? '';
  return isSlug(id) ? id : undefined;
}

/** Every field read and checked at once, so all mistakes show together. */
export function readExcuseForm(view: SubmittedView): ExcuseFormReading {
  const errors: Partial<Record<ExcuseField, string>> = {};
  const value = (field: ExcuseField) => {
    const element = view.state?.values?.[EXCUSE_BLOCKS[field]]?.[ELEMENT];
    return typeof element === 'object' && element !== null ? (element as Record<string, unknown>) : {};
  };
  const commitmentId = commitmentOfForm(view);
  const from = dateOf(value('from').selected_date);
  const to = dateOf(value('to').selected_date);
  if (from === undefined) errors.from = 'Pick the first day affected.';
  if (to === undefined) errors.to = 'Pick the last day affected.';
  else if (from !== undefined && to < from) errors.to = `Must be on or after the from date (${from}).`;
  const option = value('causedBy').selected_option;
  const causedBy =
    typeof option === 'object' && option !== null ? (option as { value?: unknown }).value : undefined;
  if (typeof causedBy !== 'string' || causedBy === '' || causedBy.length > MAX_NAME_LENGTH) {
    errors.causedBy = 'Pick the department that caused it.';
  }
  const typed = value('reason').value;
  const reason = typeof typed === 'string' ? typed.trim() : '';
  if (reason === '') errors.reason = 'Say why, in a few words.';
  else if (reason.length < MIN_REASON_LENGTH) {
    errors.reason = `Say why in at least ${MIN_REASON_LENGTH} characters.`;
  } else if (reason.length > MAX_NOTE_LENGTH) {
    errors.reason = `At most ${MAX_NOTE_LENGTH} characters; this one has ${reason.length}.`;
  }
  if (commitmentId === undefined) {
    errors.from = 'This form names no commitment; open it again with /sla excuse <commitment>.';
  }
  if (Object.keys(errors).length > 0 || commitmentId === undefined) return { ok: false, errors };
  return {
    ok: true,
    claim: { commitmentId, from: from as string, to: to as string, causedBy: causedBy as string, reason },
  };
}

function dateOf(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || !LOCAL_DATE.test(raw)) return undefined;
  return DateTime.fromISO(raw, { zone: 'UTC' }).isValid ? raw : undefined;
}

/** Slack's answer to a submission whose fields need another look: the message under each field. */
export function fieldErrors(errors: Partial<Record<ExcuseField, string>>) {
  return {
    response_action: 'errors' as const,
    errors: Object.fromEntries(
      Object.entries(errors).map(([field, message]) => [
        EXCUSE_BLOCKS[field as ExcuseField],
        truncate(message, 1000),
      ]),
    ),
  };
}
