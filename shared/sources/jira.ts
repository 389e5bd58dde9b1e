/**
 * The `jira` kind: a Jira Cloud admin webhook with a secret. `X-Hub-Signature` signs the body
 * (hub-signature.ts); `X-Atlassian-Webhook-Identifier` names the delivery and stays the same across
 * Jira's retries, so it is the event's id. Rules match the payload (`webhookEvent`, the `issue`,
 * the `changelog` whose `items` say what changed); the subject is the issue's key.
 */
import type { SourceDefinition } from '../domain/sources/config-sources.js';
import type { FieldIssue } from '../domain/validation-error.js';
import { verifyHubSignature } from './hub-signature.js';
import { asObject, eventsOfOneItem } from './rule-events.js';
import type { DeliveryRequest, Mapping, SourceType } from './source-type.js';

function verify(request: DeliveryRequest, secret: string) {
  return verifyHubSignature(request, secret, {
    signature: 'X-Hub-Signature',
    delivery: 'X-Atlassian-Webhook-Identifier',
  });
}

/** The issue's key (`SUP-42`), which people know it by; its numeric id when a payload has no key. */
function issueOf(payload: Record<string, unknown>): string | undefined {
  const issue = asObject(payload.issue);
  const named = issue?.key ?? issue?.id;
  return typeof named === 'string' || typeof named === 'number' ? String(named) : undefined;
}

function map(
  payload: unknown,
  source: SourceDefinition,
  deliveryId: string,
): Mapping | { errors: FieldIssue[] } {
  const body = asObject(payload);
  if (body === undefined) return { errors: [{ path: '', message: 'must be a JSON object, a Jira event' }] };
  // Jira stamps each event in Unix milliseconds: when the issue changed, not when it arrived.
  const { timestamp } = body;
  const at =
    typeof timestamp === 'number' && Number.isSafeInteger(timestamp) && timestamp >= 0 && timestamp <= 8.64e15
      ? new Date(timestamp).toISOString()
      : undefined;
  const subject = issueOf(body);
  const mapping = eventsOfOneItem(
    {
      fields: body,
      id: `${source.name}:${deliveryId}`,
      ...(at === undefined ? {} : { at }),
      ...(subject === undefined ? {} : { subject }),
    },
    source,
  );
  if (mapping.batches.length > 0 && timestamp !== undefined && at === undefined) {
    return { errors: [{ path: 'timestamp', message: 'must be Unix milliseconds, a whole number' }] };
  }
  return mapping;
}

export const jiraSource: SourceType = { verify, map };
