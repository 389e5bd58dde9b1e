import { join } from 'node:path';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  type DestinationConfig,
  type DestinationOptions,
  type IDestination,
  type IFunction,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../shared/ports/metrics.js';
import { REQUIRE_SHIM } from './split-bundle.js';

export interface SlaFunctionProps {
  /** Absolute path of the handler file (`functions/<name>/index.ts`). */
  readonly entry: string;
  /** Directory that holds package-lock.json and the sources; esbuild runs from there. */
  readonly projectRoot: string;
  readonly description: string;
  /** `POWERTOOLS_SERVICE_NAME`, also used in log and metric names. */
  readonly serviceName: string;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** Where asynchronous invocations (SNS, Scheduler) land after Lambda's own retries. */
  readonly deadLetterQueue?: sqs.IQueue;
  /**
   * Where a failed asynchronous invocation is recorded (with its payload and the error) after
   * Lambda's own retries, as an on-failure destination.
   */
  readonly onFailure?: sqs.IQueue;
  readonly logRetention: logs.RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * An on-failure destination that may only send to its queue. The stock `SqsDestination` also
 * grants GetQueueAttributes and GetQueueUrl, which Lambda does not need to deliver the record.
 */
class SendToQueue implements IDestination {
  constructor(private readonly queue: sqs.IQueue) {}

  bind(_scope: Construct, fn: IFunction, _options?: DestinationOptions): DestinationConfig {
    iam.Grant.addToPrincipal({
      grantee: fn,
      actions: ['sqs:SendMessage'],
      resourceArns: [this.queue.queueArn],
    });
    return { destination: this.queue.queueArn };
  }
}

/**
 * One Lambda function with the project's defaults: Node.js 22 on arm64, an ESM bundle built by
 * the local esbuild (never Docker), source maps, X-Ray, and its own log group and role. The role
 * starts with nothing but writing to that log group; callers add exactly what the code uses.
 */
export class SlaFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: SlaFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });

    // A role of our own instead of AWSLambdaBasicExecutionRole, which may write to every log
    // group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.serviceName}`,
    });
    this.logGroup.grantWrite(this.role);
    // Tracing.ACTIVE adds xray:PutTraceSegments and xray:PutTelemetryRecords on '*' to this role.
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only for the X-Ray actions that Tracing.ACTIVE adds (PutTraceSegments, PutTelemetryRecords): X-Ray ' +
        'has no resource-level permissions. Tests assert no other statement uses Resource "*".',
    });

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      deadLetterQueue: props.deadLetterQueue,
      onFailure: props.onFailure ? new SendToQueue(props.onFailure) : undefined,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        // Business metrics leave as embedded metric format on stdout: no IAM permission needed.
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: REQUIRE_SHIM,
        minify: true,
        // Error classes take their name from the class; minified names would make the logs say
        // `e` instead of `SlackNotifyError`. Costs about 4% of the zipped bundle.
        keepNames: true,
        sourceMap: true,
        // Stack traces need line mappings, not a second copy of every source file.
        sourcesContent: false,
        // The AWS SDK is bundled: one minified file loads 40-50 ms faster than the runtime's SDK
        // spread over dozens of files (measured in bench/results.md, cold start), and the versions in
        // package-lock.json are the ones that run. The price is size: 350 KB more per bundle.
        externalModules: [],
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
        // The same build again with code splitting, over the single file above: code reached only
        // through `await import()` goes to chunks read on first use, not at cold start.
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [
            `node --import tsx "${join(inputDir, 'infra', 'constructs', 'split-bundle.ts')}" "${props.entry}" "${outputDir}"`,
          ],
        },
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the code is bundled (esbuild target node22) and tested for; moving ' +
        'to Node.js 24, the newest managed runtime, is a deliberate upgrade, not a side effect of a CDK release.',
    });
  }

  addEnvironment(name: string, value: string): void {
    this.function.addEnvironment(name, value);
  }
}
