import { type Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ContextAttribute,
  Schedule,
  type ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { ScheduleTargetBase } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.js';

/**
 * Invokes one function. The stock `LambdaInvoke` target grants `lambda:InvokeFunction` on the
 * function and on `function:*` (every version and alias); Scheduler calls the unqualified ARN,
 * so that ARN alone is granted.
 */
class InvokeFunctionOnly extends ScheduleTargetBase {
  constructor(
    private readonly fn: IFunction,
    props: ConstructorParameters<typeof ScheduleTargetBase>[0],
  ) {
    super(props, fn.functionArn);
  }

  protected addTargetActionToRole(role: iam.IRole): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.fn.functionArn] }),
    );
  }
}

export interface ScheduledInvocationProps {
  readonly function: IFunction;
  readonly schedule: ScheduleExpression;
  readonly description: string;
  /** Scheduler's own retries when the invocation itself fails (throttling, service errors). */
  readonly retryAttempts: number;
  readonly maxEventAge: Duration;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * An EventBridge Scheduler schedule with its own role, allowed to invoke this function and to
 * write to this schedule's dead-letter queue, nothing else. The function receives
 * `{ "source": "schedule", "scheduledTime": "<ISO-8601>" }`.
 */
export class ScheduledInvocation extends Construct {
  readonly schedule: Schedule;
  readonly role: iam.Role;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: ScheduledInvocationProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', {
      purpose: `${props.description}: invocations that failed after Scheduler's retries`,
      removalPolicy: props.removalPolicy,
    });

    this.role = new iam.Role(this, 'Role', {
      description: `Lets EventBridge Scheduler run: ${props.description}`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: 'default',
            }),
          },
        },
      }),
    });

    this.schedule = new Schedule(this, 'Schedule', {
      schedule: props.schedule,
      description: props.description,
      target: new InvokeFunctionOnly(props.function, {
        role: this.role,
        deadLetterQueue: this.deadLetterQueue.queue,
        retryAttempts: props.retryAttempts,
        maxEventAge: props.maxEventAge,
        input: ScheduleTargetInput.fromObject({
          source: 'schedule',
          scheduledTime: ContextAttribute.scheduledTime,
        }),
      }),
    });
  }
}
