import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_ROUTES, type RouteTarget } from '../api-routes.js';

/** Requests per second across the stage; generous for people and a CRM, a ceiling for a runaway script. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

// Only variables HTTP APIs support; the request id is mandatory for CDK and for finding a request.
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    caller: '$context.identity.userArn',
    method: '$context.httpMethod',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

export interface SlaHttpApiProps {
  readonly handlers: Record<RouteTarget, IFunction>;
  readonly logRetention: logs.RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * The HTTP API: the routes of `API_ROUTES` on the `$default` stage (so paths reach the functions
 * exactly as the local server sends them), IAM on every `/v1` route, access logs and throttling.
 */
export class SlaHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: SlaHttpApiProps) {
    super(scope, id);

    this.api = new HttpApi(this, 'Api', {
      description: 'SLA tracker: admin API (IAM), Slack endpoints and the sources',
      createDefaultStage: false,
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: ACCESS_LOG_FORMAT,
      },
    });

    const integrations = new Map<RouteTarget, HttpLambdaIntegration>();
    const integrationFor = (target: RouteTarget) => {
      let integration = integrations.get(target);
      if (integration === undefined) {
        integration = new HttpLambdaIntegration(`${target}-integration`, props.handlers[target]);
        integrations.set(target, integration);
      }
      return integration;
    };

    const iam = new HttpIamAuthorizer();
    const none = new HttpNoneAuthorizer();
    for (const route of API_ROUTES) {
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationFor(route.target),
        authorizer: route.auth === 'iam' ? iam : none,
      });
      if (route.auth === 'public' && created !== undefined) {
        Validations.of(created).acknowledge({ id: 'AwsSolutions-APIG4', reason: route.why });
      }
    }
  }

  /** Base URL, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }
}
