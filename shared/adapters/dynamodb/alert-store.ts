import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { AlertState } from '../../domain/alerts/alert-state.js';
import type { Clock } from '../../domain/model.js';
import type { AlertCommitResult, AlertStore } from '../../ports/alert-store.js';
import { systemClock } from '../system-clock.js';
import { putAtRevision, putNew, setAttributes, writeIf } from './conditions.js';
import { ANNOTATION_PREFIX, alertCodec, claimCodec, iso } from './item-codecs.js';
import { getByCommitmentPeriod, getItem, queryPrefix } from './item-reads.js';
import { keys, PENDING_NOTIFICATION_PARTITION } from './keys.js';
import { queryAll } from './paging.js';
import { GSI1 } from './table-definition.js';
import { cancellationCodes, type TransactItem } from './transactions.js';

type ClaimUpdate = Omit<UpdateCommandInput, 'TableName' | 'Key'>;

/** Adds the state's period to its commitment head's `alertPeriods`; refused when there is no head. */
function alertPeriodMark(tableName: string, state: AlertState): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.commitmentHead(state.commitmentId),
      UpdateExpression: 'ADD alertPeriods :period',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':period': new Set([state.period]) },
    },
  };
}

/** Only the mark (the last item) failed: the commitment has no head for it to go on. */
const headMissing = (codes: string[]) =>
  codes.at(-1) === 'ConditionalCheckFailed' && codes.slice(0, -1).every((code) => code === 'None');

/**
 * A state of a commitment without a head (nothing lists it, so no evaluator reads it): written
 * without the mark rather than creating a head that holds nothing else.
 */
async function commitUnmarked(write: () => Promise<unknown>): Promise<AlertCommitResult> {
  try {
    await write();
    return 'committed';
  } catch (error) {
    if (cancellationCodes(error)) return 'conflict';
    throw error;
  }
}

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
  /** A conditional or plain update of one notification's claim item. */
  const updateClaim = (dedupKey: string, update: ClaimUpdate) =>
    doc.send(new UpdateCommand({ TableName: tableName, Key: keys.notification(dedupKey), ...update }));

  return {
    async get(commitmentId, periodKey) {
      const item = await getItem(doc, tableName, keys.alert(commitmentId, periodKey));
      return item ? alertCodec.fromItem(item) : undefined;
    },

    getMany(wanted) {
      return getByCommitmentPeriod(
        doc,
        tableName,
        wanted,
        {
          keyOf: keys.alert,
          read: alertCodec.fromItem,
          periodOf: (state) => ({ commitmentId: state.commitmentId, periodKey: state.period }),
        },
        { consistentRead: true },
      );
    },

    async commit(state, expectedRevision, notifications, claimedAt, lease) {
      const claimLease = lease ? { holder: lease.holder, until: leaseClock.now() + lease.ms } : undefined;
      const items = [
        putAtRevision(tableName, alertCodec.toItem(state), expectedRevision),
        ...notifications.map((notification) =>
          putNew(
            tableName,
            claimCodec.toItem({
              notification,
              state: 'pending',
              claimedAt,
              ...(claimLease ? { lease: claimLease } : {}),
              annotations: {},
            }),
          ),
        ),
      ];
      const write = (marked: boolean) =>
        doc.send(
          new TransactWriteCommand({
            TransactItems: marked ? [...items, alertPeriodMark(tableName, state)] : items,
          }),
        );
      // A new state marks its period on the head in the same transaction, so an unmarked period
      // reliably has none and the evaluator need not read it.
      const marked = expectedRevision === null;
      try {
        await write(marked);
        return 'committed';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (marked && headMissing(codes)) return commitUnmarked(() => write(false));
        return 'conflict';
      }
    },

    async leaseClaim(dedupKey, lease) {
      const now = leaseClock.now();
      return writeIf(
        updateClaim(dedupKey, {
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
    },

    async releaseClaim(dedupKey, holder) {
      // Someone else's lease (or none) is left alone.
      await writeIf(
        updateClaim(dedupKey, {
          UpdateExpression: 'REMOVE leaseHolder, leaseUntil',
          ConditionExpression: 'leaseHolder = :holder',
          ExpressionAttributeValues: { ':holder': holder },
        }),
      );
    },

    async markPublished(dedupKey, now) {
      await updateClaim(dedupKey, {
        UpdateExpression:
          'SET #state = :published, publishedAt = :now REMOVE gsi1pk, gsi1sk, leaseHolder, leaseUntil',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':published': 'published', ':now': now },
      });
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
      return items.map(claimCodec.fromItem);
    },

    async getClaim(dedupKey) {
      const item = await getItem(doc, tableName, keys.notification(dedupKey));
      return item ? claimCodec.fromItem(item) : undefined;
    },

    reserveAnnotation(dedupKey, name, marker, staleBefore) {
      return writeIf(
        updateClaim(dedupKey, {
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
    },

    async releaseAnnotation(dedupKey, name, marker) {
      // A marker someone else has replaced since is theirs now.
      await writeIf(
        updateClaim(dedupKey, {
          UpdateExpression: 'REMOVE #a',
          ConditionExpression: '#a = :marker',
          ExpressionAttributeNames: { '#a': `${ANNOTATION_PREFIX}${name}` },
          ExpressionAttributeValues: { ':marker': marker },
        }),
      );
    },

    async annotateClaim(dedupKey, annotations) {
      const entries = Object.entries(annotations);
      if (entries.length === 0) return;
      await updateClaim(dedupKey, {
        ...setAttributes(Object.fromEntries(entries.map(([k, v]) => [`${ANNOTATION_PREFIX}${k}`, v]))),
        ConditionExpression: 'attribute_exists(pk)',
      });
    },

    async listClaims(commitmentId, periodKey) {
      const items = await queryPrefix(
        doc,
        tableName,
        keys.commitmentHead(commitmentId).pk,
        keys.notificationPrefix(commitmentId, periodKey),
        { consistentRead: true },
      );
      return items.map(claimCodec.fromItem).sort((x, y) => x.claimedAt - y.claimedAt);
    },
  };
}
