import type { SourceTypeName } from '../domain/sources/source-types.js';
import { alertmanagerSource } from './alertmanager.js';
import { cloudwatchSource } from './cloudwatch.js';
import { githubSource } from './github.js';
import { hubspotSource } from './hubspot.js';
import { jiraSource } from './jira.js';
import { pagerdutySource } from './pagerduty.js';
import type { SourceType } from './source-type.js';
import { webhookSource } from './webhook.js';
import { zendeskSource } from './zendesk.js';

/** Every kind of source by its `type:` name; typed against the config's list, so none can be left out. */
export const SOURCE_KINDS: Record<SourceTypeName, SourceType> = {
  webhook: webhookSource,
  hubspot: hubspotSource,
  alertmanager: alertmanagerSource,
  zendesk: zendeskSource,
  jira: jiraSource,
  github: githubSource,
  pagerduty: pagerdutySource,
  cloudwatch: cloudwatchSource,
};
