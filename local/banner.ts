/** What `npm start` prints once everything runs: where each part is and what to try first. */
export interface BannerInput {
  url: string;
  dataDir: string;
  /** What happened to the configuration at start (`loaded …` or `kept the data of the last run`). */
  loaded: string;
  clockWords: string;
  clockFromEnv: boolean;
  outboxPath: string;
  slackSigningSecret: string;
  signingSecretFromEnv: boolean;
  postsToSlack: boolean;
  /** How to call the CLI against this runtime (`npx sla`, or with SLA_API_URL set). */
  sla: string;
}

export function startupBanner(b: BannerInput): string {
  return [
    '',
    `  SLA tracker running at ${b.url}`,
    // Locally the dashboard is open to whoever reaches 127.0.0.1; in AWS people sign in with Slack.
    `  Dashboard: ${b.url}/ (no sign-in locally)`,
    `  data folder   ${b.dataDir} (${b.loaded})`,
    `  clock         ${b.clockWords}${b.clockFromEnv ? ' (from SLA_CLOCK)' : ''}`,
    `  outbox        ${b.outboxPath}`,
    `  Slack         signing secret ${b.slackSigningSecret}${b.signingSecretFromEnv ? ' (from SLACK_SIGNING_SECRET)' : ' (generated; set SLACK_SIGNING_SECRET to keep one)'}`,
    `                ${b.postsToSlack ? 'messages also go to your Slack workspace' : 'messages go to the outbox only (set SLACK_BOT_TOKEN to post to Slack)'}`,
    `  sources       ${b.url}/sources/<name> (each source's secret from SLA_SOURCE_<NAME>_SECRET)`,
    '',
    '  Try, in another terminal:',
    `    ${b.sla} status`,
    `    ${b.sla} record marketing-qualified-leads 5`,
    `    ${b.sla} clock --advance P1D`,
    `    ${b.sla} digest`,
    `    curl ${b.url}/v1/commitments/marketing-qualified-leads/status`,
    '',
    '  Ctrl-C stops everything; the data stays for the next start.',
    '',
  ].join('\n');
}
