import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { LedgerEntry, ResultStore } from '../../ports/result-store.js';
import { auditPut } from './audit-log.js';
import { putNew } from './conditions.js';
import { ledgerCodec, resultCodec, snapshotCodec } from './item-codecs.js';
import { getItem, queryPrefix } from './item-reads.js';
import { keys } from './keys.js';
import { batchGetAll, batchPutAll, queryAll } from './paging.js';
import { cancellationCodes, type TransactItem } from './transactions.js';

export function createDynamoResultStore(doc: DynamoDBDocumentClient, tableName: string): ResultStore {
  return {
    async close({ result, provider, aggregateRev, now, superseded, audit }) {
      const items: TransactItem[] = [
        putNew(tableName, resultCodec.toItem(result)),
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
            // A head kept before `alertPeriods` was starts keeping it here: periods starting from
            // now on are marked. The period closed before this one leaves the marks, which stay small.
            UpdateExpression:
              'SET closedThrough = :period, alertPeriodsSince = if_not_exists(alertPeriodsSince, :now)' +
              (superseded === undefined ? '' : ' DELETE alertPeriods :superseded'),
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(closedThrough) OR closedThrough < :period)',
            ExpressionAttributeValues: {
              ':period': result.period,
              ':now': now,
              ...(superseded === undefined ? {} : { ':superseded': new Set([superseded]) }),
            },
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
        items.push(putNew(tableName, ledgerCodec.toItem(entry)));
      }
      if (audit) items.push(auditPut(tableName, audit));
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
      const item = await getItem(doc, tableName, keys.result(commitmentId, periodKey));
      return item ? resultCodec.fromItem(item) : undefined;
    },

    async listResults(commitmentId, limit) {
      const items = await queryPrefix(
        doc,
        tableName,
        keys.commitmentHead(commitmentId).pk,
        keys.resultPrefix,
        {
          newestFirst: true,
          limit,
        },
      );
      return items.map(resultCodec.fromItem);
    },

    async listLedger(department) {
      const items = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.ledgerPartition(department) },
      });
      return items.map(ledgerCodec.fromItem);
    },

    async putSnapshots(snapshots) {
      await batchPutAll(doc, tableName, snapshots.map(snapshotCodec.toItem));
    },

    async getSnapshots(wanted) {
      const items = await batchGetAll(
        doc,
        tableName,
        wanted.map((w) => keys.snapshot(w.commitmentId, w.localDate)),
      );
      return items.map((item) => {
        const { localDate, evaluation } = snapshotCodec.fromItem(item);
        return { commitmentId: evaluation.commitmentId, localDate, evaluation };
      });
    },

    async getResults(wanted, options = {}) {
      const items = await batchGetAll(
        doc,
        tableName,
        wanted.map((w) => keys.result(w.commitmentId, w.periodKey)),
        { consistentRead: options.consistent === true },
      );
      return items.map(resultCodec.fromItem);
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
      return items.map(snapshotCodec.fromItem);
    },
  };
}
