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
 * signing secret and bot token, and the webhook secret is also configured in the CRM, so a
 * silent rotation would break the CRM until someone copied the new value over.
 */
export class SlaSecrets extends Construct {
  /** JSON `{ "signingSecret": "...", "botToken": "xoxb-..." }`, filled in by an admin after deploy. */
  readonly slack: secretsmanager.Secret;
  /** A plain string: the HMAC key the CRM signs webhook requests with. */
  readonly webhook: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: SlaSecretsProps) {
    super(scope, id);

    this.slack = new secretsmanager.Secret(this, 'Slack', {
      secretName: props.slackSecretName,
      description:
        'Slack app credentials for the SLA tracker: {"signingSecret": "...", "botToken": "xoxb-..."}. ' +
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

    this.webhook = new secretsmanager.Secret(this, 'Webhook', {
      description: 'HMAC-SHA256 key shared with the CRM that posts to /webhook/commitments/{id}/events',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: props.removalPolicy,
    });

    Validations.of(this.slack).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Slack issues the signing secret and bot token; they change only when an admin regenerates ' +
        'them in the Slack app settings and pastes them here (docs/deploy.md).',
    });
    Validations.of(this.webhook).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The webhook HMAC key is shared with the CRM; it is rotated by hand together with the CRM ' +
        'configuration (docs/deploy.md), since an automatic rotation would break ingestion silently.',
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
