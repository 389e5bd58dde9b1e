import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../infra/api-routes.js';
import { FUNCTION_NAMES } from '../../infra/function-catalog.js';
import { logicalId } from './support/iam-queries.js';
import { devAndProdTemplates } from './support/synth.js';

let dev: Template;
let prod: Template;

beforeAll(() => {
  ({ dev, prod } = devAndProdTemplates());
}, 120_000);

describe('table', () => {
  it('follows the shared table definition, on demand, with PITR, encryption and TTL', () => {
    dev.resourceCountIs('AWS::DynamoDB::Table', 1);
    dev.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'gsi2',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('is protected and retained in prod, disposable in dev', () => {
    prod.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    dev.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
      DeletionPolicy: 'Delete',
    });
  });
});

describe('functions', () => {
  it('are Node.js 22 on arm64 with X-Ray, source maps, 256 MB (512 for Slack and the digest) and their own log group', () => {
    dev.resourceCountIs('AWS::Lambda::Function', FUNCTION_NAMES.length);
    for (const name of FUNCTION_NAMES) {
      dev.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: name === 'slack' || name === 'digest' ? 512 : 256,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp(`^Fn${name.replace('-', '')}Logs`) } },
        Environment: {
          Variables: Match.objectLike({
            POWERTOOLS_SERVICE_NAME: `sla-${name}`,
            POWERTOOLS_METRICS_NAMESPACE: 'SlaTracker',
            NODE_OPTIONS: '--enable-source-maps',
            TABLE_NAME: { Ref: logicalId(dev, 'AWS::DynamoDB::Table', 'Data') },
          }),
        },
      });
    }
    dev.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, FUNCTION_NAMES.length + 1);
    prod.resourcePropertiesCountIs(
      'AWS::Logs::LogGroup',
      { RetentionInDays: 180 },
      FUNCTION_NAMES.length + 1,
    );
  });

  it('get exactly the environment variables of the resources they may use', () => {
    const envOf = (name: string) => {
      const id = logicalId(dev, 'AWS::Lambda::Function', `Fn${name.replace('-', '')}Function`);
      const fn = dev.toJSON().Resources[id];
      return Object.keys(fn.Properties.Environment.Variables).sort();
    };
    const base = ['NODE_OPTIONS', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME'];
    expect(envOf('api')).toEqual([...base, 'ALERTS_TOPIC_ARN', 'SLACK_SECRET_ARN'].sort());
    expect(envOf('evaluate')).toEqual([...base, 'ALERTS_TOPIC_ARN'].sort());
    expect(envOf('notify-slack')).toEqual([...base, 'SLACK_SECRET_ARN'].sort());
    expect(envOf('slack')).toEqual([...base, 'SLACK_SECRET_ARN'].sort());
    expect(envOf('digest')).toEqual([...base, 'DIGESTS_TOPIC_ARN', 'SLACK_SECRET_ARN'].sort());
    expect(envOf('sources')).toEqual([...base, 'SOURCES_SECRET_ARN'].sort());
    expect(envOf('web')).toEqual([...base, 'SLACK_SECRET_ARN'].sort());
  });

  it('send failed asynchronous Slack notifications to a dead-letter queue', () => {
    dev.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'sla-notify-slack' }) },
      DeadLetterConfig: {
        TargetArn: { 'Fn::GetAtt': [logicalId(dev, 'AWS::SQS::Queue', 'NotifySlackFailures'), 'Arn'] },
      },
    });
  });
});

describe('HTTP API', () => {
  const routes = () =>
    Object.values(dev.findResources('AWS::ApiGatewayV2::Route')).map((route) => ({
      key: route.Properties.RouteKey as string,
      auth: route.Properties.AuthorizationType as string,
    }));

  it('has exactly the routes of API_ROUTES', () => {
    expect(
      routes()
        .map((r) => r.key)
        .sort(),
    ).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('requires IAM on every /v1 route and only there', () => {
    for (const route of routes()) {
      const path = route.key.split(' ')[1] ?? '';
      expect(`${route.key} ${route.auth}`).toBe(
        `${route.key} ${path.startsWith('/v1/') ? 'AWS_IAM' : 'NONE'}`,
      );
    }
    expect(routes().map((r) => r.key)).toContain('POST /v1/config:apply');
  });

  it('sends Slack routes to the slack function and the sources route to the sources function', () => {
    const integrationOf = (key: string) => {
      const route = Object.values(dev.findResources('AWS::ApiGatewayV2::Route')).find(
        (r) => r.Properties.RouteKey === key,
      );
      const target = route?.Properties.Target['Fn::Join'][1][1].Ref as string;
      const integration = dev.toJSON().Resources[target];
      return integration.Properties.IntegrationUri['Fn::GetAtt'][0] as string;
    };
    expect(integrationOf('POST /slack/commands')).toMatch(/^FnslackFunction/);
    expect(integrationOf('POST /slack/interactions')).toMatch(/^FnslackFunction/);
    expect(integrationOf('POST /sources/{name}')).toMatch(/^FnsourcesFunction/);
    expect(integrationOf('GET /v1/sources')).toMatch(/^FnapiFunction/);
    expect(integrationOf('GET /health')).toMatch(/^FnapiFunction/);
    expect(integrationOf('POST /v1/config:apply')).toMatch(/^FnapiFunction/);
    for (const key of ['GET /', 'GET /{proxy+}', 'POST /auth/logout']) {
      expect(integrationOf(key)).toMatch(/^FnwebFunction/);
    }
    dev.hasResourceProperties('AWS::ApiGatewayV2::Integration', { PayloadFormatVersion: '2.0' });
  });

  it('serves the dashboard and its sign-in publicly: the web function checks the session', () => {
    const dashboard = routes().filter(
      (r) => !r.key.includes('/v1/') && /^(GET \/|POST \/auth\/)/.test(r.key),
    );
    expect(dashboard.map((r) => r.key).sort()).toEqual([
      'GET /',
      'GET /health',
      'GET /{proxy+}',
      'POST /auth/logout',
    ]);
    for (const route of dashboard) expect(route.auth).toBe('NONE');
    const why = API_ROUTES.filter((r) => r.target === 'web').map((r) => (r.auth === 'public' ? r.why : ''));
    expect(why).toHaveLength(3);
    for (const reason of why) expect(reason).toMatch(/Sign in with Slack session cookie/);
  });

  it('logs access as JSON and throttles the $default stage', () => {
    dev.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logicalId(dev, 'AWS::Logs::LogGroup', 'HttpAccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
  });
});

describe('schedules', () => {
  const schedules = (template: Template) =>
    Object.values(template.findResources('AWS::Scheduler::Schedule')).map((r) => r.Properties);
  const target = (template: Template, fn: string) =>
    schedules(template).find((p) => p.Target.Arn['Fn::GetAtt'][0].startsWith(fn));

  it('tick every five minutes on the clock in every stage; no schedule copies the YAML', () => {
    for (const template of [dev, prod]) {
      expect(schedules(template)).toHaveLength(2);
      for (const schedule of schedules(template)) {
        expect(schedule.ScheduleExpression).toBe('cron(0/5 * * * ? *)');
        // The tick is read in UTC; the YAML's timezone is applied at run time, by the functions.
        expect(schedule.ScheduleExpressionTimezone).toBe('Etc/UTC');
      }
    }
  });

  it('invoke the evaluator with retries and a dead-letter queue', () => {
    expect(target(dev, 'FnevaluateFunction')?.Target).toEqual({
      Arn: { 'Fn::GetAtt': [logicalId(dev, 'AWS::Lambda::Function', 'FnevaluateFunction'), 'Arn'] },
      Input: JSON.stringify({ source: 'schedule', scheduledTime: '<aws.scheduler.scheduled-time>' }),
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
      DeadLetterConfig: {
        Arn: { 'Fn::GetAtt': [logicalId(dev, 'AWS::SQS::Queue', 'EvaluateScheduleDeadLetters'), 'Arn'] },
      },
      RoleArn: { 'Fn::GetAtt': [logicalId(dev, 'AWS::IAM::Role', 'EvaluateScheduleRole'), 'Arn'] },
    });
  });

  it('invoke the digest with its tick time, retried for up to six hours', () => {
    expect(target(dev, 'FndigestFunction')?.Target).toEqual(
      expect.objectContaining({
        Input: JSON.stringify({ source: 'schedule', scheduledTime: '<aws.scheduler.scheduled-time>' }),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 21_600 },
        DeadLetterConfig: {
          Arn: { 'Fn::GetAtt': [logicalId(dev, 'AWS::SQS::Queue', 'DigestScheduleDeadLetters'), 'Arn'] },
        },
      }),
    );
  });
});
