/**
 * The `cloudwatch` kind: CloudWatch alarm state changes, as EventBridge delivers them
 * (`{id, source: "aws.cloudwatch", "detail-type": "CloudWatch Alarm State Change", detail}`). In AWS
 * an EventBridge rule invokes the sources function with the event and IAM vouches for it; over
 * HTTP (locally, or anything relaying the event) the same JSON comes with the source's secret as a
 * bearer token. `ALARM` is trouble starting, `OK` its end; the incident is the alarm.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { lazy } from '../domain/lazy.js';
import { MAX_KEY_LENGTH } from '../domain/limits.js';
import type { SourceDefinition } from '../domain/sources/config-sources.js';
import { type FieldIssue, issuesFromZod } from '../domain/validation-error.js';
import { verifyBearerToken } from './bearer-token.js';
import { eventsOfOneItem } from './rule-events.js';
import type { Mapping, SourceType } from './source-type.js';

export const ALARM_EVENT_SOURCE = 'aws.cloudwatch';
export const ALARM_DETAIL_TYPE = 'CloudWatch Alarm State Change';
/** EventBridge's ids are UUIDs; the bound keeps an event id within its 200 characters. */
export const MAX_EVENTBRIDGE_ID_LENGTH = 100;
/** CloudWatch's own limit on an alarm's name. */
export const MAX_ALARM_NAME_LENGTH = 255;

/** Whether a directly invoked event is an alarm state change, by the two fields EventBridge matched on. */
export function isAlarmStateChange(event: unknown): boolean {
  if (typeof event !== 'object' || event === null) return false;
  const fields = event as Record<string, unknown>;
  return fields.source === ALARM_EVENT_SOURCE && fields['detail-type'] === ALARM_DETAIL_TYPE;
}

/** CloudWatch writes state timestamps with an offset of `+0000`, which RFC 3339 spells `+00:00`. */
const withColonOffset = (value: unknown) =>
  typeof value === 'string' ? value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : value;

const eventSchema = lazy(() =>
  z.looseObject({
    id: z
      .string({ error: "must be the EventBridge event's id" })
      .min(1, 'must not be empty')
      .max(MAX_EVENTBRIDGE_ID_LENGTH, `must be at most ${MAX_EVENTBRIDGE_ID_LENGTH} characters`),
    source: z.literal(ALARM_EVENT_SOURCE, { error: `must be "${ALARM_EVENT_SOURCE}"` }),
    'detail-type': z.literal(ALARM_DETAIL_TYPE, { error: `must be "${ALARM_DETAIL_TYPE}"` }),
    account: z.string().optional(),
    region: z.string().optional(),
    resources: z.array(z.string()).optional(),
    detail: z.looseObject(
      {
        alarmName: z
          .string({ error: "must be the alarm's name" })
          .min(1, 'must not be empty')
          .max(MAX_ALARM_NAME_LENGTH, `must be at most ${MAX_ALARM_NAME_LENGTH} characters`),
        state: z.looseObject(
          {
            value: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA'], {
              error: "must be 'OK', 'ALARM' or 'INSUFFICIENT_DATA'",
            }),
            timestamp: z.preprocess(
              withColonOffset,
              z.iso.datetime({ offset: true, error: 'must be a date-time, as CloudWatch sends it' }),
            ),
          },
          { error: "must be the alarm's new state: {value, timestamp}" },
        ),
      },
      { error: 'must be the alarm state change: {alarmName, state, ...}' },
    ),
  }),
);

/** The alarm's ARN names it across accounts and regions; its name stands in when no ARN came. */
function alarmOf(resources: readonly string[] | undefined, alarmName: string): string {
  const alarm = resources?.find((arn) => arn.startsWith('arn:') && arn.includes(':alarm:')) ?? alarmName;
  return alarm.length <= MAX_KEY_LENGTH ? alarm : createHash('sha256').update(alarm, 'utf8').digest('hex');
}

/**
 * One event is one item; rules match its `detail` (`alarmName`, `state`, `configuration`, ...)
 * with the event's `account` and `region` beside it. `INSUFFICIENT_DATA` says nothing about the
 * service, so it is acknowledged as ignored whatever the rules. The id is EventBridge's event id,
 * the same on every retry of the invocation.
 */
function map(payload: unknown, source: SourceDefinition): Mapping | { errors: FieldIssue[] } {
  const parsed = eventSchema().safeParse(payload, { reportInput: true });
  if (!parsed.success) return { errors: issuesFromZod(parsed.error) };
  const event = parsed.data;
  const { state } = event.detail;
  if (state.value === 'INSUFFICIENT_DATA') return { batches: [], ignored: 1 };
  return eventsOfOneItem(
    {
      fields: { ...event.detail, account: event.account, region: event.region },
      id: `${source.name}:${event.id}`,
      at: state.timestamp,
      subject: alarmOf(event.resources, event.detail.alarmName),
      defaultPhase: state.value === 'ALARM' ? 'down' : 'up',
    },
    source,
  );
}

export const cloudwatchSource: SourceType = { verify: verifyBearerToken, map };
