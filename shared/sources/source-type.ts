/**
 * What one kind of sender brings to the sources edge: how its deliveries are verified and how a
 * verified payload becomes events. The edge looks a kind up in the registry and knows nothing else
 * of it, so adding a kind is one module implementing this and one entry in the registry.
 */
import type { Instant } from '../domain/model.js';
import type { SourceDefinition } from '../domain/sources/config-sources.js';
import type { FieldIssue } from '../domain/validation-error.js';

export interface DeliveryRequest {
  /** Header names as received; a kind reads them whatever their case. */
  headers: Record<string, string | undefined>;
  /** The raw bytes, exactly as signed. */
  body: Buffer;
  /** The HTTP method, path and query as received, for schemes that sign the request's URI. */
  method?: string;
  rawPath?: string;
  rawQueryString?: string;
}

export type Verification =
  /** `deliveryId` is the sender's own id of this delivery, stable across its retries. */
  { ok: true; deliveryId: string } | { ok: false; reason: string };

/** Events for one commitment, each with an id derived from the sender's identifiers. */
export interface EventBatch {
  commitment: string;
  events: Record<string, unknown>[];
  /** Where each event came from in the payload, for the answer's per-event verdicts. */
  origins: number[];
}

export interface Mapping {
  batches: EventBatch[];
  /** Delivered items that no rule matched: acknowledged, so the sender does not retry, and counted. */
  ignored: number;
}

export interface SourceType {
  /**
   * Checks the delivery with the kind's scheme and the source's secret before anything reads it.
   * `now` holds each clock reading that may vouch for a timestamp; `source` is the source
   * delivered to, for schemes that need more of it than its secret.
   */
  verify(
    request: DeliveryRequest,
    secret: string,
    now: readonly Instant[],
    source?: SourceDefinition,
  ): Verification;
  /**
   * Maps a verified JSON payload to events, or returns the fields that make it malformed. `headers`
   * are the delivery's, for kinds that name the event there rather than in the payload.
   */
  map(
    payload: unknown,
    source: SourceDefinition,
    deliveryId: string,
    headers?: Record<string, string | undefined>,
  ): Mapping | { errors: FieldIssue[] };
}

/** A header's value whatever its case. */
export function headerOf(headers: Record<string, string | undefined>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}
