import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ClosedPeriodResult } from '../../domain/close.js';
import type { Evaluation } from '../../domain/evaluate.js';
import { reformatIsoInstant } from '../../domain/instant-format.js';
import type { LedgerEntry, ResultStore } from '../../ports/result-store.js';
import { keys } from './keys.js';
import { batchGetAll, queryAll } from './paging.js';
import { cancellationCodes } from './transactions.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Daily snapshots feed trends and sparklines; a little over a year is plenty. */
const SNAPSHOT_RETENTION_SECONDS = 400 * 24 * 3600;

/** Items written before instants were stored in UTC carry the zone's offset; they read in the one form. */
function evaluationFromItem(stored: unknown): Evaluation {
  const evaluation = stored as Evaluation;
  return { ...evaluation, evaluatedAt: reformatIsoInstant(evaluation.evaluatedAt) };
}

function resultFromItem(item: Record<string, unknown>): ClosedPeriodResult {
  const { pk: _pk, sk: _sk, type: _type, ...stored } = item;
  const result = stored as unknown as ClosedPeriodResult;
  return {
    ...result,
    closedAt: reformatIsoInstant(result.closedAt),
    evaluation: evaluationFromItem(result.evaluation),
  };
}

export function createDynamoResultStore(doc: DynamoDBDocumentClient, tableName: string): ResultStore {
  return {
    async close({ result, provider, aggregateRev, now }) {
      const items: TransactItem[] = [
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.result(result.commitmentId, result.period), type: 'result', ...result },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          // Closing the aggregate is what makes later events for this period be refused.
          Update: {
            TableName: tableName,
            Key: keys.aggregate(result.commitmentId, result.period),
            UpdateExpression: 'SET closedAt = :now, #type = :type, commitmentId = :cid, periodKey = :period',
            ConditionExpression:
              aggregateRev === 0 ? 'attribute_not_exists(rev) OR rev = :rev' : 'rev = :rev',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: {
              ':now': now,
              ':type': 'aggregate',
              ':cid': result.commitmentId,
              ':period': result.period,
              ':rev': aggregateRev,
            },
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: keys.commitmentHead(result.commitmentId),
            UpdateExpression: 'SET closedThrough = :period',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(closedThrough) OR closedThrough < :period)',
            ExpressionAttributeValues: { ':period': result.period },
          },
        },
      ];
      if (result.credit > 0) {
        const entry: LedgerEntry = {
          department: provider,
          commitmentId: result.commitmentId,
          periodKey: result.period,
          credit: result.credit,
          attainment: result.attainment,
          recordedAt: now,
        };
        items.push({
          Put: {
            TableName: tableName,
            Item: { ...keys.ledger(provider, result.period, result.commitmentId), type: 'ledger', ...entry },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      try {
        await doc.send(new TransactWriteCommand({ TransactItems: items }));
        return 'closed';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        // The result's put is the first item: it exists, so another run closed the period first.
        return codes[0] === 'ConditionalCheckFailed' ? 'already_closed' : 'conflict';
      }
    },

    async getResult(commitmentId, periodKey) {
      const out = await doc.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.result(commitmentId, periodKey),
          ConsistentRead: true,
        }),
      );
      if (!out.Item) return undefined;
      return resultFromItem(out.Item);
    },

    async listResults(commitmentId, limit) {
      const out = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': keys.commitmentHead(commitmentId).pk,
            ':prefix': keys.resultPrefix,
          },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map(resultFromItem);
    },

    async listLedger(department) {
      const items = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.ledgerPartition(department) },
      });
      return items.map(({ pk: _pk, sk: _sk, type: _type, ...entry }) => entry as unknown as LedgerEntry);
    },

    async putSnapshots(snapshots) {
      const requests = snapshots.map(({ evaluation, localDate }) => ({
        PutRequest: {
          Item: {
            ...keys.snapshot(evaluation.commitmentId, localDate),
            type: 'snapshot',
            localDate,
            evaluation,
            expiresAt: Math.floor(Date.parse(evaluation.evaluatedAt) / 1000) + SNAPSHOT_RETENTION_SECONDS,
          },
        },
      }));
      for (let start = 0; start < requests.length; start += 25) {
        let pending = requests.slice(start, start + 25);
        for (let attempt = 0; pending.length > 0; attempt++) {
          const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
          pending = (out.UnprocessedItems?.[tableName] as typeof pending | undefined) ?? [];
          if (pending.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
        }
      }
    },

    async getSnapshots(wanted) {
      const items = await batchGetAll(
        doc,
        tableName,
        wanted.map((w) => keys.snapshot(w.commitmentId, w.localDate)),
      );
      return items.map((item) => {
        const evaluation = evaluationFromItem(item.evaluation);
        return { commitmentId: evaluation.commitmentId, localDate: item.localDate as string, evaluation };
      });
    },

    async getResults(wanted, options = {}) {
      const items = await batchGetAll(
        doc,
        tableName,
        wanted.map((w) => keys.result(w.commitmentId, w.periodKey)),
        { consistentRead: options.consistent === true },
      );
      return items.map(resultFromItem);
    },

    async listSnapshots(commitmentId, sinceLocalDate) {
      const items = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.commitmentHead(commitmentId).pk,
          ':from': `${keys.snapshotPrefix}${sinceLocalDate ?? ''}`,
          ':to': `${keys.snapshotPrefix}\uffff`,
        },
      });
      return items.map((item) => ({
        localDate: item.localDate as string,
        evaluation: evaluationFromItem(item.evaluation),
      }));
    },
  };
}
