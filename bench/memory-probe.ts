/**
 * What one function does with its largest realistic input, run in a fresh process of its own (the
 * memory benchmark bundles one entry per probe, like a Lambda bundle, and runs it with plain node).
 * Each probe prints one JSON line: the peak RSS of the process and what it did.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { makeHandler as makeApiHandler } from '../functions/api/handler.js';
import { createLocalDynamoClient } from '../local/dynamodb-local.js';
import { localContext } from '../local/lambda-bridge.js';
import { createDynamoStores } from '../shared/adapters/dynamodb/stores.js';
import type { StoreDeps } from '../shared/app/deps.js';
import { buildWeeklyDigest } from '../shared/app/digest.js';
import { runEvaluation } from '../shared/app/evaluator.js';

export interface ProbeArgs {
  endpoint: string;
  tableName: string;
  at: number;
  commitmentId?: string;
  batchSize?: number;
  invocations?: number;
}

export interface ProbeOutput {
  probe: string;
  peakRssMiB: number;
  heapUsedMiB: number;
  ms: number;
  detail: Record<string, unknown>;
}

function report(probe: string, started: number, detail: Record<string, unknown>): void {
  const output: ProbeOutput = {
    probe,
    // maxRSS is in KiB on Linux.
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    heapUsedMiB: process.memoryUsage().heapUsed / 1024 ** 2,
    ms: performance.now() - started,
    detail,
  };
  console.log(JSON.stringify(output));
}

function storesFor(args: ProbeArgs): StoreDeps {
  const clock = { now: () => args.at };
  return createDynamoStores(createLocalDynamoClient(args.endpoint), args.tableName, clock);
}

/** The module graph loaded and nothing done: what the process weighs before any work. */
export async function probeIdle(_args: ProbeArgs): Promise<void> {
  report('idle', performance.now(), {});
}

export async function probeEvaluator(args: ProbeArgs): Promise<void> {
  const started = performance.now();
  const summary = await runEvaluation(
    { ...storesFor(args), publisher: { publish: async () => undefined } },
    args.at,
  );
  report('evaluator', started, { evaluated: summary.evaluated, transitions: summary.transitions.length });
}

export async function probeDigest(args: ProbeArgs): Promise<void> {
  const started = performance.now();
  // The scheduled send: the week that just ended, from the live state of every commitment.
  const digest = await buildWeeklyDigest(storesFor(args), { sending: true });
  report('digest', started, { commitments: digest.headline.total, textChars: digest.text.length });
}

/** The API handler as a warm container runs it: several requests of the largest allowed batch. */
export async function probeApiBatch(args: ProbeArgs): Promise<void> {
  const started = performance.now();
  const handler = makeApiHandler({
    ...storesFor(args),
    publisher: { publish: async () => undefined },
    log: { error: (message, error) => console.error(message, error) },
  });
  const batchSize = args.batchSize ?? 500;
  const runId = `${process.pid}-${Date.now()}`;
  let accepted = 0;
  for (let n = 0; n < (args.invocations ?? 5); n++) {
    const events = Array.from({ length: batchSize }, (_, i) => ({
      id: `probe-${runId}-${n}-${i}`,
      at: new Date(args.at - 60_000 - i * 1_000).toISOString(),
      value: 1,
    }));
    const path = `/v1/commitments/${args.commitmentId}/events`;
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: '$default',
      rawPath: path,
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      // The deployed API admits IAM callers only; the bench calls as one.
      requestContext: {
        authorizer: { iam: { userArn: 'arn:aws:iam::000000000000:user/bench' } },
        accountId: 'bench',
        apiId: 'bench',
        domainName: 'localhost',
        domainPrefix: 'bench',
        requestId: `bench-${n}`,
        routeKey: '$default',
        stage: '$default',
        time: '',
        timeEpoch: args.at,
        http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      } as APIGatewayProxyEventV2['requestContext'],
      body: JSON.stringify({ events }),
      isBase64Encoded: false,
    };
    const result = (await handler(event, localContext('sla-api'))) as APIGatewayProxyStructuredResultV2;
    const body = JSON.parse(result.body ?? '{}') as { accepted?: number };
    if (result.statusCode !== 200 || body.accepted !== batchSize) {
      throw new Error(`the API answered ${result.statusCode}: ${result.body?.slice(0, 400)}`);
    }
    accepted += body.accepted;
  }
  report('api-batch', started, { accepted, batchSize });
}
