import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface SlaSecretsProps {
  /** A name an admin can find in the console, e.g. `sla-tracker/prod/slack`. */
  readonly slackSecretName: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The two shared secrets. Neither can be rotated by a Lambda on a timer: Slack issues the
 * signing secret and bot token, and each source's secret is also configured in its sender, so a
 * silent rotation would break that sender until someone copied the new value over.
 */
export class SlaSecrets extends Construct {
  /**
   * JSON `{ "signingSecret": "...", "botToken": "xoxb-..." }` (and the app's `oidcClientId` and
   * `oidcClientSecret` for the dashboard's sign-in), filled in by an admin after deploy.
   */
  readonly slack: secretsmanager.Secret;
  /** JSON `{ "<source name>": "<secret>" }`: one entry per source under `sources:`. */
  readonly sources: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: SlaSecretsProps) {
    super(scope, id);

    this.slack = new secretsmanager.Secret(this, 'Slack', {
      secretName: props.slackSecretName,
      description:
        'Slack app credentials for the SLA tracker: {"signingSecret": "...", "botToken": "xoxb-..."}, ' +
        'plus "oidcClientId" and "oidcClientSecret" to turn on the dashboard sign-in. ' +
        'Paste the values from the Slack app settings after the first deploy.',
      // Until an admin pastes Slack's value, the signing secret is random: every Slack request
      // fails verification instead of being checked against an empty key.
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ botToken: '' }),
        generateStringKey: 'signingSecret',
        passwordLength: 32,
        excludePunctuation: true,
      },
      removalPolicy: props.removalPolicy,
    });

    // Empty until an admin adds a source: a source without an entry has every delivery refused.
    this.sources = new secretsmanager.Secret(this, 'Sources', {
      description:
        'Secrets of the SLA tracker sources, a JSON map by source name: {"crm": "whsec_..."} ' +
        '(each sender signs its deliveries to /sources/{name} with its own).',
      secretObjectValue: {},
      removalPolicy: props.removalPolicy,
    });

    Validations.of(this.slack).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Slack issues the signing secret and bot token; they change only when an admin regenerates ' +
        'them in the Slack app settings and pastes them here (docs/deploy.md).',
    });
    Validations.of(this.sources).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "Each source's secret is shared with its sender; it is rotated by hand together with the " +
        "sender's configuration (docs/sources.md), since an automatic rotation would break ingestion silently.",
    });
  }

  /**
   * Lets `grantee` read `secret`'s value. Unlike `secret.grantRead`, without DescribeSecret: the
   * functions only call GetSecretValue. The secrets use the AWS-managed key, so no key grant is needed.
   */
  grantValue(secret: secretsmanager.ISecret, grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['secretsmanager:GetSecretValue'],
      resourceArns: [secret.secretArn],
    });
  }
}
