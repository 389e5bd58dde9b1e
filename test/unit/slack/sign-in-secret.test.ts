import { describe, expect, it } from 'vitest';
import { SlackSecretError, signInClientOf } from '../../../shared/slack/slack-secret.js';
import { parseSlackSecret } from '../../../shared/slack/slack-secret-parser.js';

describe("the Slack secret's sign-in client", () => {
  it('is absent until both the client id and secret are pasted', () => {
    const before = parseSlackSecret('{"signingSecret":"abc","botToken":"xoxb-1"}');
    expect(before).toEqual({ signingSecret: 'abc', botToken: 'xoxb-1' });
    expect(signInClientOf(before)).toBeUndefined();

    const after = parseSlackSecret(
      '{"signingSecret":"abc","botToken":"xoxb-1","oidcClientId":"123.456","oidcClientSecret":"s3cret"}',
    );
    expect(signInClientOf(after)).toEqual({ clientId: '123.456', clientSecret: 's3cret' });
  });

  it('refuses half a client, naming the missing half and never the value', () => {
    const idOnly = () => parseSlackSecret('{"signingSecret":"abc","oidcClientId":"123.456"}');
    expect(idOnly).toThrow(SlackSecretError);
    expect(idOnly).toThrow(/oidcClientId without oidcClientSecret/);
    expect(idOnly).not.toThrow(/123\.456/);
    const secretOnly = () => parseSlackSecret('{"signingSecret":"abc","oidcClientSecret":"s3cret-value"}');
    expect(secretOnly).toThrow(/oidcClientSecret without oidcClientId/);
    expect(secretOnly).not.toThrow(/s3cret-value/);
    expect(() =>
      parseSlackSecret('{"signingSecret":"abc","oidcClientId":"","oidcClientSecret":"x"}'),
    ).toThrow(/oidcClientId/);
  });
});
