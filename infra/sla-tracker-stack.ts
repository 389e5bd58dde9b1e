import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { TICK_MINUTES } from '../shared/domain/schedule-ticks.js';
import type { StageConfig } from './config.js';
import { AlarmStateChanges } from './constructs/alarm-state-changes.js';
import { DeadLetterQueue } from './constructs/dead-letter-queue.js';
import { EmailSubscriptions } from './constructs/email-subscriptions.js';
import { NotificationTopics } from './constructs/notification-topics.js';
import { OpsAlarms } from './constructs/ops-alarms.js';
import { ScheduledInvocation } from './constructs/scheduled-invocation.js';
import { SlaFunction, type SlaFunctionProps } from './constructs/sla-function.js';
import { SlaHttpApi } from './constructs/sla-http-api.js';
import { SlaSecrets } from './constructs/sla-secrets.js';
import { SlaTable } from './constructs/sla-table.js';
import { entryPath, FUNCTION_NAMES, type FunctionName } from './function-catalog.js';
import { TABLE_ACCESS } from './table-access.js';

/** The repository root: package-lock.json and `functions/` live there. */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface SlaTrackerStackProps extends StackProps {
  readonly config: StageConfig;
  /** Where `functions/<name>/index.ts` and package-lock.json are; the repository by default. */
  readonly sourceRoot?: string;
}

type FunctionSettings = Pick<SlaFunctionProps, 'description' | 'timeout' | 'memorySize'>;

const FUNCTIONS: Record<FunctionName, FunctionSettings> = {
  // Under API Gateway's 30-second integration limit, so a slow request ends as our 5xx, not a 503.
  api: { description: 'HTTP API: /v1 admin routes and /health', timeout: Duration.seconds(25) },
  evaluate: {
    description: 'Scheduled evaluator: status, closing periods, alerts',
    timeout: Duration.minutes(5),
  },
  'notify-slack': { description: 'Posts alerts from SNS to Slack', timeout: Duration.seconds(30) },
  // Slack waits 3 seconds; more memory buys the CPU that makes a cold start fit in them.
  slack: { description: 'Slack slash commands and buttons', timeout: Duration.seconds(10), memorySize: 512 },
  // The overview image's renderer (WebAssembly and fonts) needs about 150 MB more while it draws.
  digest: {
    description: 'Weekly digest to Slack and the digests topic',
    timeout: Duration.minutes(2),
    memorySize: 512,
  },
  sources: {
    description: 'POST /sources/{name}: verified deliveries from CRMs, monitoring and scripts',
    timeout: Duration.seconds(25),
  },
  web: { description: 'The dashboard, behind Sign in with Slack', timeout: Duration.seconds(25) },
};

/** The whole system. It only composes; each construct owns one concern. */
export class SlaTrackerStack extends Stack {
  constructor(scope: Construct, id: string, props: SlaTrackerStackProps) {
    super(scope, id, props);
    const { config } = props;
    const sourceRoot = props.sourceRoot ?? REPOSITORY_ROOT;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = config.retainData ? logs.RetentionDays.SIX_MONTHS : logs.RetentionDays.ONE_MONTH;

    const table = new SlaTable(this, 'Data', { retainData: config.retainData });
    const topics = new NotificationTopics(this, 'Topics', { removalPolicy });
    const secrets = new SlaSecrets(this, 'Secrets', {
      slackSecretName: config.slackSecretName,
      removalPolicy,
    });
    const slackFailures = new DeadLetterQueue(this, 'NotifySlackFailures', {
      purpose: 'alerts the Slack notifier could not post after Lambda retried it',
      removalPolicy,
    });

    // Scheduler invokes these two asynchronously: a run that still fails after Lambda's two retries
    // would otherwise be dropped (the schedules' own dead-letter queues only see failed deliveries).
    const evaluateFailures = new DeadLetterQueue(this, 'EvaluateFailures', {
      purpose:
        "evaluator runs that failed after Lambda's retries (the record holds the payload and the error)",
      removalPolicy,
    });
    const digestFailures = new DeadLetterQueue(this, 'DigestFailures', {
      purpose: "digest runs that failed after Lambda's retries (the record holds the payload and the error)",
      removalPolicy,
    });

    // EventBridge invokes the sources function asynchronously with alarm state changes: what it
    // cannot deliver, or what still fails after Lambda's retries, waits here for a person.
    const alarmStateFailures = new DeadLetterQueue(this, 'AlarmStateFailures', {
      purpose:
        'CloudWatch alarm state changes EventBridge could not hand to the sources function, or that failed there after retries',
      removalPolicy,
    });

    const make = (name: FunctionName, extra: Partial<SlaFunctionProps> = {}) =>
      new SlaFunction(this, `Fn-${name}`, {
        ...FUNCTIONS[name],
        entry: entryPath(sourceRoot, name),
        projectRoot: sourceRoot,
        serviceName: `sla-${name}`,
        environment: { TABLE_NAME: table.tableName },
        logRetention,
        logRemovalPolicy: removalPolicy,
        ...extra,
      });
    const fns = {
      api: make('api'),
      evaluate: make('evaluate', { onFailure: evaluateFailures.queue }),
      'notify-slack': make('notify-slack', { deadLetterQueue: slackFailures.queue }),
      slack: make('slack'),
      digest: make('digest', { onFailure: digestFailures.queue }),
      sources: make('sources', { onFailure: alarmStateFailures.queue }),
      web: make('web'),
    } satisfies Record<FunctionName, SlaFunction>;

    // Least privilege: each function gets the table actions, topics and secrets its code uses.
    for (const name of FUNCTION_NAMES) table.grant(fns[name].role, TABLE_ACCESS[name]);
    for (const fn of [fns.api, fns.evaluate]) {
      topics.grantPublish(topics.alerts, fn.role);
      fn.addEnvironment('ALERTS_TOPIC_ARN', topics.alerts.topicArn);
    }
    topics.grantPublish(topics.digests, fns.digest.role);
    fns.digest.addEnvironment('DIGESTS_TOPIC_ARN', topics.digests.topicArn);
    // The API updates an alert's Slack messages when it is acknowledged or snoozed through the API;
    // the dashboard signs people in with the app's client id and secret, kept in the same secret.
    for (const fn of [fns.api, fns['notify-slack'], fns.slack, fns.digest, fns.web]) {
      secrets.grantValue(secrets.slack, fn.role);
      fn.addEnvironment('SLACK_SECRET_ARN', secrets.slack.secretArn);
    }
    secrets.grantValue(secrets.sources, fns.sources.role);
    fns.sources.addEnvironment('SOURCES_SECRET_ARN', secrets.sources.secretArn);

    new AlarmStateChanges(this, 'AlarmStateChanges', {
      function: fns.sources.function,
      alarmPrefix: config.cloudwatchAlarmPrefix,
      deadLetterQueue: alarmStateFailures.queue,
    });

    const http = new SlaHttpApi(this, 'Http', {
      handlers: {
        api: fns.api.function,
        slack: fns.slack.function,
        sources: fns.sources.function,
        web: fns.web.function,
      },
      logRetention,
      logRemovalPolicy: removalPolicy,
    });

    const slackDelivery = new DeadLetterQueue(this, 'NotifySlackDelivery', {
      purpose: 'alerts SNS could not hand to the Slack notifier',
      removalPolicy,
    });
    topics.alerts.addSubscription(
      new LambdaSubscription(fns['notify-slack'].function, { deadLetterQueue: slackDelivery.queue }),
    );
    new EmailSubscriptions(this, 'Email', {
      alerts: topics.alerts,
      digests: topics.digests,
      subscribers: config.emailSubscribers,
      executiveLevel: config.executiveLevel,
    });

    // Both schedules tick every five minutes on the clock; each function asks the applied YAML
    // (`evaluation.every`, `digest.schedule`, `timezone`) whether its run is due at that tick, so
    // `sla apply` changes them at once and nothing here needs to be kept in step with the YAML.
    const tick = ScheduleExpression.expression(`cron(0/${TICK_MINUTES} * * * ? *)`);
    const evaluator = new ScheduledInvocation(this, 'EvaluateSchedule', {
      function: fns.evaluate.function,
      schedule: tick,
      description: `Every ${TICK_MINUTES} minutes: run the SLA evaluator when evaluation.every says it is due`,
      // A late tick still evaluates "now"; after an hour enough later ticks have run.
      retryAttempts: 3,
      maxEventAge: Duration.hours(1),
      removalPolicy,
    });
    const digest = new ScheduledInvocation(this, 'DigestSchedule', {
      function: fns.digest.function,
      schedule: tick,
      description: `Every ${TICK_MINUTES} minutes: send the weekly SLA digest when digest.schedule says it is due`,
      // Only one tick a week claims the digest, so its delivery is worth retrying for hours.
      retryAttempts: 3,
      maxEventAge: Duration.hours(6),
      removalPolicy,
    });

    new OpsAlarms(this, 'Alarms', {
      topic: topics.ops,
      functions: Object.fromEntries(Object.entries(fns).map(([name, fn]) => [name, fn.function])),
      deadLetterQueues: {
        'notify-slack-delivery': slackDelivery,
        'notify-slack-failures': slackFailures,
        'evaluate-schedule': evaluator.deadLetterQueue,
        'digest-schedule': digest.deadLetterQueue,
        'evaluate-failures': evaluateFailures,
        'digest-failures': digestFailures,
        'alarm-state-failures': alarmStateFailures,
      },
      apiStage: http.stage,
      opsEmail: config.opsEmail,
    });

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('ApiUrl', http.url, 'Base URL of the HTTP API (the /v1 routes need SigV4)');
    output('SlackCommandsUrl', `${http.url}slack/commands`, 'Slash command Request URL for the Slack app');
    output(
      'SlackInteractionsUrl',
      `${http.url}slack/interactions`,
      'Interactivity Request URL for the Slack app',
    );
    output(
      'SourcesUrl',
      `${http.url}sources/{name}`,
      'Where each source posts its deliveries; replace {name} with the name under sources:',
    );
    output('DashboardUrl', http.url, 'The dashboard; people sign in with Slack (README: Enable sign-in)');
    output(
      'SignInRedirectUrl',
      `${http.url}auth/callback`,
      "Redirect URL for the Slack app's OAuth & Permissions (Sign in with Slack)",
    );
    output('AlertsTopicArn', topics.alerts.topicArn, 'SNS topic with one message per notification');
    output('DigestsTopicArn', topics.digests.topicArn, 'SNS topic with the weekly digest');
    output('SlackSecretArn', secrets.slack.secretArn, 'Fill in {"signingSecret","botToken"} after deploy');
    output('SourcesSecretArn', secrets.sources.secretArn, 'JSON map of each source name to its secret');
    output('TableName', table.tableName, 'DynamoDB table');
  }
}
