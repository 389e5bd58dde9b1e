import middy from '@middy/core';
import httpRouter from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { StoreDeps } from '../../shared/app/deps.js';
import type { Author } from '../../shared/domain/audit.js';
import { toProblem } from '../../shared/http/error-mapper.js';
import { recordEventsRequest } from '../../shared/http/events-request.js';
import {
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from '../../shared/http/hmac-signature.js';
import { HttpProblem } from '../../shared/http/problem.js';
import type { BusinessMetrics } from '../../shared/ports/metrics.js';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyResultV2;

export interface WebhookDeps extends StoreDeps {
  /** The shared HMAC secret (Secrets Manager in AWS), cached for a few minutes. */
  secret: () => Promise<string>;
  log: { error(message: string, error: unknown): void };
  /** Counts accepted, duplicate and rejected events. */
  metrics?: BusinessMetrics;
}

/** The HMAC webhook is a sender of its own: what it records is authored as that source. */
const WEBHOOK_ACTOR: Author = { by: 'source:webhook', via: 'source' };

const header = (event: Event, name: string) =>
  Object.entries(event.headers ?? {}).find(([n]) => n.toLowerCase() === name)?.[1];

/**
 * `POST /webhook/commitments/{id}/events`: event ingestion for a CRM that cannot sign SigV4. The
 * HMAC signature is checked before anything else; then it is the same use case as the IAM route.
 */
export function makeHandler(deps: WebhookDeps) {
  const router = httpRouter<Event, Result>({
    routes: [
      {
        method: 'POST',
        path: '/webhook/commitments/{id}/events',
        handler: async (event: Event) => {
          const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
          const verdict = verifyWebhookSignature({
            secret: await deps.secret(),
            signature: header(event, WEBHOOK_SIGNATURE_HEADER),
            timestamp: header(event, WEBHOOK_TIMESTAMP_HEADER),
            body,
            now: deps.clock.now(),
          });
          if (!verdict.ok) {
            throw new HttpProblem(
              401,
              'Unauthorized',
              `The request signature was refused: ${verdict.reason}.`,
            );
          }
          return recordEventsRequest(deps, event, WEBHOOK_ACTOR);
        },
      },
    ],
    notFoundResponse: ({ method, path }) => {
      throw new HttpProblem(404, 'Not found', `There is no route ${method} ${path}.`);
    },
  });
  return middy<Event, Result>()
    .use({
      onError: async (request) => {
        request.response = toProblem(request.error, (error) => deps.log.error('unhandled error', error));
      },
    })
    .handler(router);
}
