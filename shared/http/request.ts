import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isSlug } from '../domain/field-rules.js';
import { HttpProblem } from './problem.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/** The raw body as text, decoded from base64 when API Gateway encoded it, refused when too large. */
export function rawBody(event: APIGatewayProxyEventV2): string {
  const body = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) {
    throw new HttpProblem(
      413,
      'Payload too large',
      `The body is ${bytes.length} bytes; the limit is 1 MB (${MAX_BODY_BYTES} bytes).`,
    );
  }
  return bytes.toString('utf8');
}

export function contentType(event: APIGatewayProxyEventV2): string {
  const header = Object.entries(event.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

const isJsonType = (type: string) =>
  type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml']);

/** Parses a JSON body; 415 for another content type, 400 naming the position for malformed JSON. */
export function jsonBody(event: APIGatewayProxyEventV2): unknown {
  const type = contentType(event);
  if (!isJsonType(type)) {
    throw new HttpProblem(
      415,
      'Unsupported media type',
      `Send the body as JSON with the header 'content-type: application/json' (got '${type || 'none'}').`,
    );
  }
  const text = rawBody(event);
  if (text.trim() === '')
    throw new HttpProblem(400, 'Invalid request', 'The body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpProblem(400, 'Malformed JSON', `The body is not valid JSON: ${(error as Error).message}.`);
  }
}

/** A config document: YAML or JSON text, by content type. */
export function configBody(event: APIGatewayProxyEventV2): { text: string; format: 'yaml' | 'json' } {
  const type = contentType(event);
  const text = rawBody(event);
  if (isJsonType(type)) return { text, format: 'json' };
  if (YAML_TYPES.has(type) || type === 'text/plain') return { text, format: 'yaml' };
  throw new HttpProblem(
    415,
    'Unsupported media type',
    `Send the configuration as YAML ('content-type: application/yaml') or JSON ('application/json'), not '${type || 'none'}'.`,
  );
}

export function queryFlag(event: APIGatewayProxyEventV2, name: string): boolean {
  const value = event.queryStringParameters?.[name];
  if (value === undefined) return false;
  if (value === '' || value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new HttpProblem(400, 'Invalid request', `Query parameter '${name}' must be true or false.`, [
    { path: name, message: 'must be true or false' },
  ]);
}

export function pathParam(event: APIGatewayProxyEventV2, name: string): string {
  const value = event.pathParameters?.[name];
  if (!value)
    throw new HttpProblem(400, 'Invalid request', `Missing path parameter '${name}'.`, [
      { path: name, message: 'is required' },
    ]);
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    throw new HttpProblem(400, 'Invalid request', `Path parameter '${name}' is not valid URL encoding.`, [
      { path: name, message: 'must be valid URL encoding' },
    ]);
  }
  // Commitment ids are lowercase slugs of at most 64 characters: anything else names none.
  if (name === 'id' && !isSlug(decoded)) {
    throw new HttpProblem(404, 'Commitment not found', `No commitment with id '${decoded.slice(0, 80)}'.`);
  }
  return decoded;
}
