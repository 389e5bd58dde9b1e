import middy from '@middy/core';
import httpRouter, { type Route } from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { AlertReaction, ReactionListener } from '../../shared/app/alert-actions.js';
import type { StoreDeps } from '../../shared/app/deps.js';
import { companyZone, getHistory, getStatus, listStatus } from '../../shared/app/status.js';
import { authorFrom } from '../../shared/domain/audit.js';
import { isoInstant } from '../../shared/domain/instant-format.js';
import { type CallerOf, iamCaller } from '../../shared/http/caller.js';
import { configUpload } from '../../shared/http/config-upload.js';
import { toProblem } from '../../shared/http/error-mapper.js';
import { HttpProblem, json } from '../../shared/http/problem.js';
import { jsonBody, pathParam, queryFlag } from '../../shared/http/request.js';
import { listSubjectsRequest } from '../../shared/http/subjects-request.js';
import type { HolidaySources } from '../../shared/ports/holiday-sources.js';
import type { BusinessMetrics } from '../../shared/ports/metrics.js';
import type { NotificationPublisher } from '../../shared/ports/notification-publisher.js';
import type { SourceStatsStore } from '../../shared/ports/source-stats.js';
import type { ExcusalListener } from '../../shared/slack/excusal-message.js';
import { auditRoutes } from './audit-routes.js';

// The reads above are what most requests need. Every other route imports its use case when it is
// first called: those modules bring the schema library, the config parser, the evaluator and the
// digest, which a cold start would otherwise read and run for requests that use none of them.
const commitmentsUseCases = () => import('../../shared/app/commitments.js');
const alertActions = () => import('../../shared/app/alert-actions.js');

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyResultV2;
export type ApiRoute = Route<Event, Result>;

export interface ApiLog {
  error(message: string, error: unknown): void;
}

/** A route whose handler only needs the request (the router's own type is a union TS cannot infer). */
export const route = (
  method: ApiRoute['method'],
  path: string,
  handler: (event: Event) => Promise<Result>,
): ApiRoute => ({
  method,
  path,
  handler: (event: Event) => handler(event),
});

export interface ApiDeps extends StoreDeps {
  log: ApiLog;
  /** Counts the events the events route accepts, finds duplicate or rejects. */
  metrics?: BusinessMetrics;
  /** Where the evaluator's notifications go (POST /v1/evaluations). */
  publisher: NotificationPublisher;
  /** Told when one commitment fails during `POST /v1/evaluations` (logged by default). */
  onCommitmentError?: (commitmentId: string, error: unknown) => void;
  /** Told after an acknowledgement or snooze, e.g. to update the alert's Slack messages. */
  onReaction?: ReactionListener;
  /** Told when an excusal waits for approval (posts it to the department it blames). */
  onExcusal?: ExcusalListener;
  /** Holiday data and the uploaded .ics files for applying a config (the real ones by default). */
  holidaySourcesFor?: (readFile: (path: string) => string | undefined) => HolidaySources;
  /** Who calls: the IAM principal API Gateway names (the default), or the local runtime's admin. */
  callerOf?: CallerOf;
  /** Each source's delivery counts (GET /v1/sources); without it every count reads 0. */
  sourceStats?: SourceStatsStore;
  /** Routes that other features add (evaluations, ack, digest…), in the same problem+json envelope. */
  extraRoutes?: ApiRoute[];
}

function alertView(reaction: AlertReaction) {
  const { state } = reaction;
  const iso = (at?: number) => (at === undefined ? undefined : isoInstant(at));
  return {
    commitmentId: reaction.commitmentId,
    period: reaction.period,
    timezone: reaction.timezone,
    level: state.level,
    episode: state.episode,
    acknowledgedBy: state.acknowledgedBy,
    acknowledgedAt: iso(state.acknowledgedAt),
    note: state.note,
    snoozedBy: state.snoozedBy,
    snoozedUntil: iso(state.snoozedUntil),
  };
}

function positiveInt(event: Event, name: string, fallback: number, max: number): number {
  const raw = event.queryStringParameters?.[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new HttpProblem(
      400,
      'Invalid request',
      `Query parameter '${name}' must be a whole number from 1 to ${max}.`,
      [{ path: name, message: `must be a whole number from 1 to ${max}` }],
    );
  }
  return value;
}

function expectedVersion(event: Event): number | undefined {
  const header = Object.entries(event.headers ?? {}).find(([n]) => n.toLowerCase() === 'if-match')?.[1];
  if (header === undefined) return undefined;
  const value = Number(header.replace(/"/g, ''));
  if (!Number.isInteger(value) || value < 0) {
    throw new HttpProblem(
      400,
      'Invalid request',
      'The If-Match header must be the commitment\'s version number, e.g. "3".',
      [{ path: 'If-Match', message: 'must be a whole number of 0 or more (the version you read), e.g. "3"' }],
    );
  }
  return value;
}

export function apiRoutes(deps: ApiDeps): ApiRoute[] {
  const callerOf = deps.callerOf ?? iamCaller;
  return [
    route('GET', '/health', async () => json(200, { status: 'ok' })),
    route('GET', '/v1/commitments', async () => json(200, { commitments: await listStatus(deps) })),
    route('GET', '/v1/status', async () => {
      const [statuses, timezone] = await Promise.all([listStatus(deps), companyZone(deps)]);
      return json(200, {
        evaluatedAt: isoInstant(deps.clock.now()),
        timezone,
        statuses: statuses.map((s) => ({
          id: s.id,
          ...s.evaluation,
          title: s.title,
          provider: s.provider,
          consumer: s.consumer,
          timezone: s.timezone,
        })),
      });
    }),
    route('GET', '/v1/commitments/{id}', async (event) => {
      const { getCommitment } = await commitmentsUseCases();
      return json(200, await getCommitment(deps, pathParam(event, 'id')));
    }),
    route('PUT', '/v1/commitments/{id}', async (event) => {
      const id = pathParam(event, 'id');
      const { putCommitment } = await commitmentsUseCases();
      const outcome = await putCommitment(deps, id, jsonBody(event), {
        immediate: queryFlag(event, 'immediate'),
        expectedVersion: expectedVersion(event),
        actor: authorFrom(callerOf(event)),
      });
      return json(outcome.created ? 201 : 200, {
        id,
        created: outcome.created,
        changed: outcome.changed,
        version: outcome.version.version,
        effectiveFrom: isoInstant(outcome.version.effectiveFrom),
        plan: outcome.plan,
      });
    }),
    route('DELETE', '/v1/commitments/{id}', async (event) => {
      const { archiveCommitment } = await commitmentsUseCases();
      const record = await archiveCommitment(deps, pathParam(event, 'id'), authorFrom(callerOf(event)));
      return json(200, { id: record.id, state: record.state });
    }),
    route('POST', '/v1/config:apply', async (event) => {
      const { text, format, files } = await configUpload(event);
      const [{ applyConfig }, { createHolidaySources }] = await Promise.all([
        commitmentsUseCases(),
        import('../../shared/adapters/holidays/holiday-sources.js'),
      ]);
      const result = await applyConfig(deps, {
        text,
        format,
        holidaySources: (deps.holidaySourcesFor ?? createHolidaySources)((path) => files[path]),
        dryRun: queryFlag(event, 'dryRun'),
        immediate: queryFlag(event, 'immediate'),
        actor: authorFrom(callerOf(event)),
      });
      return json(200, result);
    }),
    route('POST', '/v1/commitments/{id}/events', async (event) => {
      // API callers are admins, who may log on any commitment; an unsigned request is refused.
      const author = authorFrom(callerOf(event));
      const { recordEventsRequest } = await import('../../shared/http/events-request.js');
      return recordEventsRequest(deps, event, author);
    }),
    route('GET', '/v1/commitments/{id}/status', async (event) =>
      json(200, await getStatus(deps, pathParam(event, 'id'), event.queryStringParameters?.period)),
    ),
    route('GET', '/v1/commitments/{id}/subjects', (event) => listSubjectsRequest(deps, event)),
    // Reading a chart is reading the commitment: the same callers as its status.
    ...(['svg', 'png'] as const).map((format) =>
      route('GET', `/v1/commitments/{id}/chart.${format}`, async (event) => {
        const { chartRequest } = await import('../../shared/http/chart-request.js');
        return chartRequest(deps, event, format);
      }),
    ),
    route('GET', '/v1/commitments/{id}/history', async (event) =>
      json(200, {
        results: await getHistory(deps, pathParam(event, 'id'), positiveInt(event, 'periods', 12, 120)),
      }),
    ),
    route('POST', '/v1/commitments/{id}/excusals', async (event) => {
      const { addExcusal } = await import('../../shared/app/excusals.js');
      const outcome = await addExcusal(deps, pathParam(event, 'id'), jsonBody(event), callerOf(event));
      if (!outcome.duplicate) await deps.onExcusal?.(outcome.notice);
      const { notice: _notice, ...answer } = outcome;
      return json(outcome.duplicate ? 200 : 201, answer);
    }),
    route('POST', '/v1/commitments/{id}/excusals/decisions', async (event) => {
      const { decideExcusalRequest, excusalView } = await import('../../shared/app/excusal-decisions.js');
      const outcome = await decideExcusalRequest(
        deps,
        pathParam(event, 'id'),
        jsonBody(event),
        callerOf(event),
      );
      return json(200, { ...outcome, excusal: excusalView(outcome.excusal) });
    }),
    route('POST', '/v1/commitments/{id}/ack', async (event) => {
      const { acknowledgeAlert } = await alertActions();
      const reaction = await acknowledgeAlert(deps, pathParam(event, 'id'), jsonBody(event), callerOf(event));
      await deps.onReaction?.(reaction, 'acknowledged');
      return json(200, alertView(reaction));
    }),
    route('POST', '/v1/commitments/{id}/snooze', async (event) => {
      const { snoozeAlert } = await alertActions();
      const reaction = await snoozeAlert(deps, pathParam(event, 'id'), jsonBody(event), callerOf(event));
      await deps.onReaction?.(reaction, 'snoozed');
      return json(200, alertView(reaction));
    }),
    route('POST', '/v1/evaluations', async (event) => {
      const { evaluationsRequest } = await import('../../shared/http/evaluations-request.js');
      const onCommitmentError =
        deps.onCommitmentError ??
        ((commitmentId: string, error: unknown) =>
          deps.log.error(`evaluating ${commitmentId} failed`, error));
      return evaluationsRequest({ ...deps, onCommitmentError }, event);
    }),
    route('GET', '/v1/digest', async (event) => {
      const { buildWeeklyDigest } = await import('../../shared/app/digest.js');
      return json(200, await buildWeeklyDigest(deps, { week: event.queryStringParameters?.week }));
    }),
    ...auditRoutes(deps, callerOf),
    ...(deps.extraRoutes ?? []),
  ];
}

/** The API Lambda: every `/v1` route behind one router, every error as problem+json. */
export function makeHandler(deps: ApiDeps) {
  const router = httpRouter<Event, Result>({
    routes: apiRoutes(deps),
    notFoundResponse: ({ method, path }) => {
      throw new HttpProblem(
        404,
        'Not found',
        `There is no route ${method} ${path}. See the API reference in the README.`,
      );
    },
  });
  return middy<Event, Result>()
    .use({
      onError: async (request) => {
        request.response = toProblem(request.error, (error) => deps.log.error('unhandled error', { error }));
      },
    })
    .handler(router);
}
