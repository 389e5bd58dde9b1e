import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../infra/create-app.js';
import { cdkContext, type Synthesized, synthWithoutBundling, templateSourceRoot } from './support/synth.js';

const PROD = {
  stage: 'prod',
  emailSubscribers: [{ email: 'cfo@example.com', filter: 'executive', digest: true }],
  opsEmail: 'ops@example.com',
};

/** cdk-nag v3 reports through the validation framework, not annotations: ask the pack directly. */
function nagFindings(root: IConstruct) {
  return new AwsSolutionsChecks(undefined, { verbose: true })
    .validateScope(root)
    .violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
}

/** Every acknowledgement in the tree: `<rule id> @ <construct path>` with its reason. */
function acknowledgements(root: IConstruct): { id: string; path: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          id: id.replace(/^annotation::/i, ''),
          path: construct.node.path,
          reason,
        })),
      ),
  );
}

function validationReport(synthesized: Synthesized) {
  const directory = synthesized.app.synth().directory;
  return JSON.parse(readFileSync(join(directory, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName?: string; violations?: unknown[]; summary?: unknown }[];
  };
}

describe.each([
  ['dev', {}],
  ['prod', PROD],
])('the %s stage under the AwsSolutions rules', (_stage, context) => {
  const synthesized = synthWithoutBundling(context);

  it('has no unacknowledged error or warning', () => {
    expect(nagFindings(synthesized.app)).toEqual([]);
  });

  it('synthesizes with the pack registered, leaving nothing in the validation report', () => {
    const report = validationReport(synthesized);
    expect(report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
  });

  it('raises no CDK warning or error annotation', () => {
    const annotations = Annotations.fromStack(synthesized.stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
    expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });
});

describe('acknowledgements', () => {
  const { app } = synthWithoutBundling();
  const acks = acknowledgements(app);

  it('are exactly the reviewed set, each scoped to one construct with a specific reason', () => {
    const summary = [
      ...new Set(acks.map((a) => `${a.id} @ ${a.path.replace(/^SlaTracker-dev\//, '')}`)),
    ].sort();
    expect(summary).toEqual(
      [
        ...['api', 'evaluate', 'notify-slack', 'slack', 'digest', 'sources', 'web'].flatMap((fn) => [
          `AwsSolutions-IAM5[Resource::*] @ Fn-${fn}/Role`,
          `AwsSolutions-L1 @ Fn-${fn}/Function`,
        ]),
        ...[
          'GET--health',
          'POST--slack--commands',
          'POST--slack--interactions',
          'POST--sources--{name}',
          'GET--',
          'GET--{proxy+}',
          'POST--auth--logout',
        ].map((route) => `AwsSolutions-APIG4 @ Http/Api/${route}`),
        'AwsSolutions-SMG4 @ Secrets/Slack',
        'AwsSolutions-SMG4 @ Secrets/Sources',
        ...[
          'NotifySlackFailures',
          'NotifySlackDelivery',
          'EvaluateSchedule/DeadLetters',
          'DigestSchedule/DeadLetters',
          'EvaluateFailures',
          'DigestFailures',
          'AlarmStateFailures',
        ].map((queue) => `AwsSolutions-SQS3 @ ${queue}/Queue`),
      ].sort(),
    );
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(40);
  });

  it('never acknowledge the stack or the app as a whole', () => {
    expect(acks.filter((a) => a.path === 'SlaTracker-dev' || a.path === '')).toEqual([]);
  });
});

describe('the check itself', () => {
  it('fails synth on a resource that breaks the rules', () => {
    const { app, stack } = createApp({
      context: cdkContext({ 'aws:cdk:bundling-stacks': [] }),
      sourceRoot: templateSourceRoot(),
    });
    new sqs.CfnQueue(stack, 'PlainQueue');
    new iam.Policy(stack, 'TooWide', {
      statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] })],
      roles: [
        new iam.Role(stack, 'SomeRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
      ],
    });
    const findings = nagFindings(app);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^error AwsSolutions-SQS3: .*PlainQueue/),
        expect.stringMatching(/^error AwsSolutions-SQS4: .*PlainQueue/),
        expect.stringMatching(/^error AwsSolutions-IAM5\[Action::s3:\*\]: .*TooWide/),
        expect.stringMatching(/^error AwsSolutions-IAM5\[Resource::\*\]: .*TooWide/),
      ]),
    );
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});
