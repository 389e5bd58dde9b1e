/**
 * The contents of the sign-in's cookies, encrypted and authenticated with one key (JWE, `dir` with
 * A256GCM): a visitor can neither read nor change them, and a changed or expired one opens to
 * nothing. Each kind carries its own audience, so a sign-in cookie never passes for a session.
 */
import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { Clock } from '../../domain/model.js';

export const SESSION_SECONDS = 12 * 60 * 60;
/** Long enough to sign in at Slack, short enough that a forgotten tab's state is soon worthless. */
export const PENDING_SECONDS = 10 * 60;

const SESSION_AUDIENCE = 'sla-dashboard-session';
const PENDING_AUDIENCE = 'sla-dashboard-sign-in';

export interface SessionClaims {
  slackUserId: string;
  name?: string;
}

export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go once signed in: a path on this site. */
  next: string;
}

/**
 * The cookie key, derived from the app's client secret: nothing more to paste into the secret,
 * and regenerating the client secret at Slack (what one does after a leak) signs everyone out.
 * The label keeps the key distinct from the client secret itself.
 */
export function cookieKeyFrom(clientSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', clientSecret, 'sla-tracker', 'dashboard cookies v1', 32));
}

async function seal(
  key: Uint8Array,
  claims: Record<string, unknown>,
  audience: string,
  seconds: number,
  clock: Clock,
): Promise<string> {
  const now = Math.floor(clock.now() / 1000);
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + seconds)
    .encrypt(key);
}

/** The claims, or undefined for anything that is not a live cookie of this kind sealed with `key`. */
async function open(
  key: Uint8Array,
  token: string | undefined,
  audience: string,
  clock: Clock,
): Promise<Record<string, unknown> | undefined> {
  if (token === undefined || token === '') return undefined;
  try {
    const { payload } = await jwtDecrypt(token, key, {
      audience,
      currentDate: new Date(clock.now()),
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      requiredClaims: ['exp'],
    });
    return payload;
  } catch {
    return undefined;
  }
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

export const sealSession = (key: Uint8Array, session: SessionClaims, clock: Clock) =>
  seal(key, { ...session }, SESSION_AUDIENCE, SESSION_SECONDS, clock);

export async function openSession(
  key: Uint8Array,
  token: string | undefined,
  clock: Clock,
): Promise<SessionClaims | undefined> {
  const claims = await open(key, token, SESSION_AUDIENCE, clock);
  const slackUserId = text(claims?.slackUserId);
  if (slackUserId === undefined) return undefined;
  const name = text(claims?.name);
  return name === undefined ? { slackUserId } : { slackUserId, name };
}

export const sealPending = (key: Uint8Array, pending: PendingSignIn, clock: Clock) =>
  seal(key, { ...pending }, PENDING_AUDIENCE, PENDING_SECONDS, clock);

export async function openPending(
  key: Uint8Array,
  token: string | undefined,
  clock: Clock,
): Promise<PendingSignIn | undefined> {
  const claims = await open(key, token, PENDING_AUDIENCE, clock);
  const [state, nonce, codeVerifier, next] = [
    text(claims?.state),
    text(claims?.nonce),
    text(claims?.codeVerifier),
    text(claims?.next),
  ];
  if (state === undefined || nonce === undefined || codeVerifier === undefined || next === undefined)
    return undefined;
  return { state, nonce, codeVerifier, next };
}
