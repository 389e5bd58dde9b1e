import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, type FunctionName } from '../../infra/function-catalog.js';
import {
  actionsOf,
  functionStatements,
  logicalId,
  resourcesFor,
  roleStatements,
  type Statement,
} from './support/iam-queries.js';
import { synthWithoutBundling } from './support/synth.js';

let template: Template;
const id = (type: string, prefix: string) => logicalId(template, type, prefix);

beforeAll(() => {
  template = synthWithoutBundling().template;
}, 120_000);

/** Each action of the statements with the resources it is granted on, sorted. */
function grants(statements: Statement[]): Record<string, string[]> {
  return Object.fromEntries(
    actionsOf(statements).map((action) => [action, [...new Set(resourcesFor(statements, action))].sort()]),
  );
}

const GET = 'dynamodb:GetItem';
const BATCH_GET = 'dynamodb:BatchGetItem';
const QUERY = 'dynamodb:Query';
const PUT = 'dynamodb:PutItem';
const UPDATE = 'dynamodb:UpdateItem';
const BATCH_WRITE = 'dynamodb:BatchWriteItem';

/** Every role's exact grants: action → resources (logical ids; `.Arn` for GetAtt). */
function expectedGrants(name: FunctionName): Record<string, string[]> {
  const table = `${id('AWS::DynamoDB::Table', 'Data')}.Arn`;
  const index = `${table}/index/gsi1`;
  const openSubjects = `${table}/index/gsi2`;
  const logs = `${id('AWS::Logs::LogGroup', `Fn${name.replace(/-/g, '')}Logs`)}.Arn`;
  const key = `${id('AWS::KMS::Key', 'TopicsKey')}.Arn`;
  const slackSecret = id('AWS::SecretsManager::Secret', 'SecretsSlack');
  const base = {
    'logs:CreateLogStream': [logs],
    'logs:PutLogEvents': [logs],
    'xray:PutTelemetryRecords': ['*'],
    'xray:PutTraceSegments': ['*'],
  };
  const onTable = (...actions: string[]) => Object.fromEntries(actions.map((a) => [a, [table]]));
  const publish = (topicPrefix: string) => ({
    'sns:Publish': [id('AWS::SNS::Topic', topicPrefix)],
    'kms:Decrypt': [key],
    'kms:GenerateDataKey': [key],
  });
  const slack = { 'secretsmanager:GetSecretValue': [slackSecret] };
  const queue = (prefix: string) => ({ 'sqs:SendMessage': [`${id('AWS::SQS::Queue', prefix)}.Arn`] });
  const grantsByFunction: Record<FunctionName, Record<string, string[]>> = {
    api: {
      ...base,
      ...onTable(GET, BATCH_GET, PUT, UPDATE, BATCH_WRITE),
      [QUERY]: [table, index, openSubjects].sort(),
      ...publish('TopicsAlerts'),
      ...slack,
    },
    evaluate: {
      ...base,
      ...onTable(GET, BATCH_GET, PUT, UPDATE, BATCH_WRITE),
      [QUERY]: [index, openSubjects].sort(),
      ...publish('TopicsAlerts'),
      ...queue('EvaluateFailures'),
    },
    'notify-slack': {
      ...base,
      ...onTable(GET, QUERY, UPDATE),
      ...slack,
      ...queue('NotifySlackFailures'),
    },
    slack: {
      ...base,
      ...onTable(GET, BATCH_GET, PUT, UPDATE),
      [QUERY]: [table, index, openSubjects].sort(),
      ...slack,
    },
    digest: {
      ...base,
      ...onTable(GET, BATCH_GET, UPDATE),
      [QUERY]: [table, index].sort(),
      ...publish('TopicsDigests'),
      ...slack,
      ...queue('DigestFailures'),
    },
    sources: {
      ...base,
      ...onTable(GET, BATCH_GET, PUT, UPDATE),
      'secretsmanager:GetSecretValue': [id('AWS::SecretsManager::Secret', 'SecretsSources')],
      // Alarm state changes that still fail after Lambda's retries of EventBridge's invocation.
      ...queue('AlarmStateFailures'),
    },
    // Reads only: the pages and who may sign in. Sign-in keeps its state in cookies.
    web: {
      ...base,
      ...onTable(GET, BATCH_GET),
      [QUERY]: [table, index, openSubjects].sort(),
      ...slack,
    },
  };
  return grantsByFunction[name];
}

describe('function roles', () => {
  it.each(FUNCTION_NAMES)(
    '%s may do exactly what its code does, on exactly the resources it uses',
    (name) => {
      expect(grants(functionStatements(template, name))).toEqual(
        Object.fromEntries(Object.entries(expectedGrants(name)).sort(([a], [b]) => a.localeCompare(b))),
      );
    },
  );

  it('no role holds BatchWriteItem except the two that write snapshots, nor DescribeSecret at all', () => {
    const holders = (action: string) =>
      FUNCTION_NAMES.filter((name) => actionsOf(functionStatements(template, name)).includes(action));
    expect(holders(BATCH_WRITE)).toEqual(['api', 'evaluate']);
    expect(holders('secretsmanager:DescribeSecret')).toEqual([]);
    expect(holders(BATCH_GET)).not.toContain('notify-slack');
  });

  it('digest reads the table and may only update items (its delivery record), never put or delete', () => {
    const actions = actionsOf(functionStatements(template, 'digest'));
    for (const write of ['dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem']) {
      expect(actions).not.toContain(write);
    }
    expect(actions).toContain('dynamodb:UpdateItem');
  });

  it('web reads and never writes: no Put, Update, Delete or batch write, and no topic', () => {
    const actions = actionsOf(functionStatements(template, 'web'));
    for (const write of [PUT, UPDATE, BATCH_WRITE, 'dynamodb:DeleteItem'])
      expect(actions).not.toContain(write);
    expect(actions.filter((a) => a.startsWith('sns:'))).toEqual([]);
  });

  it('notify-slack cannot publish to any topic', () => {
    expect(
      actionsOf(functionStatements(template, 'notify-slack')).filter((a) => a.startsWith('sns:')),
    ).toEqual([]);
  });

  it('publishers reach only their own topic', () => {
    const alerts = id('AWS::SNS::Topic', 'TopicsAlerts');
    const digests = id('AWS::SNS::Topic', 'TopicsDigests');
    expect(resourcesFor(functionStatements(template, 'api'), 'sns:Publish')).toEqual([alerts]);
    expect(resourcesFor(functionStatements(template, 'evaluate'), 'sns:Publish')).toEqual([alerts]);
    expect(resourcesFor(functionStatements(template, 'digest'), 'sns:Publish')).toEqual([digests]);
  });

  it('secrets are readable only by the functions that use them', () => {
    const slack = id('AWS::SecretsManager::Secret', 'SecretsSlack');
    const sources = id('AWS::SecretsManager::Secret', 'SecretsSources');
    const readers = (secret: string) =>
      FUNCTION_NAMES.filter((name) =>
        resourcesFor(functionStatements(template, name), 'secretsmanager:GetSecretValue').includes(secret),
      );
    expect(readers(slack)).toEqual(['api', 'notify-slack', 'slack', 'digest', 'web']);
    expect(readers(sources)).toEqual(['sources']);
  });

  it('Query on the index only where the code queries it, and never a wildcard index', () => {
    const table = `${id('AWS::DynamoDB::Table', 'Data')}.Arn`;
    const onIndex = FUNCTION_NAMES.filter((name) =>
      resourcesFor(functionStatements(template, name), QUERY).includes(`${table}/index/gsi1`),
    );
    expect(onIndex).toEqual(['api', 'evaluate', 'slack', 'digest', 'web']);
    // The second index: the subjects route, duration alerts, `/sla status`, the dashboard's late
    // subjects, and the audit trail of one commitment (api and the dashboard) only.
    const onOpenSubjects = FUNCTION_NAMES.filter((name) =>
      resourcesFor(functionStatements(template, name), QUERY).includes(`${table}/index/gsi2`),
    );
    expect(onOpenSubjects).toEqual(['api', 'evaluate', 'slack', 'web']);
    for (const name of FUNCTION_NAMES) {
      for (const resource of resourcesFor(functionStatements(template, name), QUERY)) {
        expect(resource).not.toContain('index/*');
      }
    }
  });

  it('uses Resource "*" only for X-Ray, which has no resource-level permissions', () => {
    const all: Statement[] = Object.keys(template.findResources('AWS::IAM::Role')).flatMap((roleId) =>
      roleStatements(template, roleId),
    );
    const wildcard = all.filter(
      (s) => s.Resource === '*' || (Array.isArray(s.Resource) && s.Resource.includes('*')),
    );
    expect(wildcard.length).toBeGreaterThan(0);
    expect(actionsOf(wildcard)).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it('attaches no AWS managed policies to any role', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('schedule roles', () => {
  it.each([
    ['EvaluateSchedule', 'FnevaluateFunction'],
    ['DigestSchedule', 'FndigestFunction'],
  ])('%s may invoke only its function and write only its dead-letter queue', (schedule, fn) => {
    const roleId = id('AWS::IAM::Role', `${schedule}Role`);
    const statements = roleStatements(template, roleId);
    expect(actionsOf(statements)).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    expect(resourcesFor(statements, 'lambda:InvokeFunction')).toEqual([
      `${id('AWS::Lambda::Function', fn)}.Arn`,
    ]);
    expect(resourcesFor(statements, 'sqs:SendMessage')).toEqual([
      `${id('AWS::SQS::Queue', `${schedule}DeadLetters`)}.Arn`,
    ]);
  });

  it('are assumable only by EventBridge Scheduler on behalf of this account', () => {
    for (const schedule of ['EvaluateSchedule', 'DigestSchedule']) {
      const role = template.toJSON().Resources[id('AWS::IAM::Role', `${schedule}Role`)];
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: {
            StringEquals: {
              'aws:SourceAccount': { Ref: 'AWS::AccountId' },
              'aws:SourceArn': {
                'Fn::Join': [
                  '',
                  [
                    'arn:',
                    { Ref: 'AWS::Partition' },
                    ':scheduler:',
                    { Ref: 'AWS::Region' },
                    ':',
                    { Ref: 'AWS::AccountId' },
                    ':schedule-group/default',
                  ],
                ],
              },
            },
          },
        },
      ]);
    }
  });
});
