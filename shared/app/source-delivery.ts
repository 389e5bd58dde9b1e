/**
 * A delivery to `POST /sources/{name}`: found by the source's name in the applied configuration,
 * verified with its kind's scheme before anything reads it, mapped to events and recorded as the
 * events API records them, authored by `source:<name>`. Every outcome is counted on the source.
 */
import type { Author } from '../domain/audit.js';
import type { Clock } from '../domain/model.js';
import type { SourceDefinition } from '../domain/sources/config-sources.js';
import type { SourceTypeName } from '../domain/sources/source-types.js';
import type { FieldIssue } from '../domain/validation-error.js';
import type { SourceStatsStore } from '../ports/source-stats.js';
import type { DeliveryRequest, SourceType } from '../sources/source-type.js';
import type { StoreDeps } from './deps.js';
import { CommitmentNotFoundError } from './errors.js';
import { recordEvents } from './record-events.js';

/** A delivery larger than this is refused unread; it is the API's own body limit. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

export interface SourceDeliveryDeps extends StoreDeps {
  sourceStats: SourceStatsStore;
  /** The source's secret, or undefined when none is set for it. */
  secretOf(sourceName: string): Promise<string | undefined>;
  /** The clocks a timestamp may be close to; `[clock]` when absent. */
  replayWindowClocks?: readonly Clock[];
}

export interface DeliveryReport {
  recorded: number;
  duplicates: number;
  ignored: number;
  rejected: Array<{ index: number; commitment: string; id?: string; errors: FieldIssue[] }>;
}

export type DeliveryOutcome =
  | { kind: 'unknown-source' }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'refused'; reason: string }
  | { kind: 'malformed'; errors: FieldIssue[] }
  | { kind: 'received'; report: DeliveryReport; events: number }
  /** A delivery routed by its kind found no source of that kind, or several, in the configuration. */
  | { kind: 'no-source-of-type'; type: SourceTypeName; names: string[] };

/** The kinds of source by type name; the edge passes its registry, so this use case holds no scheme. */
export type SourceKinds = Record<SourceTypeName, SourceType>;

export async function receiveDelivery(
  deps: SourceDeliveryDeps,
  kinds: SourceKinds,
  sourceName: string,
  request: DeliveryRequest,
): Promise<DeliveryOutcome> {
  const source = (await deps.commitments.getConfig())?.sources?.[sourceName];
  if (source === undefined) return { kind: 'unknown-source' };
  const now = deps.clock.now();
  const count = deps.sourceStats.add.bind(deps.sourceStats, sourceName);
  if (request.body.length > MAX_DELIVERY_BYTES) {
    await count({ rejected: 1 }, now);
    return { kind: 'too-large', bytes: request.body.length };
  }
  const kind = kinds[source.type];
  const secret = await deps.secretOf(sourceName);
  const verdict =
    secret === undefined
      ? { ok: false as const, reason: `no secret is set for source '${sourceName}'` }
      : kind.verify(
          request,
          secret,
          (deps.replayWindowClocks ?? [deps.clock]).map((clock) => clock.now()),
          source,
        );
  if (!verdict.ok) {
    await count({ refused: 1 }, now, verdict.reason);
    return { kind: 'refused', reason: verdict.reason };
  }

  let payload: unknown;
  try {
    payload = JSON.parse(request.body.toString('utf8'));
  } catch (error) {
    await count({ rejected: 1 }, now);
    return {
      kind: 'malformed',
      errors: [{ path: '', message: `must be JSON: ${(error as Error).message}` }],
    };
  }
  return recordPayload(deps, kind, source, payload, verdict.deliveryId, request.headers);
}

/**
 * A delivery the platform vouched for (an EventBridge rule invoking the function, allowed by IAM):
 * it names no source, so it goes to the configuration's one source of its kind, unverified.
 */
export async function receiveTrustedDelivery(
  deps: SourceDeliveryDeps,
  kinds: SourceKinds,
  type: SourceTypeName,
  payload: unknown,
): Promise<DeliveryOutcome> {
  const sources = Object.values((await deps.commitments.getConfig())?.sources ?? {});
  const ofType = sources.filter((source) => source.type === type);
  const [source] = ofType;
  if (source === undefined || ofType.length > 1) {
    return { kind: 'no-source-of-type', type, names: ofType.map((s) => s.name) };
  }
  return recordPayload(deps, kinds[type], source, payload, '');
}

/** Maps a verified payload to events and records them, counting every outcome on the source. */
async function recordPayload(
  deps: SourceDeliveryDeps,
  kind: SourceType,
  source: SourceDefinition,
  payload: unknown,
  deliveryId: string,
  headers?: DeliveryRequest['headers'],
): Promise<DeliveryOutcome> {
  const sourceName = source.name;
  const now = deps.clock.now();
  const count = deps.sourceStats.add.bind(deps.sourceStats, sourceName);
  const mapping = kind.map(payload, source, deliveryId, headers);
  if ('errors' in mapping) {
    await count({ rejected: 1 }, now);
    return { kind: 'malformed', errors: mapping.errors };
  }

  const actor: Author = { by: `source:${sourceName}`, via: 'source' };
  const report: DeliveryReport = { recorded: 0, duplicates: 0, ignored: mapping.ignored, rejected: [] };
  let events = mapping.ignored;
  for (const batch of mapping.batches) {
    events += batch.events.length;
    const origin = (i: number) => batch.origins[i] ?? i;
    try {
      const result = await recordEvents(deps, batch.commitment, batch.events, actor);
      report.recorded += result.accepted;
      report.duplicates += result.duplicates;
      for (const r of result.rejected) {
        report.rejected.push({ ...r, index: origin(r.index), commitment: batch.commitment });
      }
    } catch (error) {
      if (!(error instanceof CommitmentNotFoundError)) throw error;
      batch.events.forEach((_event, i) => {
        report.rejected.push({
          index: origin(i),
          commitment: batch.commitment,
          errors: [
            { path: 'commitment', message: `names '${batch.commitment}', which is not an active commitment` },
          ],
        });
      });
    }
  }
  await count(
    {
      recorded: report.recorded,
      duplicates: report.duplicates,
      ignored: report.ignored,
      rejected: report.rejected.length,
    },
    now,
  );
  return { kind: 'received', report, events };
}
