/** What the Slack edges log: Powertools' Logger in AWS, a line printer locally. */
export interface SlackLog {
  error(message: string, error: unknown): void;
  warn(message: string, detail?: unknown): void;
}
