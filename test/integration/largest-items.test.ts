/**
 * The input limits are chosen so that no stored item can pass DynamoDB's 400 KB: here every
 * limit is filled to the brim at once, applied twelve times over (the head keeps twelve versions),
 * and the items are written, measured and evaluated for real against DynamoDB Local.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { createDynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { applyConfig } from '../../shared/app/commitments.js';
import { runEvaluation } from '../../shared/app/evaluator.js';
import * as limits from '../../shared/domain/limits.js';
import { MutableClock } from '../support/mutable-clock.js';
import { useTestTable } from './dynamodb-context.js';

const table = await useTestTable();
const clock = new MutableClock('2026-11-02T09:00:00-05:00');
const deps = createDynamoStores(table.client, table.tableName, clock);

const DYNAMODB_ITEM_LIMIT = 400 * 1024;

/** An item's size by DynamoDB's published rules (names and values; 3 bytes per map or list plus 1 per element). */
function itemSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number')
    return Math.ceil(String(Math.abs(value)).replace(/[.-]|e.*$/g, '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null) return 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, item) => sum + 1 + itemSize(item), 0);
  if (typeof value === 'object') {
    return (
      3 +
      Object.entries(value as object).reduce(
        (sum, [key, item]) => sum + Buffer.byteLength(key) + 1 + itemSize(item),
        0,
      )
    );
  }
  return 0;
}

const fill = (prefix: string, length: number) => prefix + 'x'.repeat(length - prefix.length);
const pad = (n: number) => String(n).padStart(2, '0');

function largestConfig(version: number) {
  const departments: Record<string, unknown> = {};
  const ids: string[] = [];
  for (let d = 0; d < limits.MAX_DEPARTMENTS; d++) {
    const id = fill(`d${d}-`, limits.MAX_SLUG_LENGTH);
    ids.push(id);
    const slackId = (letter: string, n: number) =>
      `${letter}${String(n).padStart(limits.MAX_SLACK_ID_LENGTH - 1, '0')}`;
    departments[id] = {
      name: fill(`Department ${d} `, limits.MAX_NAME_LENGTH),
      slack: {
        channel: slackId('C', d),
        lead: slackId('U', d),
        members: Array.from({ length: limits.MAX_DEPARTMENT_MEMBERS }, (_, m) => slackId('U', d * 1000 + m)),
      },
      // 64 + 1 + 3 × 61 + 6 = 254 characters.
      emails: Array.from(
        { length: limits.MAX_DEPARTMENT_EMAILS },
        (_, e) => `${fill(`p${d}-${e}-`, 64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.email`,
      ),
    };
  }
  const hours = Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [
      day,
      Array.from({ length: limits.MAX_SPANS_PER_DAY }, (_, h) => `${pad(h * 2)}:00-${pad(h * 2)}:30`),
    ]),
  );
  const holidays = Array.from({ length: limits.MAX_HOLIDAYS }, (_, i) =>
    new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
  );
  const calendars = Object.fromEntries(
    Array.from({ length: limits.MAX_CALENDARS }, (_, c) => [
      fill(`calendar-${c}-`, limits.MAX_NAME_LENGTH),
      { timezone: 'America/Argentina/ComodRivadavia', hours, holidays },
    ]),
  );
  const targets = [
    'provider',
    'consumer',
    'provider.lead',
    'consumer.lead',
    ...ids.map((id) => `${id}.lead`),
  ];
  // As many targets as a policy may name, spread over as many steps as it may have.
  const perStep = Math.min(
    limits.MAX_NOTIFY_TARGETS,
    Math.floor(limits.MAX_POLICY_TARGETS / limits.MAX_ESCALATION_STEPS),
  );
  const escalation = Array.from({ length: limits.MAX_ESCALATION_STEPS }, (_, s) => ({
    after: `${s * 100}h`,
    notify: targets.slice(0, perStep),
  }));
  const commitment = {
    id: fill('largest-', limits.MAX_SLUG_LENGTH),
    title: fill(`version ${version} `, limits.MAX_TITLE_LENGTH),
    provider: ids[0],
    consumer: ids[1],
    measure: 'total',
    unit: fill('u', limits.MAX_UNIT_LENGTH),
    calendar: Object.keys(calendars)[0],
    target: { derive: { revenue: 999_999.123456, dealSize: 3.333333, closeRate: 0.123457 } },
    escalation,
    credits: Array.from({ length: limits.MAX_CREDIT_TIERS }, (_, t) => ({
      below: 1 - t * 0.012345,
      credit: 999_999_999.5 - t,
    })),
    review: { cadence: 'quarter', baseline: '2026-01-01' },
  };
  return {
    timezone: 'America/Argentina/ComodRivadavia',
    calendars,
    departments,
    escalation,
    digest: { schedule: 'mon 08:00', to: ids[2] },
    commitments: [commitment],
  };
}

describe('the largest configuration the limits allow', () => {
  it('is stored, amended twelve times and evaluated, every item well under 400 KB', async () => {
    for (let version = 1; version <= 13; version++) {
      await applyConfig(deps, { document: largestConfig(version), dryRun: false, immediate: true });
    }
    const id = largestConfig(1).commitments[0]?.id as string;
    const head = await table.doc.send(
      new GetCommand({ TableName: table.tableName, Key: keys.commitmentHead(id) }),
    );
    const config = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.config() }));
    expect(head.Item?.versions).toHaveLength(12);
    const sizes = { head: itemSize(head.Item), config: itemSize(config.Item) };
    console.log(`largest items: commitment head ${sizes.head} bytes, config ${sizes.config} bytes`);
    // A margin of a tenth for what the count above leaves out (openOutages, later attributes).
    expect(sizes.head).toBeLessThan(DYNAMODB_ITEM_LIMIT * 0.9);
    expect(sizes.config).toBeLessThan(DYNAMODB_ITEM_LIMIT * 0.9);

    clock.set('2026-11-18T10:00:00-05:00');
    const summary = await runEvaluation({ ...deps, publisher: { publish: async () => {} } });
    expect(summary.evaluated).toBe(1);
  }, 240_000);
});
