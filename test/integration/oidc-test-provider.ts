/**
 * A standards-compliant OpenID provider (oidc-provider) on 127.0.0.1, standing in for Slack: it
 * publishes discovery metadata and keys, signs ID tokens with Slack's user id claim, requires PKCE
 * and refuses a code exchanged twice. Its login and consent are finished by the test itself: the
 * next browser to reach the interaction is signed in as `signInAs`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const TEST_CLIENT = { clientId: 'sla-dashboard-test', clientSecret: 'a-client-secret-only-for-tests' };

export interface TestProvider {
  issuer: URL;
  /** Who the provider signs in at the next interaction (a Slack user id). */
  signInAs: string;
  close(): Promise<void>;
}

const NAMES: Record<string, string> = { U0REP1: 'Rita Rep', U0STRANGER: 'Sam Stranger' };

export async function startTestProvider(redirectUri: string): Promise<TestProvider> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);

  const provider = new Provider(issuer.href.replace(/\/$/, ''), {
    clients: [
      {
        client_id: TEST_CLIENT.clientId,
        client_secret: TEST_CLIENT.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    // Slack's ID token carries the profile claims and its own user id claim, not only `sub`.
    claims: { openid: ['sub', 'https://slack.com/user_id'], profile: ['name'] },
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: `oidc-${id}`, 'https://slack.com/user_id': id, name: NAMES[id] ?? id }),
    }),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    cookies: { keys: ['oidc-test-cookie-key'] },
  });

  const state: TestProvider = {
    issuer,
    signInAs: 'U0REP1',
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const oidc = provider.callback();
  handle = (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void oidc(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const accountId = state.signInAs;
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  };
  return state;
}
