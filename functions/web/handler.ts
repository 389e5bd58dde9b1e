import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { StoreDeps } from '../../shared/app/deps.js';
import type { WebAuth, WebViewer } from '../../shared/ports/web-auth.js';
import { withSecurityHeaders } from '../../shared/web/security-headers.js';

// The pages bring the JSX renderer and every use case they read; a cold start loads them with the
// first page rather than at import, as the API's routes do.
const site = () => import('../../shared/web/site.js');

export interface WebLog {
  error(message: string, error: unknown): void;
}

export interface WebDeps extends StoreDeps {
  log: WebLog;
  /** Who may see the dashboard; without it (locally) everyone sees everything. */
  auth?: WebAuth;
}

type Result = APIGatewayProxyStructuredResultV2;

/** The dashboard: server-rendered pages over the same stores and use cases as the API. */
export function makeHandler(deps: WebDeps) {
  return async (event: APIGatewayProxyEventV2): Promise<Result> => {
    try {
      let viewer: WebViewer | undefined;
      if (deps.auth) {
        const outcome = await deps.auth.authenticate(event);
        if (outcome.kind === 'respond') return withSecurityHeaders(outcome.response);
        viewer = outcome.viewer;
      }
      const { answerPage } = await site();
      return withSecurityHeaders(await answerPage(deps, event, viewer));
    } catch (error) {
      deps.log.error('dashboard request failed', error);
      return withSecurityHeaders({
        statusCode: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
        body: 'Something went wrong; see the server log.',
      });
    }
  };
}
