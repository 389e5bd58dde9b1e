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

const LOGS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const XRAY = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
const READ = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'];
const WRITE = ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const PUBLISH = ['kms:Decrypt', 'kms:GenerateDataKey', 'sns:Publish'];
const SECRET = ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'];

const EXPECTED: Record<FunctionName, string[]> = {
  api: [...LOGS, ...XRAY, ...READ, ...WRITE, ...PUBLISH, ...SECRET],
  evaluate: [...LOGS, ...XRAY, ...READ, ...WRITE, ...PUBLISH],
  'notify-slack': [...LOGS, ...XRAY, ...READ, 'dynamodb:UpdateItem', ...SECRET, 'sqs:SendMessage'],
  slack: [...LOGS, ...XRAY, ...READ, ...WRITE, ...SECRET],
  digest: [...LOGS, ...XRAY, ...READ, 'dynamodb:UpdateItem', ...PUBLISH, ...SECRET],
  webhook: [...LOGS, ...XRAY, ...READ, ...WRITE, ...SECRET],
};

describe('function roles', () => {
  it.each(FUNCTION_NAMES)('%s may do exactly what its code does', (name) => {
    expect(actionsOf(functionStatements(template, name))).toEqual([...EXPECTED[name]].sort());
  });

  it('digest reads the table and may only update items (its delivery record), never put or delete', () => {
    const actions = actionsOf(functionStatements(template, 'digest'));
    for (const write of ['dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem']) {
      expect(actions).not.toContain(write);
    }
    expect(actions).toContain('dynamodb:UpdateItem');
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
    const webhook = id('AWS::SecretsManager::Secret', 'SecretsWebhook');
    const readers = (secret: string) =>
      FUNCTION_NAMES.filter((name) =>
        resourcesFor(functionStatements(template, name), 'secretsmanager:GetSecretValue').includes(secret),
      );
    expect(readers(slack)).toEqual(['api', 'notify-slack', 'slack', 'digest']);
    expect(readers(webhook)).toEqual(['webhook']);
  });

  it('table actions name the table and its gsi1 index, never a wildcard index', () => {
    const table = id('AWS::DynamoDB::Table', 'Data');
    for (const name of FUNCTION_NAMES) {
      expect(resourcesFor(functionStatements(template, name), 'dynamodb:Query')).toEqual([
        `${table}.Arn`,
        `${table}.Arn/index/gsi1`,
      ]);
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
    expect(actionsOf(wildcard)).toEqual(XRAY);
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
