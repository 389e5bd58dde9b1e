import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { type KeyAttribute, tableDefinition } from '../../shared/adapters/dynamodb/table-definition.js';

/** What the DynamoDB adapters call; transactions are authorised per item action, so they add nothing. */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:BatchWriteItem',
] as const;

export type TableAccess = 'read' | 'readWrite' | 'readAndAnnotate';

const ACTIONS: Record<TableAccess, readonly string[]> = {
  read: TABLE_READ_ACTIONS,
  readWrite: [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS],
  // The Slack notifier records which message it posted on the alert's claim, nothing else.
  readAndAnnotate: [...TABLE_READ_ACTIONS, 'dynamodb:UpdateItem'],
};

export interface SlaTableProps {
  /** Deletion protection plus RETAIN; otherwise the table goes with the stack. */
  readonly retainData: boolean;
}

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: key.type as dynamodb.AttributeType };
}

/** The single table, shaped by the shared `tableDefinition` so AWS and the local runtime agree. */
export class SlaTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: SlaTableProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: attribute(tableDefinition.partitionKey),
      sortKey: attribute(tableDefinition.sortKey),
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The aws/dynamodb key: encrypted with a key whose use shows in CloudTrail, at no key cost.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: props.retainData,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  get tableName(): string {
    return this.table.tableName;
  }

  /**
   * Grants the actions for `access` on the table and its named indexes. Index ARNs are spelt out
   * instead of `index/*` so that a policy names every resource it touches.
   */
  grant(grantee: iam.IGrantable, access: TableAccess): iam.Grant {
    const indexArns = tableDefinition.globalSecondaryIndexes.map(
      (index) => `${this.table.tableArn}/index/${index.indexName}`,
    );
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [...ACTIONS[access]],
      resourceArns: [this.table.tableArn, ...indexArns],
    });
  }
}
