import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const manifest = parse(readFileSync(new URL('../../../slack/manifest.yaml', import.meta.url), 'utf8'));

describe('the Slack app manifest', () => {
  it('declares /sla with a usage hint, pointed at the commands route', () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({
        command: '/sla',
        url: 'https://YOUR-API-ID.execute-api.REGION.amazonaws.com/slack/commands',
        usage_hint: expect.stringContaining('status <id>'),
        should_escape: false,
      }),
    ]);
  });

  it('asks for exactly the bot scopes the app uses', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'commands',
      'chat:write',
      'chat:write.public',
      'files:write',
      'im:write',
    ]);
  });

  it('asks only for the Sign in with Slack user scopes, returning to the callback route', () => {
    expect(manifest.oauth_config.scopes.user).toEqual(['openid', 'profile']);
    expect(manifest.oauth_config.redirect_urls).toEqual([
      'https://YOUR-API-ID.execute-api.REGION.amazonaws.com/auth/callback',
    ]);
  });

  it('enables interactivity on the interactions route, without socket mode or org deploy', () => {
    expect(manifest.settings).toEqual({
      interactivity: {
        is_enabled: true,
        request_url: 'https://YOUR-API-ID.execute-api.REGION.amazonaws.com/slack/interactions',
      },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    });
  });

  it("has a bot user and display information within Slack's lengths", () => {
    expect(manifest.features.bot_user.display_name).toBe('SLA Tracker');
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(175);
    expect(manifest.display_information.long_description.length).toBeLessThanOrEqual(4000);
  });
});
