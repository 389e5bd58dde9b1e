/**
 * The kinds of sender a `sources:` entry may name. Each kind has its own signature scheme and its
 * own payload; what the configuration needs to know of it is said here, so that adding a kind is
 * one entry in this list and one module beside the sources edge.
 */
export const SOURCE_TYPES = ['webhook', 'hubspot', 'alertmanager', 'zendesk', 'jira', 'github'] as const;
export type SourceTypeName = (typeof SOURCE_TYPES)[number];

export interface SourceTypeRules {
  /** Whether a source of this kind needs rules: a payload that names its commitment does not. */
  rulesRequired: boolean;
  /** Whether the scheme signs the URL the sender called, so a `url:` may say what that was. */
  signsUrl?: boolean;
}

export const SOURCE_TYPE_RULES: Record<SourceTypeName, SourceTypeRules> = {
  // A Standard Webhooks body names its commitment itself; rules only narrow or redirect it.
  webhook: { rulesRequired: false },
  hubspot: { rulesRequired: true, signsUrl: true }, // subscription events name no commitment
  alertmanager: { rulesRequired: true }, // alerts name no commitment: rules say whose outage each is
  zendesk: { rulesRequired: true }, // ticket events name no commitment
  jira: { rulesRequired: true }, // issue events name no commitment
  github: { rulesRequired: true }, // repository events name no commitment
};
