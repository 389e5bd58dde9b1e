import { STATUS_CODES } from 'node:http';
import { CLI_USER_AGENT } from '../shared/http/caller.js';
import { ApiError, NetworkError, type Problem } from './errors.js';

/** A request as the signer sees it, before it is sent. */
export interface OutgoingRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

/** Returns the headers to send (the given ones plus any the signature adds). */
export type RequestSigner = (request: OutgoingRequest) => Promise<Record<string, string>>;

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with `contentType`. */
  text?: string;
  contentType?: string;
  /** How long to wait for this answer, when it is not the client's usual wait. */
  timeoutMs?: number;
}

export interface ApiClient {
  readonly baseUrl: string;
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<T>;
  /** A GET whose answer is a file (a chart): its bytes and content type; errors as `request`'s. */
  download(
    path: string,
    options: Pick<RequestOptions, 'query' | 'timeoutMs'> & { accept: string },
  ): Promise<Download>;
}

export interface Download {
  contentType: string;
  bytes: Uint8Array;
}

export interface ApiClientOptions {
  baseUrl: string;
  fetch: typeof fetch;
  signer?: RequestSigner;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '0.0.0.0']);

/** The local runtime of `npm start` (it binds to 127.0.0.1), as opposed to a deployed stack. */
export function isLocalApi(baseUrl: string): boolean {
  try {
    return LOOPBACK.has(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}

/**
 * The API over `fetch`: JSON in and out, problem+json errors raised as ApiError, a request that
 * gets no answer raised as NetworkError. A base path (an API Gateway stage such as `/prod`) is kept.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');

  async function send(
    method: string,
    path: string,
    request: RequestOptions,
    accept = 'application/json, application/problem+json',
  ): Promise<{ response: Response; waitMs: number }> {
    const url = new URL(base.origin);
    url.pathname = `${basePath}${path}`;
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    let headers: Record<string, string> = { accept };
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] = 'application/json';
    } else if (request.text !== undefined) {
      body = request.text;
      headers['content-type'] = request.contentType ?? 'text/plain';
    }
    if (options.signer) headers = await options.signer({ method, url, headers, body });
    // Added after signing, so nothing between here and the API has a signed header to keep intact;
    // it only tells the audit that a change came through the CLI.
    headers['user-agent'] = CLI_USER_AGENT;
    const waitMs = request.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let response: Response;
    try {
      response = await options.fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(waitMs),
      });
    } catch (error) {
      throw new NetworkError(options.baseUrl, networkReason(error, waitMs));
    }
    return { response, waitMs };
  }

  return {
    baseUrl: options.baseUrl,
    async request<T>(method: string, path: string, request: RequestOptions = {}): Promise<T> {
      const { response, waitMs } = await send(method, path, request);
      let parsed: unknown;
      try {
        parsed = await readBody(response);
      } catch (error) {
        // The connection dropped after the headers: as unreachable as no answer at all.
        throw new NetworkError(options.baseUrl, networkReason(error, waitMs));
      }
      if (!response.ok) throw new ApiError(response.status, problemOf(parsed, response), parsed);
      if (typeof parsed !== 'object' || parsed === null) {
        // A 2xx that is not our JSON (a wrong --api, a proxy's login page) must not reach the commands.
        const type = response.headers.get('content-type') || 'no content type';
        throw new NetworkError(
          options.baseUrl,
          `it answered ${response.status} with ${type}, not the SLA API's JSON; check --api or SLA_API_URL`,
        );
      }
      return parsed as T;
    },
    async download(path, request) {
      const { response, waitMs } = await send(
        'GET',
        path,
        request,
        `${request.accept}, application/problem+json`,
      );
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        throw new NetworkError(options.baseUrl, networkReason(error, waitMs));
      }
      const contentType = response.headers.get('content-type') ?? '';
      if (!response.ok) {
        const text = new TextDecoder().decode(bytes);
        const parsed = /json/i.test(contentType) ? safeJson(text) : text;
        throw new ApiError(response.status, problemOf(parsed, response), parsed);
      }
      if (!contentType.startsWith(request.accept)) {
        throw new NetworkError(
          options.baseUrl,
          `it answered ${response.status} with ${contentType || 'no content type'}, not ${request.accept}; check --api or SLA_API_URL`,
        );
      }
      return { contentType, bytes };
    },
  };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  if (text === '' || !/json/i.test(type)) return text;
  return safeJson(text);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function problemOf(body: unknown, response: Response): Problem {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const { title, detail, status, errors, message } = body as Record<string, unknown>;
    // API Gateway's own refusals (IAM, throttling) are `{"message": "..."}`.
    const gatewayMessage = typeof message === 'string' ? `${response.status}: ${message}` : undefined;
    return {
      title: typeof title === 'string' ? title : undefined,
      detail: typeof detail === 'string' ? detail : gatewayMessage,
      status: typeof status === 'number' ? status : response.status,
      errors: Array.isArray(errors) ? errors.filter(isIssue) : undefined,
    };
  }
  // Not ours (a proxy's HTML page, an API Gateway `{"message": ...}`): say what came back.
  const reason = response.statusText || STATUS_CODES[response.status] || '';
  const text = typeof body === 'string' ? body.trim().slice(0, 200) : '';
  return {
    title: reason || `HTTP ${response.status}`,
    detail: `the API answered ${response.status}${reason ? ` ${reason}` : ''}${text ? `: ${text}` : ''}`,
    status: response.status,
  };
}

function isIssue(value: unknown): value is { path: string; message: string; line?: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { path?: unknown }).path === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** The innermost useful reason: `connect ECONNREFUSED 127.0.0.1:3000`, not `fetch failed`. */
function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  let current: unknown = error;
  let reason = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause !== undefined; depth++) {
    current = current.cause;
    if (current instanceof Error && current.message) reason = current.message;
    else if (current instanceof AggregateError && current.errors[0] instanceof Error)
      reason = current.errors[0].message;
  }
  return reason;
}
