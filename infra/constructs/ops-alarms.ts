import { Duration } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { DeadLetterQueue } from './dead-letter-queue.js';

export interface OpsAlarmsProps {
  readonly topic: sns.ITopic;
  readonly functions: Record<string, IFunction>;
  readonly deadLetterQueues: Record<string, DeadLetterQueue>;
  readonly apiStage: HttpStage;
  readonly opsEmail?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Alarms that page ops through the `ops` topic: any function error or throttle, any message in
 * a dead-letter queue (a lost Slack alert or a failed schedule), any 5xx from the API. Every
 * threshold is "one", because each of these means something was not delivered or a bug ran.
 */
export class OpsAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);
    const action = new SnsAction(props.topic);
    const add = (alarmId: string, metric: cloudwatch.IMetric, description: string) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(action);
      this.alarms.push(alarm);
    };

    for (const [name, fn] of Object.entries(props.functions)) {
      add(
        `${name}-errors`,
        fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        `The ${name} function failed (see its log group).`,
      );
      add(
        `${name}-throttles`,
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        `The ${name} function was throttled: account concurrency is exhausted.`,
      );
    }
    for (const [name, dlq] of Object.entries(props.deadLetterQueues)) {
      add(
        `${name}-dead-letters`,
        dlq.queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        `Messages in the ${name} dead-letter queue: ${dlq.purpose}. Inspect and redrive them.`,
      );
    }
    add(
      'api-5xx',
      props.apiStage.metricServerError({ period: FIVE_MINUTES }),
      'The HTTP API answered 5xx: a bug or an outage, never bad input.',
    );

    if (props.opsEmail !== undefined) {
      new sns.Subscription(this, 'OpsEmail', {
        topic: props.topic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: props.opsEmail,
      });
    }
  }
}
