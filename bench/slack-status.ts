/**
 * Benchmark 4: `/sla status <commitment>` end to end through the local server (signature check,
 * command parsing, store reads, judgement, Block Kit reply): warm percentiles and the first request
 * after a cold start. Falls back to `GET /v1/commitments/{id}/status`, clearly labelled, while the
 * Slack route is not mounted in the local runtime.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { type Runtime, startRuntime } from '../local/runtime.js';
import { CLOCK_START, CLOCK_START_ISO } from './lib/fixture.js';
import { createHttpClient, type HttpClient, type HttpReply } from './lib/http-client.js';
import { type Benchmark, budget, measurement } from './lib/measurement.js';
import { spawnRuntime } from './lib/processes.js';
import { signedHeaders, slashCommandBody } from './lib/slack-request.js';
import { percentile, round, sortedCopy } from './lib/stats.js';

const ROUNDS = 5;
const REQUESTS_PER_ROUND = 200;
const WARM_UP = 30;
const COLD_STARTS = 5;
const COMMITMENT = 'marketing-qualified-leads';
/** Known to the bench: given to the runtime (in-process as an option, in a child as SLACK_SIGNING_SECRET). */
const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';

type Mode = 'slack' | 'http-fallback';

interface Target {
  mode: Mode;
  send(http: HttpClient, nowMs: number): Promise<HttpReply>;
}

const slackTarget = (secret: string): Target => ({
  mode: 'slack',
  send(http, nowMs) {
    const body = slashCommandBody({
      text: `status ${COMMITMENT}`,
      userId: 'U0SALESLEAD',
      channelId: 'C0SALES',
    });
    return http.post('/slack/commands', body, signedHeaders(secret, nowMs, body));
  },
});

const fallbackTarget: Target = {
  mode: 'http-fallback',
  send: (http) => http.get(`/v1/commitments/${COMMITMENT}/status`),
};

/** A reply counts only when it is the real answer: 200, and for Slack not the polite error message. */
function check(reply: HttpReply, mode: Mode): void {
  const ok =
    reply.status === 200 &&
    (mode === 'http-fallback'
      ? reply.body.includes(COMMITMENT)
      : !/went wrong|not a slash command/i.test(reply.body));
  if (!ok) throw new Error(`${mode} request answered ${reply.status}: ${reply.body.slice(0, 400)}`);
}

async function chooseTarget(runtime: Runtime, http: HttpClient): Promise<Target> {
  const probe = await slackTarget(SIGNING_SECRET).send(http, runtime.clock.now());
  if (probe.status === 404) return fallbackTarget;
  check(probe, 'slack');
  return slackTarget(SIGNING_SECRET);
}

export const slackStatusBenchmark: Benchmark = {
  id: 'slack-status',
  title: '/sla status end to end through the local server',
  async run({ root, scratch, log }) {
    const runtime = await startRuntime({
      slackSigningSecret: SIGNING_SECRET,
      host: '127.0.0.1',
      port: 0,
      dataDir: mkdtempSync(join(scratch, 'slack-warm-')),
      configPath: join(root, 'examples/commitments.yaml'),
      clockStart: CLOCK_START,
      log: () => undefined,
    });
    const http = createHttpClient(runtime.url, 1);
    const p50s: number[] = [];
    const p99s: number[] = [];
    let target: Target;
    try {
      target = await chooseTarget(runtime, http);
      log(
        `slack-status: measuring ${target.mode === 'slack' ? 'POST /slack/commands' : 'GET /v1/commitments/{id}/status (Slack route not mounted)'}`,
      );
      for (let i = 0; i < WARM_UP; i++) check(await target.send(http, runtime.clock.now()), target.mode);
      for (let round = 0; round < ROUNDS; round++) {
        const times: number[] = [];
        for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
          const reply = await target.send(http, runtime.clock.now());
          check(reply, target.mode);
          times.push(reply.ms);
        }
        const sorted = sortedCopy(times);
        p50s.push(percentile(sorted, 50));
        p99s.push(percentile(sorted, 99));
      }
    } finally {
      http.close();
      await runtime.stop();
    }

    log(`slack-status: ${COLD_STARTS} cold starts of the local runtime (node --import tsx local/start.ts)`);
    const firstRequest: number[] = [];
    const secondRequest: number[] = [];
    const startup: number[] = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      const spawnedAt = Date.now();
      const child = await spawnRuntime({
        root,
        dataDir: mkdtempSync(join(scratch, 'slack-cold-')),
        clock: CLOCK_START_ISO,
        env: { SLACK_SIGNING_SECRET: SIGNING_SECRET },
      });
      const coldHttp = createHttpClient(child.url, 1);
      // The child's clock started at CLOCK_START when it read SLA_CLOCK, a moment after the spawn.
      const childNow = () => CLOCK_START + (Date.now() - spawnedAt);
      try {
        const first = await target.send(coldHttp, childNow());
        check(first, target.mode);
        const second = await target.send(coldHttp, childNow());
        check(second, target.mode);
        firstRequest.push(first.ms);
        secondRequest.push(second.ms);
        startup.push(child.startMs);
      } finally {
        coldHttp.close();
        await child.stop();
      }
    }

    const label =
      target.mode === 'slack'
        ? '/sla status (POST /slack/commands)'
        : 'FALLBACK GET /v1/commitments/{id}/status';
    return {
      measurements: [
        measurement(`${label}: warm p50`, 'ms', p50s),
        measurement(`${label}: warm p99`, 'ms', p99s, { budget: budget('atMost', 150, '< 150 ms') }),
        measurement(`${label}: first request after a cold start`, 'ms', firstRequest, {
          budget: budget('atMost', 1_000, '< 1 s'),
        }),
        measurement(`${label}: second request after a cold start`, 'ms', secondRequest),
        measurement('local runtime start (spawn until it listens, DynamoDB Local included)', 'ms', startup),
      ],
      notes: [
        target.mode === 'slack'
          ? `Signed slash commands (v0 HMAC-SHA256 over v0:{timestamp}:{body}, timestamp from the runtime's clock) for \`/sla status ${COMMITMENT}\` from the Sales lead in the Sales channel, on the example configuration. Every reply is checked: 200, Block Kit naming the commitment, not the error message.`
          : `FALLBACK: POST /slack/commands answered 404 (the route is not mounted in local/runtime.ts yet), so GET /v1/commitments/${COMMITMENT}/status was measured instead; the Slack variant runs as soon as the route exists.`,
        `Warm: ${ROUNDS} rounds of ${REQUESTS_PER_ROUND} sequential requests on one keep-alive connection after ${WARM_UP} warm-up requests, against the runtime started in this process; p50 and p99 are per round and the table gives their median over rounds.`,
        `Cold: ${COLD_STARTS} times, a fresh \`node --import tsx local/start.ts\` (PORT=0, fresh data folder, SLA_CLOCK=${CLOCK_START_ISO}); the first request is timed from the moment the server printed its URL. Locally, cold means modules compiled by tsx on first use and DynamoDB Local's first query; on Lambda it would be the bundle's load (see cold-start) plus the Secrets Manager read of the signing secret.`,
      ],
      details: {
        mode: target.mode,
        p50s: p50s.map((v) => round(v)),
        p99s: p99s.map((v) => round(v)),
        firstRequest: firstRequest.map((v) => round(v)),
        startup: startup.map((v) => round(v)),
      },
    };
  },
};
