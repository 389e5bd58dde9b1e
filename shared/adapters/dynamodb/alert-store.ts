import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AlertState } from '../../domain/alerts/alert-state.js';
import type { Clock, Instant } from '../../domain/model.js';
import type { AlertStore, NotificationClaim, OutgoingNotification } from '../../ports/alert-store.js';
import { aggregateMapKey, uniqueKeys } from '../../ports/event-store.js';
import { systemClock } from '../system-clock.js';
import { isConditionFailure } from './document-client.js';
import { keys, PENDING_NOTIFICATION_PARTITION } from './keys.js';
import { batchGetAll, queryAll } from './paging.js';
import { GSI1 } from './table-definition.js';
import { cancellationCodes } from './transactions.js';

/** Claims are kept long enough that no retry or replay can outlive them. */
const CLAIM_RETENTION_SECONDS = 400 * 24 * 3600;
const ANNOTATION_PREFIX = 'a:';

const iso = (at: Instant) => new Date(at).toISOString();

/**
 * `leaseClock` times the leases publishers hold on claims. It is real elapsed time, never the clock
 * the local runtime moves forward: a jump of the business clock must not make a lease look expired
 * while its holder is still publishing.
 */
export function createDynamoAlertStore(
  doc: DynamoDBDocumentClient,
  tableName: string,
  leaseClock: Clock = systemClock,
): AlertStore {
  const stateFrom = (item: Record<string, unknown>): AlertState => {
    const { pk: _pk, sk: _sk, type: _type, ...state } = item;
    return state as unknown as AlertState;
  };
  const claimFrom = (
    item: Record<string, unknown>,
  ): NotificationClaim & { annotations: Record<string, string> } => {
    const annotations: Record<string, string> = {};
    for (const [name, value] of Object.entries(item)) {
      if (name.startsWith(ANNOTATION_PREFIX))
        annotations[name.slice(ANNOTATION_PREFIX.length)] = value as string;
    }
    return {
      notification: item.notification as OutgoingNotification,
      state: item.state as NotificationClaim['state'],
      claimedAt: item.claimedAt as number,
      publishedAt: item.publishedAt as number | undefined,
      ...(typeof item.leaseUntil === 'number'
        ? { lease: { holder: item.leaseHolder as string, until: item.leaseUntil } }
        : {}),
      annotations,
    };
  };

  return {
    async get(commitmentId, periodKey) {
      const out = await doc.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.alert(commitmentId, periodKey),
          ConsistentRead: true,
        }),
      );
      return out.Item ? stateFrom(out.Item) : undefined;
    },

    async getMany(wanted) {
      const result = new Map<string, AlertState>();
      const items = await batchGetAll(
        doc,
        tableName,
        uniqueKeys(wanted).map((k) => keys.alert(k.commitmentId, k.periodKey)),
        { consistentRead: true },
      );
      for (const item of items) {
        const state = stateFrom(item);
        result.set(aggregateMapKey(state.commitmentId, state.period), state);
      }
      return result;
    },

    async commit(state, expectedRevision, notifications, claimedAt, lease) {
      const held = lease ? { leaseHolder: lease.holder, leaseUntil: leaseClock.now() + lease.ms } : {};
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.alert(state.commitmentId, state.period), type: 'alert', ...state },
                  ...(expectedRevision === null
                    ? { ConditionExpression: 'attribute_not_exists(pk)' }
                    : {
                        ConditionExpression: 'revision = :r',
                        ExpressionAttributeValues: { ':r': expectedRevision },
                      }),
                },
              },
              ...notifications.map((notification) => ({
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.notification(notification.dedupKey),
                    ...keys.pendingNotificationEntry(iso(claimedAt), notification.dedupKey),
                    type: 'notification',
                    commitmentId: notification.commitmentId,
                    periodKey: notification.period,
                    notification,
                    state: 'pending',
                    claimedAt,
                    ...held,
                    expiresAt: Math.floor(claimedAt / 1000) + CLAIM_RETENTION_SECONDS,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              })),
            ],
          }),
        );
        return 'committed';
      } catch (error) {
        if (cancellationCodes(error)) return 'conflict';
        throw error;
      }
    },

    async leaseClaim(dedupKey, lease) {
      const now = leaseClock.now();
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.notification(dedupKey),
            UpdateExpression: 'SET leaseHolder = :holder, leaseUntil = :until',
            ConditionExpression:
              '#state = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now OR leaseHolder = :holder)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':pending': 'pending',
              ':holder': lease.holder,
              ':until': now + lease.ms,
              ':now': now,
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async releaseClaim(dedupKey, holder) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.notification(dedupKey),
            UpdateExpression: 'REMOVE leaseHolder, leaseUntil',
            ConditionExpression: 'leaseHolder = :holder',
            ExpressionAttributeValues: { ':holder': holder },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async markPublished(dedupKey, now) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.notification(dedupKey),
          UpdateExpression:
            'SET #state = :published, publishedAt = :now REMOVE gsi1pk, gsi1sk, leaseHolder, leaseUntil',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':published': 'published', ':now': now },
        }),
      );
    },

    async listPending(claimedBefore) {
      const items = await queryAll(doc, {
        TableName: tableName,
        IndexName: GSI1,
        ...(claimedBefore === undefined
          ? {
              KeyConditionExpression: 'gsi1pk = :p',
              ExpressionAttributeValues: { ':p': PENDING_NOTIFICATION_PARTITION },
            }
          : {
              KeyConditionExpression: 'gsi1pk = :p AND gsi1sk < :before',
              ExpressionAttributeValues: {
                ':p': PENDING_NOTIFICATION_PARTITION,
                ':before': iso(claimedBefore),
              },
            }),
      });
      return items.map(claimFrom);
    },

    async getClaim(dedupKey) {
      const out = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.notification(dedupKey), ConsistentRead: true }),
      );
      return out.Item ? claimFrom(out.Item) : undefined;
    },

    async reserveAnnotation(dedupKey, name, marker, staleBefore) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.notification(dedupKey),
            UpdateExpression: 'SET #a = :marker',
            // Markers sort by time (`posting@<ISO instant>`), so an older one compares lower.
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(#a) OR (begins_with(#a, :prefix) AND #a < :stale))',
            ExpressionAttributeNames: { '#a': `${ANNOTATION_PREFIX}${name}` },
            ExpressionAttributeValues: {
              ':marker': marker,
              ':prefix': marker.slice(0, marker.indexOf('@') + 1),
              ':stale': staleBefore,
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async releaseAnnotation(dedupKey, name, marker) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.notification(dedupKey),
            UpdateExpression: 'REMOVE #a',
            ConditionExpression: '#a = :marker',
            ExpressionAttributeNames: { '#a': `${ANNOTATION_PREFIX}${name}` },
            ExpressionAttributeValues: { ':marker': marker },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async annotateClaim(dedupKey, annotations) {
      const entries = Object.entries(annotations);
      if (entries.length === 0) return;
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.notification(dedupKey),
          UpdateExpression: `SET ${entries.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(
            entries.map(([k], i) => [`#a${i}`, `${ANNOTATION_PREFIX}${k}`]),
          ),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:a${i}`, v])),
        }),
      );
    },

    async listClaims(commitmentId, periodKey) {
      const out = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': keys.commitmentHead(commitmentId).pk,
            ':prefix': keys.notificationPrefix(commitmentId, periodKey),
          },
          ConsistentRead: true,
        }),
      );
      return (out.Items ?? []).map(claimFrom).sort((x, y) => x.claimedAt - y.claimedAt);
    },
  };
}
