/**
 * HubSpot's request signature v3: `X-HubSpot-Signature-v3` is base64 HMAC-SHA256, keyed by the
 * app's client secret, of method + URI + body + `X-HubSpot-Request-Timestamp` (milliseconds).
 * The URI is the one HubSpot called, which the function must rebuild from the request as received:
 * behind API Gateway, a custom domain or a proxy the host and scheme come from the forwarding
 * headers, and a source's `url:` says it outright when even those cannot.
 */
import type { Instant } from '../domain/model.js';
import type { SourceDefinition } from '../domain/sources/config-sources.js';
import { freshness, hmacSha256, sameBytes } from '../http/hmac-signature.js';
import { type DeliveryRequest, headerOf, type Verification } from './source-type.js';

export const HUBSPOT_SIGNATURE_HEADER = 'x-hubspot-signature-v3';
export const HUBSPOT_TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';

const TIMESTAMP = /^\d{1,15}$/;

/**
 * HubSpot signs the URI with these escapes decoded (and no others), so a path or query that
 * carries them escaped must be decoded the same way before it can match.
 */
const DECODED_ESCAPES: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};
const ESCAPE = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

export function decodeSignedUri(uri: string): string {
  return uri.replace(ESCAPE, (encoded) => DECODED_ESCAPES[encoded.toUpperCase()] ?? encoded);
}

/** A forwarding header may list every hop; the first is what the sender called. */
function firstOf(value: string | undefined): string | undefined {
  const first = value?.split(',')[0]?.trim();
  return first === '' ? undefined : first;
}

/**
 * The URI the sender called: the source's `url:` when set; otherwise the scheme and host it
 * reached (forwarded by a proxy, or the request's own `Host`; plain `http` when nothing says
 * otherwise, as a local server is), the raw path and the raw query.
 */
export function calledUri(
  request: DeliveryRequest,
  source: Pick<SourceDefinition, 'url'>,
): string | undefined {
  if (source.url !== undefined) return source.url;
  const host =
    firstOf(headerOf(request.headers, 'x-forwarded-host')) ?? firstOf(headerOf(request.headers, 'host'));
  if (host === undefined || request.rawPath === undefined) return undefined;
  const scheme = firstOf(headerOf(request.headers, 'x-forwarded-proto'))?.toLowerCase() ?? 'http';
  const query = request.rawQueryString ? `?${request.rawQueryString}` : '';
  return `${scheme}://${host}${request.rawPath}${query}`;
}

export function verifyHubspot(
  request: DeliveryRequest,
  secret: string,
  now: readonly Instant[],
  source: Pick<SourceDefinition, 'url'> = {},
): Verification {
  const signature = headerOf(request.headers, HUBSPOT_SIGNATURE_HEADER);
  const timestamp = headerOf(request.headers, HUBSPOT_TIMESTAMP_HEADER);
  if (!signature || !timestamp) {
    return {
      ok: false,
      reason: `unsigned: the X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp headers are required`,
    };
  }
  if (!TIMESTAMP.test(timestamp)) {
    return { ok: false, reason: 'X-HubSpot-Request-Timestamp must be Unix milliseconds' };
  }
  const fresh = freshness(Number(timestamp) / 1000, now);
  if (fresh !== 'fresh') {
    return {
      ok: false,
      reason: `X-HubSpot-Request-Timestamp is more than 5 minutes ${fresh === 'stale' ? 'old' : 'ahead'}`,
    };
  }
  const uri = calledUri(request, source);
  if (uri === undefined) {
    return { ok: false, reason: "the URL called cannot be rebuilt: no Host header; set the source's url" };
  }
  const method = (request.method ?? 'POST').toUpperCase();
  const expected = hmacSha256(secret, [`${method}${decodeSignedUri(uri)}`, request.body, timestamp]);
  if (!sameBytes(expected, Buffer.from(signature, 'base64'))) {
    return { ok: false, reason: `the signature does not match a ${method} to ${uri}` };
  }
  // Batches carry no delivery id; each event's id comes from its own identifiers instead.
  return { ok: true, deliveryId: timestamp };
}
