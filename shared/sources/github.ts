/**
 * The `github` kind: a repository's or organization's webhook. `X-Hub-Signature-256` signs the
 * body (hub-signature.ts); `X-GitHub-Event` names the event, which rules match as the field
 * `event` beside the payload's own (`{ event: pull_request, action: opened }`); `X-GitHub-Delivery`
 * names the delivery, and a redelivery keeps it, so it is the event's id.
 */
import type { SourceDefinition } from '../domain/sources/config-sources.js';
import type { FieldIssue } from '../domain/validation-error.js';
import { verifyHubSignature } from './hub-signature.js';
import { asObject, eventsOfOneItem } from './rule-events.js';
import { type DeliveryRequest, headerOf, type Mapping, type SourceType } from './source-type.js';

export const GITHUB_EVENT_HEADER = 'X-GitHub-Event';

function verify(request: DeliveryRequest, secret: string) {
  return verifyHubSignature(request, secret, {
    signature: 'X-Hub-Signature-256',
    delivery: 'X-GitHub-Delivery',
  });
}

/**
 * What the delivery is about: the pull request or issue (a pull request's own events, its reviews
 * and comments, an issue's), as `owner/repo#number`, the way GitHub links one; and when the action
 * happened: a submitted review's own time, else the moment the pull request or issue last changed.
 */
function aboutOf(payload: Record<string, unknown>): { subject?: string; at?: unknown; atPath?: string } {
  const kind = asObject(payload.pull_request) ? 'pull_request' : 'issue';
  const thread = asObject(payload[kind]);
  const repository = asObject(payload.repository)?.full_name;
  const number = thread?.number;
  if (thread === undefined || typeof repository !== 'string' || typeof number !== 'number') return {};
  const subject = `${repository}#${number}`;
  const review = asObject(payload.review);
  if (payload.action === 'submitted' && review?.submitted_at !== undefined) {
    return { subject, at: review.submitted_at, atPath: 'review.submitted_at' };
  }
  return { subject, at: thread.updated_at, atPath: `${kind}.updated_at` };
}

function map(
  payload: unknown,
  source: SourceDefinition,
  deliveryId: string,
  headers: Record<string, string | undefined> = {},
): Mapping | { errors: FieldIssue[] } {
  const body = asObject(payload);
  if (body === undefined) return { errors: [{ path: '', message: 'must be a JSON object, a GitHub event' }] };
  const event = headerOf(headers, GITHUB_EVENT_HEADER)?.trim();
  const { subject, at, atPath } = aboutOf(body);
  const mapping = eventsOfOneItem(
    {
      // The header names the event; it is matched as a field, and wins over a payload field of that name.
      fields: { ...body, ...(event ? { event } : {}) },
      id: `${source.name}:${deliveryId}`,
      ...(typeof at === 'string' ? { at } : {}),
      ...(subject === undefined ? {} : { subject }),
    },
    source,
  );
  if (mapping.batches.length > 0 && at !== undefined && typeof at !== 'string') {
    return { errors: [{ path: atPath ?? '', message: 'must be an ISO-8601 date-time, as GitHub sends it' }] };
  }
  return mapping;
}

export const githubSource: SourceType = { verify, map };
