import { describe, expect, it } from 'vitest';
import { startupBanner } from '../../../local/banner.js';

const input = {
  url: 'http://127.0.0.1:3000',
  dataDir: '/tmp/sla',
  loaded: 'kept the data of the last run',
  clockWords: 'Wed Nov 18, 2026, 10:00 EST',
  clockFromEnv: false,
  outboxPath: '/tmp/sla/outbox.jsonl',
  slackSigningSecret: 'abc',
  signingSecretFromEnv: false,
  postsToSlack: false,
  sla: 'npx sla',
};

describe('the startup banner', () => {
  it('says where the dashboard is and that no one signs in locally', () => {
    const lines = startupBanner(input).split('\n');
    expect(lines).toContain('  Dashboard: http://127.0.0.1:3000/ (no sign-in locally)');
  });

  it('names the dashboard at the port the runtime got', () => {
    expect(startupBanner({ ...input, url: 'http://127.0.0.1:4123' })).toContain(
      'Dashboard: http://127.0.0.1:4123/ (no sign-in locally)',
    );
  });
});
