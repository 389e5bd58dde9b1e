/**
 * The monthly AWS cost model behind docs/cost.md: every price and every assumption in one place,
 * so the tables can be regenerated when a price or a measured figure changes:
 * `npx tsx bench/cost-model.ts` prints the markdown tables of the document.
 */

/** us-east-1 list prices, on-demand, as published in November 2026. Prices change: check before relying on them. */
export const PRICES = {
  dynamoWriteRequestUnitPerMillion: 0.625,
  dynamoReadRequestUnitPerMillion: 0.125,
  dynamoStorageGbMonth: 0.25,
  dynamoPitrGbMonth: 0.2,
  dynamoProvisionedWcuHour: 0.00065,
  dynamoProvisionedRcuHour: 0.00013,
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequestPerMillion: 0.2,
  httpApiRequestPerMillion: 1.0,
  snsPublishPerMillion: 0.5,
  snsEmailPer100k: 2.0,
  schedulerInvocationPerMillion: 1.0,
  secretPerMonth: 0.4,
  secretsApiCallsPer10k: 0.05,
  kmsKeyPerMonth: 1.0,
  kmsRequestsPer10k: 0.03,
  logsIngestionPerGb: 0.5,
  logsStoragePerGbMonth: 0.03,
  alarmPerMonth: 0.1,
  xrayTracesRecordedPerMillion: 5.0,
} as const;

export const ASSUMPTIONS = {
  /** Events per ingestion request (the CRM batches; the API accepts up to 500). */
  eventsPerRequest: 100,
  /** The store's transaction holds 99 events and the aggregate update. */
  eventsPerTransaction: 99,
  /** Measured 208–239 B (bench/results.md, evaluation notes); 300 B allows for long CRM ids. Under 1 KB. */
  eventItemBytes: 300,
  /** Put in a transaction (2 WRU for ≤ 1 KB) + its gsi1 entry (event list, a standard 1 WRU write). */
  wruPerEvent: 3,
  /** The aggregate update in each transaction: 2 WRU (transactional, item ~110 B). */
  wruPerTransaction: 2,
  /** GetItem of the commitment head per request, eventually consistent, < 4 KB. */
  rruPerRequest: 0.5,
  /** Stored bytes per event: item + its index entry (gsi1 projects ALL), each with 100 B of overhead. */
  storedBytesPerEvent: 2 * (300 + 100),
  eventRetentionDays: 400,
  /** Every 15 minutes: 96 a day over an average month of 30.42 days. */
  evaluationsPerMonth: 2_920,
  /**
   * Benchmark 2 (routine run): 24 requests read per 1,000 commitments. In units: the commitment list
   * (~0.9 KB heads, 0.11 RRU each), aggregates (0.5 RRU each, eventually consistent), alert states
   * (1 RRU each, strongly consistent) = ~1.6 RRU per commitment per run.
   */
  rruPerCommitmentPerEvaluation: 1.6,
  /** One snapshot (~300 B) per commitment per run, BatchWriteItem 25 at a time. */
  wruPerCommitmentPerEvaluation: 1,
  snapshotStoredBytes: 400,
  /** Head, versions, alert states, claims, results and ledger lines of one commitment over a year. */
  otherStoredBytesPerCommitment: 20_000,
  snapshotRetentionDays: 400,
  /** A month-end close: result, ledger, aggregate and head in one transaction (~10 WRU) + 0.5 RRU. */
  wruPerCommitmentPerClose: 10,
  /** at_risk, an escalation, recovered/met: alert state + claim (~4 WRU), published mark (2), index (2). */
  notificationsPerCommitmentMonth: 3,
  wruPerNotification: 8,
  /** A fifth of notifications reach executives by email, 3 recipients; the digest to 5 people weekly. */
  emailsPerNotification: 0.6,
  digestEmailsPerMonth: 22,
  /** Slash commands: 4 per commitment a month, at least 200; 3 reads (0.5–1 RRU) each. */
  slackCommandsPerCommitmentMonth: 4,
  minSlackCommands: 200,
  rruPerSlackCommand: 2.5,
  /** Lambda durations on arm64 (estimates from the local timings, scaled for the CPU share of the memory size). */
  ingestionLambda: { memoryGb: 0.25, seconds: 0.1 },
  evaluatorLambda: { memoryGb: 0.25, baseSeconds: 0.3, secondsPerCommitment: 0.002 },
  digestLambda: { memoryGb: 0.25, baseSeconds: 1, secondsPerCommitment: 0.01, runsPerMonth: 4.35 },
  slackLambda: { memoryGb: 0.5, seconds: 0.3 },
  notifyLambda: { memoryGb: 0.25, seconds: 0.3 },
  /** Log lines per invocation: START/END/REPORT plus a few structured lines. */
  logKbPerInvocation: 1,
  logKbPerEvaluation: 5,
  /** 6 functions × (errors, throttles) + 4 dead-letter queues + API 5xx. */
  alarms: 17,
  secrets: 2,
  secretsApiCallsPerMonth: 10_000,
  kmsRequestsPerPublish: 2,
  secondsPerMonth: 30.42 * 86_400,
} as const;

export interface CostLine {
  item: string;
  usd: number;
}

/** X-Ray's default sampling: the first request each second, then 5% of the rest. */
function tracesRecorded(requests: number): number {
  const rate = requests / ASSUMPTIONS.secondsPerMonth;
  const perSecond = Math.min(rate, 1) + 0.05 * Math.max(0, rate - 1);
  return perSecond * ASSUMPTIONS.secondsPerMonth;
}

export function monthlyCost(
  commitments: number,
  eventsPerMonth: number,
  overrides: Partial<{ eventsPerRequest: number; eventRetentionDays: number }> = {},
): CostLine[] {
  const a = { ...ASSUMPTIONS, ...overrides };
  const p = PRICES;
  const requests = Math.ceil(eventsPerMonth / a.eventsPerRequest);
  const transactions = requests * Math.ceil(a.eventsPerRequest / a.eventsPerTransaction);
  const notifications = commitments * a.notificationsPerCommitmentMonth;
  const commands = Math.max(a.minSlackCommands, commitments * a.slackCommandsPerCommitmentMonth);

  const ingestWru = eventsPerMonth * a.wruPerEvent + transactions * a.wruPerTransaction;
  const evalWru = a.evaluationsPerMonth * commitments * a.wruPerCommitmentPerEvaluation;
  const otherWru = commitments * a.wruPerCommitmentPerClose + notifications * a.wruPerNotification;
  const ingestRru = requests * a.rruPerRequest;
  const evalRru = a.evaluationsPerMonth * commitments * a.rruPerCommitmentPerEvaluation;
  const otherRru = commands * a.rruPerSlackCommand + a.digestLambda.runsPerMonth * commitments * 3;

  const storedGb =
    (eventsPerMonth * (a.eventRetentionDays / 30.42) * a.storedBytesPerEvent +
      commitments * a.snapshotRetentionDays * a.snapshotStoredBytes +
      commitments * a.otherStoredBytesPerCommitment) /
    1e9;

  const evaluatorSeconds =
    a.evaluatorLambda.baseSeconds + commitments * a.evaluatorLambda.secondsPerCommitment;
  const gbSeconds =
    requests * a.ingestionLambda.memoryGb * a.ingestionLambda.seconds +
    a.evaluationsPerMonth * a.evaluatorLambda.memoryGb * evaluatorSeconds +
    a.digestLambda.runsPerMonth *
      a.digestLambda.memoryGb *
      (a.digestLambda.baseSeconds + commitments * a.digestLambda.secondsPerCommitment) +
    commands * a.slackLambda.memoryGb * a.slackLambda.seconds +
    notifications * a.notifyLambda.memoryGb * a.notifyLambda.seconds;
  const invocations =
    requests + a.evaluationsPerMonth + a.digestLambda.runsPerMonth + commands + notifications;
  const logGb =
    ((requests + commands + notifications) * a.logKbPerInvocation +
      a.evaluationsPerMonth * a.logKbPerEvaluation) /
    1e6;
  const publishes = notifications + a.digestLambda.runsPerMonth;

  return [
    { item: 'DynamoDB writes: ingestion', usd: (ingestWru / 1e6) * p.dynamoWriteRequestUnitPerMillion },
    {
      item: 'DynamoDB writes: evaluator snapshots',
      usd: (evalWru / 1e6) * p.dynamoWriteRequestUnitPerMillion,
    },
    { item: 'DynamoDB writes: closes, alerts', usd: (otherWru / 1e6) * p.dynamoWriteRequestUnitPerMillion },
    {
      item: 'DynamoDB reads',
      usd: ((ingestRru + evalRru + otherRru) / 1e6) * p.dynamoReadRequestUnitPerMillion,
    },
    { item: 'DynamoDB storage', usd: storedGb * p.dynamoStorageGbMonth },
    { item: 'DynamoDB point-in-time recovery', usd: storedGb * p.dynamoPitrGbMonth },
    {
      item: 'Lambda (arm64)',
      usd: gbSeconds * p.lambdaArmGbSecond + (invocations / 1e6) * p.lambdaRequestPerMillion,
    },
    { item: 'API Gateway HTTP API', usd: ((requests + commands) / 1e6) * p.httpApiRequestPerMillion },
    {
      item: 'SNS publishes and email',
      usd:
        (publishes / 1e6) * p.snsPublishPerMillion +
        ((notifications * a.emailsPerNotification + a.digestEmailsPerMonth) / 1e5) * p.snsEmailPer100k,
    },
    {
      item: 'EventBridge Scheduler',
      usd: ((a.evaluationsPerMonth + a.digestLambda.runsPerMonth) / 1e6) * p.schedulerInvocationPerMillion,
    },
    {
      item: 'Secrets Manager',
      usd: a.secrets * p.secretPerMonth + (a.secretsApiCallsPerMonth / 1e4) * p.secretsApiCallsPer10k,
    },
    {
      item: 'KMS key for SNS',
      usd: p.kmsKeyPerMonth + ((publishes * a.kmsRequestsPerPublish) / 1e4) * p.kmsRequestsPer10k,
    },
    { item: 'CloudWatch Logs', usd: logGb * (p.logsIngestionPerGb + p.logsStoragePerGbMonth) },
    { item: 'CloudWatch alarms', usd: a.alarms * p.alarmPerMonth },
    { item: 'X-Ray traces', usd: (tracesRecorded(invocations) / 1e6) * p.xrayTracesRecordedPerMillion },
  ];
}

export const total = (lines: CostLine[]) => lines.reduce((sum, line) => sum + line.usd, 0);

function usd(value: number): string {
  if (value >= 100) return `$${Math.round(value).toLocaleString('en-US')}`;
  if (value >= 0.01) return `$${value.toFixed(2)}`;
  return '< $0.01';
}

const COMMITMENTS = [50, 500, 5_000];
const EVENTS = [10_000, 1_000_000, 100_000_000];
const EVENT_LABEL = ['10 thousand', '1 million', '100 million'];

export function renderTables(): string {
  const grid = [
    '| commitments \\ events a month | 10 thousand | 1 million | 100 million |',
    '|---|---|---|---|',
    ...COMMITMENTS.map(
      (c) =>
        `| ${c.toLocaleString('en-US')} | ${EVENTS.map((e) => usd(total(monthlyCost(c, e)))).join(' | ')} |`,
    ),
  ];
  const scenarios = COMMITMENTS.map((c, i) => ({
    c,
    e: EVENTS[i] as number,
    label: EVENT_LABEL[i] as string,
  }));
  const breakdown = [
    `| item | ${scenarios.map((s) => `${s.c.toLocaleString('en-US')} commitments, ${s.label} events`).join(' | ')} |`,
    '|---|---|---|---|',
    ...monthlyCost(1, 1).map(
      (line, row) =>
        `| ${line.item} | ${scenarios.map((s) => usd(monthlyCost(s.c, s.e)[row]?.usd ?? 0)).join(' | ')} |`,
    ),
    `| **total** | ${scenarios.map((s) => `**${usd(total(monthlyCost(s.c, s.e)))}**`).join(' | ')} |`,
  ];
  const variants = [
    '| 5,000 commitments, 100 million events a month | total | change |',
    '|---|---|---|',
    ...[
      { label: 'as designed (batches of 100, events kept 400 days)', o: {} },
      { label: 'one event per request', o: { eventsPerRequest: 1 } },
      { label: 'batches of 500 (the API maximum)', o: { eventsPerRequest: 500 } },
      { label: 'events kept 100 days (TTL)', o: { eventRetentionDays: 100 } },
    ].map(({ label, o }) => {
      const base = total(monthlyCost(5_000, 100_000_000));
      const value = total(monthlyCost(5_000, 100_000_000, o));
      const change = value === base ? '' : `${value > base ? '+' : '−'}${usd(Math.abs(value - base))}`;
      return `| ${label} | ${usd(value)} | ${change} |`;
    }),
  ];
  return [grid.join('\n'), breakdown.join('\n'), variants.join('\n')].join('\n\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(renderTables());
