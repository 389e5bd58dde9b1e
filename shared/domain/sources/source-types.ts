/**
 * The kinds of sender a `sources:` entry may name. Each kind has its own signature scheme and its
 * own payload; what the configuration needs to know of it is said here, so that adding a kind is
 * one entry in this list and one module beside the sources edge.
 */
export const SOURCE_TYPES = [
  'webhook',
  'hubspot',
  'alertmanager',
  'zendesk',
  'jira',
  'github',
  'pagerduty',
  'cloudwatch',
] as const;
export type SourceTypeName = (typeof SOURCE_TYPES)[number];

export interface SourceTypeRules {
  /** Whether a source of this kind needs rules: a payload that names its commitment does not. */
  rulesRequired: boolean;
  /** Whether the scheme signs the URL the sender called, so a `url:` may say what that was. */
  signsUrl?: boolean;
  /**
   * Why a configuration may hold at most one source of this kind, when deliveries reach it by
   * their kind rather than by the source's name.
   */
  onePerConfiguration?: string;
}

export const SOURCE_TYPE_RULES: Record<SourceTypeName, SourceTypeRules> = {
  // A Standard Webhooks body names its commitment itself; rules only narrow or redirect it.
  webhook: { rulesRequired: false },
  hubspot: { rulesRequired: true, signsUrl: true }, // subscription events name no commitment
  alertmanager: { rulesRequired: true }, // alerts name no commitment: rules say whose outage each is
  zendesk: { rulesRequired: true }, // ticket events name no commitment
  jira: { rulesRequired: true }, // issue events name no commitment
  github: { rulesRequired: true }, // repository events name no commitment
  pagerduty: { rulesRequired: true }, // incidents name no commitment: rules pick services and event types
  cloudwatch: {
    rulesRequired: true, // alarms name no commitment: rules say whose outage each alarm is
    onePerConfiguration:
      "in AWS one EventBridge rule hands every alarm state change to the sources function, which gives it to the configuration's cloudwatch source; tell alarms apart with that source's rules",
  },
};
