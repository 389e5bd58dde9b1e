import type { TableAccess } from './constructs/sla-table.js';
import type { FunctionName } from './function-catalog.js';

const GET = 'dynamodb:GetItem';
const BATCH_GET = 'dynamodb:BatchGetItem';
const QUERY = 'dynamodb:Query';
const PUT = 'dynamodb:PutItem';
const UPDATE = 'dynamodb:UpdateItem';
const BATCH_WRITE = 'dynamodb:BatchWriteItem';

/**
 * What each function's code paths call on the table, read from the stores they reach (transactional
 * Puts and Updates count as PutItem and UpdateItem). A function that never queries the table itself,
 * or never the index, gets no Query there. test/infra/least-privilege.test.ts pins the result.
 */
export const TABLE_ACCESS: Record<FunctionName, TableAccess> = {
  // Every /v1 route: config apply, events, excusals, ack/snooze (alert claims are queried on the
  // table), status and history, the digest preview, and POST /v1/evaluations (snapshots are
  // batch-written). The subjects route and alerts on durations list open subjects on gsi2, and
  // GET /v1/audit lists one commitment's trail there.
  api: {
    table: [GET, BATCH_GET, QUERY, PUT, UPDATE, BATCH_WRITE],
    queriesIndex: true,
    queriesOpenSubjects: true,
  },
  // The evaluator lists commitments, due timers and pending notifications on the index only, reads
  // by key, commits alert states and closes periods in transactions, and batch-writes snapshots.
  // A duration alert names its late subjects, listed on gsi2.
  evaluate: {
    table: [GET, BATCH_GET, PUT, UPDATE, BATCH_WRITE],
    queriesIndex: true,
    queriesOpenSubjects: true,
  },
  // Reads the departments (config item) and an alert's claims (a table query), and annotates a
  // claim with the Slack message it posted.
  'notify-slack': { table: [GET, QUERY, UPDATE], queriesIndex: false },
  // Status (commitment list and due timers on the index, late subjects on gsi2), `/sla log`
  // (events), ack and snooze.
  slack: { table: [GET, BATCH_GET, QUERY, PUT, UPDATE], queriesIndex: true, queriesOpenSubjects: true },
  // Reads everything the digest shows (the ledger is a table query, commitments and due timers
  // are on the index); its only write is its delivery record (UpdateItem), so a retry never posts twice.
  digest: { table: [GET, BATCH_GET, QUERY, UPDATE], queriesIndex: true },
  // Reads the applied config, records events (duplicate checks by key, transactional writes) and
  // adds to its source's counts (UpdateItem); it never queries.
  sources: { table: [GET, BATCH_GET, PUT, UPDATE], queriesIndex: false },
  // The dashboard only reads: the config (who may sign in), commitments and due timers (index),
  // status, history, excusals, the audit trail and the digest (table queries), late subjects (gsi2).
  // Sign-in keeps its state in cookies, so it writes nothing.
  web: { table: [GET, BATCH_GET, QUERY], queriesIndex: true, queriesOpenSubjects: true },
};
