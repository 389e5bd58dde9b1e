/**
 * The dashboard's routes: which page a path asks for, the use cases that page reads, and the
 * answer. Errors a person can act on (an unknown commitment, a filter that names nothing) become
 * pages that say so, with the status the API would give.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DateTime } from 'luxon';
import type { StoreDeps } from '../app/deps.js';
import { BadRequestError } from '../app/errors.js';
import { listStatus } from '../app/status.js';
import type { Status } from '../domain/model.js';
import { exposedAnswer } from '../edge/error-table.js';
import { HttpProblem } from '../http/problem.js';
import type { WebViewer } from '../ports/web-auth.js';
import { STATUS_LABEL } from '../presentation/status-line.js';
import { chartSrc, commitmentCharts } from './chart-links.js';
import { commitmentPageData } from './commitment-data.js';
import { CommitmentPage } from './pages/commitment.js';
import { DigestPage } from './pages/digest.js';
import { ErrorPage } from './pages/error-page.js';
import { OverviewPage } from './pages/overview.js';
import { htmlResponse, type WebResult } from './render.js';
import { STYLESHEET, STYLESHEET_PATH } from './style.js';

type Event = APIGatewayProxyEventV2;

const STATUSES = Object.keys(STATUS_LABEL) as Status[];

function query(event: Event, name: string): string | undefined {
  const value = event.queryStringParameters?.[name];
  return value === undefined || value === '' ? undefined : value;
}

async function overview(deps: StoreDeps, event: Event, viewer?: WebViewer): Promise<WebResult> {
  const [items, config] = await Promise.all([listStatus(deps), deps.commitments.getConfig()]);
  const departments = config?.departments ?? {};
  const department = query(event, 'department');
  if (department !== undefined && !(department in departments)) {
    throw new BadRequestError(
      `department must be one of the configured departments (${Object.keys(departments).join(', ') || 'none yet'})`,
      'department',
    );
  }
  const status = query(event, 'status');
  if (status !== undefined && !STATUSES.includes(status as Status)) {
    throw new BadRequestError(`status must be one of ${STATUSES.join(', ')}`, 'status');
  }
  return htmlResponse(
    200,
    <OverviewPage
      items={items}
      departments={departments}
      filters={{ department, status: status as Status | undefined }}
      chartSrc={(id) => chartSrc(id, 'burnup')}
      viewer={viewer}
    />,
  );
}

async function commitment(deps: StoreDeps, id: string, viewer?: WebViewer): Promise<WebResult> {
  const data = await commitmentPageData(deps, id);
  const charts = commitmentCharts(id, data.definition, data.evaluation, data.history.length);
  return htmlResponse(200, <CommitmentPage data={data} viewer={viewer} charts={charts} />);
}

/** The ISO week `weeks` away from `week` (`2026-W48` → `2026-W47`). */
function weekAway(week: string, weeks: number): string {
  return DateTime.fromISO(week, { zone: 'UTC' }).plus({ weeks }).toISOWeekDate()?.slice(0, 8) ?? week;
}

async function digest(deps: StoreDeps, event: Event, viewer?: WebViewer): Promise<WebResult> {
  const { buildWeeklyDigest, digestFormat } = await import('../app/digest.js');
  const content = await buildWeeklyDigest(deps, { week: query(event, 'week') });
  return htmlResponse(
    200,
    <DigestPage
      digest={content}
      format={digestFormat}
      previousWeek={weekAway(content.week, -1)}
      // A sent digest's next week has begun; a week still live is the newest there is.
      nextWeek={content.asOfNow ? undefined : weekAway(content.week, 1)}
      viewer={viewer}
    />,
  );
}

/** `/commitments/{id}`: the id, or undefined when the path is not one commitment's page. */
function commitmentId(path: string): string | undefined {
  const match = /^\/commitments\/([^/]+)$/.exec(path);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** `/commitments/{id}/chart.svg?kind=…`: drawn by the same use case as the API's chart route. */
async function chart(deps: StoreDeps, event: Event, encodedId: string): Promise<WebResult> {
  const { chartRequest } = await import('../http/chart-request.js');
  const result = await chartRequest(deps, { ...event, pathParameters: { id: encodedId } }, 'svg');
  return typeof result === 'string' ? { statusCode: 200, body: result } : result;
}

const stylesheet = (): WebResult => ({
  statusCode: 200,
  headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  body: STYLESHEET,
});

function route(deps: StoreDeps, event: Event, viewer?: WebViewer): Promise<WebResult> | WebResult {
  const path = event.rawPath;
  if (path === '/') return overview(deps, event, viewer);
  if (path === STYLESHEET_PATH) return stylesheet();
  if (path === '/digest') return digest(deps, event, viewer);
  const chartOf = /^\/commitments\/([^/]+)\/chart\.svg$/.exec(path)?.[1];
  if (chartOf !== undefined) return chart(deps, event, chartOf);
  const id = commitmentId(path);
  if (id !== undefined) return commitment(deps, id, viewer);
  return htmlResponse(
    404,
    <ErrorPage
      title="Page not found"
      message="There is no dashboard page at this address."
      viewer={viewer}
    />,
  );
}

/** The answer to one dashboard request, for `viewer` (absent when no one signs in). */
export async function answerPage(deps: StoreDeps, event: Event, viewer?: WebViewer): Promise<WebResult> {
  const method = event.requestContext.http.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    return htmlResponse(
      405,
      <ErrorPage
        title="Method not allowed"
        message="The dashboard only shows pages; it changes nothing."
        viewer={viewer}
      />,
      { allow: 'GET, HEAD' },
    );
  }
  try {
    return await route(deps, event, viewer);
  } catch (error) {
    const exposed = exposedAnswer(error);
    if (!exposed) throw error;
    return htmlResponse(
      error instanceof HttpProblem ? error.statusCode : exposed.answer.status,
      <ErrorPage title={exposed.answer.title} message={exposed.error.message} viewer={viewer} />,
    );
  }
}
