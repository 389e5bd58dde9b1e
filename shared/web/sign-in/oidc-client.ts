/**
 * Slack's OpenID Connect provider through openid-client: discovery, the authorization URL with
 * PKCE (S256), state and nonce, and the code exchange, in which the library checks the state,
 * the issuer, the ID token's signature, audience, expiry and nonce.
 */
import * as client from 'openid-client';

/** Slack's issuer; its metadata is at /.well-known/openid-configuration. */
export const SLACK_ISSUER = 'https://slack.com';

/** Slack names its user ids in a claim of its own; `sub` carries the same id. */
const SLACK_USER_ID_CLAIM = 'https://slack.com/user_id';

export interface OidcClientSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Only for a provider on 127.0.0.1 in tests: openid-client refuses plain HTTP otherwise. */
  allowHttpIssuer?: boolean;
}

export interface SignInRequest {
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface SignedInPerson {
  slackUserId: string;
  name?: string;
}

export interface OidcClient {
  authorizationUrl(request: SignInRequest): Promise<URL>;
  /** Throws when the provider or the library refuses the response (wrong state, reused code…). */
  exchange(callbackUrl: URL, expected: Omit<SignInRequest, 'redirectUri'>): Promise<SignedInPerson>;
}

export function randomSignInValues() {
  return {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
  };
}

export function createOidcClient(settings: OidcClientSettings): OidcClient {
  // One discovery per warm function and client; a failed one is tried again on the next sign-in.
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    if (discovered === undefined) {
      const attempt = client.discovery(
        settings.issuer,
        settings.clientId,
        { client_secret: settings.clientSecret },
        client.ClientSecretPost(settings.clientSecret),
        settings.allowHttpIssuer ? { execute: [client.allowInsecureRequests] } : undefined,
      );
      discovered = attempt;
      attempt.catch(() => {
        if (discovered === attempt) discovered = undefined;
      });
    }
    return discovered;
  };
  return {
    async authorizationUrl({ redirectUri, state, nonce, codeVerifier }) {
      return client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
    },
    async exchange(callbackUrl, { state, nonce, codeVerifier }) {
      const tokens = await client.authorizationCodeGrant(await configuration(), callbackUrl, {
        expectedState: state,
        expectedNonce: nonce,
        pkceCodeVerifier: codeVerifier,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (claims === undefined) throw new Error('the token response had no ID token');
      const userId = claims[SLACK_USER_ID_CLAIM] ?? claims.sub;
      if (typeof userId !== 'string' || userId === '') throw new Error('the ID token names no Slack user');
      return typeof claims.name === 'string' && claims.name !== ''
        ? { slackUserId: userId, name: claims.name }
        : { slackUserId: userId };
    },
  };
}
