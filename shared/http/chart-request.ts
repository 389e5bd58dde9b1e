/**
 * GET /v1/commitments/{id}/chart.svg and chart.png: the query checked here, the chart drawn by the
 * shared use case. API Gateway carries binary bodies as base64 with `isBase64Encoded`.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { StoreDeps } from '../app/deps.js';
import { CHART_KINDS, type ChartKind, isChartKind } from '../domain/charts/chart-model.js';
import { HttpProblem } from './problem.js';
import { pathParam } from './request.js';

const KNOWN_PARAMS = new Set(['kind', 'period']);

function badParameter(name: string, message: string): HttpProblem {
  return new HttpProblem(400, 'Invalid request', `Query parameter '${name}' ${message}.`, [
    { path: name, message },
  ]);
}

export function chartKindParam(query: Record<string, string | undefined>): ChartKind {
  const raw = query.kind;
  if (raw === undefined) return 'burnup';
  if (!isChartKind(raw))
    throw badParameter('kind', `must be one of ${CHART_KINDS.join(', ')} (got '${raw}')`);
  return raw;
}

export async function chartRequest(
  deps: StoreDeps,
  event: APIGatewayProxyEventV2,
  format: 'svg' | 'png',
): Promise<APIGatewayProxyResultV2> {
  const query = event.queryStringParameters ?? {};
  const unknown = Object.keys(query).find((name) => !KNOWN_PARAMS.has(name));
  if (unknown !== undefined) throw badParameter(unknown, 'is not known; use kind and period');
  const kind = chartKindParam(query);
  const period = query.period;
  if (period === '')
    throw badParameter('period', 'must be a period key such as 2026-11, 2026-W48 or 2026-Q4');
  const { commitmentChart } = await import('../app/charts.js');
  const chart = await commitmentChart(deps, { commitmentId: pathParam(event, 'id'), kind, period, format });
  // Charts of an open period change with every evaluation; a closed one's never do, but a short
  // cache keeps the rule simple and the dashboard fresh.
  const headers = { 'content-type': chart.contentType, 'cache-control': 'private, max-age=60' };
  if (typeof chart.body === 'string') return { statusCode: 200, headers, body: chart.body };
  return {
    statusCode: 200,
    headers,
    body: Buffer.from(chart.body).toString('base64'),
    isBase64Encoded: true,
  };
}
