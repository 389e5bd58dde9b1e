import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ALARM_DETAIL_TYPE, ALARM_EVENT_SOURCE } from '../../shared/sources/cloudwatch.js';

export interface AlarmStateChangesProps {
  /** The sources function, which records each change for the configuration's cloudwatch source. */
  readonly function: IFunction;
  /** Only alarms whose name starts with this are delivered; every alarm of the account when unset. */
  readonly alarmPrefix?: string;
  /** Where an event waits when EventBridge could not invoke the function after its retries. */
  readonly deadLetterQueue: IQueue;
}

/**
 * The account's CloudWatch alarm state changes, delivered to the sources function. EventBridge
 * invokes it directly (a resource policy allows this rule alone), so no public route and no
 * signature are involved: the event goes to the function as EventBridge sent it.
 */
export class AlarmStateChanges extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: AlarmStateChangesProps) {
    super(scope, id);
    const prefix = props.alarmPrefix;
    this.rule = new events.Rule(this, 'Rule', {
      description:
        prefix === undefined
          ? 'CloudWatch alarm state changes, to the SLA tracker cloudwatch source'
          : `CloudWatch alarm state changes of alarms named ${prefix}*, to the SLA tracker cloudwatch source`,
      eventPattern: {
        source: [ALARM_EVENT_SOURCE],
        detailType: [ALARM_DETAIL_TYPE],
        ...(prefix === undefined ? {} : { detail: { alarmName: events.Match.prefix(prefix) } }),
      },
    });
    this.rule.addTarget(
      new targets.LambdaFunction(props.function, {
        deadLetterQueue: props.deadLetterQueue,
        // An outage's start is worth waiting for: each event keeps its id, so a late one counts once.
        retryAttempts: 10,
        maxEventAge: Duration.hours(24),
      }),
    );
  }
}
