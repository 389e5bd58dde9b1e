import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  GSI1,
  GSI2,
  type KeyAttribute,
  tableDefinition,
} from '../../shared/adapters/dynamodb/table-definition.js';

/**
 * The table actions one function may use. Transactions are authorised per item action (a
 * transactional Put needs PutItem), so they add nothing here.
 */
export interface TableAccess {
  /** Actions on the table itself. */
  readonly table: readonly TableAction[];
  /** Whether the function queries the `gsi1` index (Query on the index ARN only). */
  readonly queriesIndex: boolean;
  /** Whether the function queries the `gsi2` index: a commitment's open subjects, or its audit trail. */
  readonly queriesOpenSubjects?: boolean;
}

export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:BatchWriteItem';

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
   * Grants exactly `access`: its item actions on the table, and Query on the named index when the
   * function queries it. Index ARNs are spelt out instead of `index/*` so that a policy names every
   * resource it touches.
   */
  grant(grantee: iam.IGrantable, access: TableAccess): void {
    if (access.table.length > 0) {
      iam.Grant.addToPrincipal({
        grantee,
        actions: [...access.table],
        resourceArns: [this.table.tableArn],
      });
    }
    const indexes = [...(access.queriesIndex ? [GSI1] : []), ...(access.queriesOpenSubjects ? [GSI2] : [])];
    if (indexes.length > 0) {
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['dynamodb:Query'],
        resourceArns: indexes.map((name) => `${this.table.tableArn}/index/${name}`),
      });
    }
  }
}
