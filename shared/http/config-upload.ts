import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpProblem } from './problem.js';
import { configBody, contentType, rawBody } from './request.js';

export interface ConfigUpload {
  text: string;
  format: 'yaml' | 'json';
  /** Files the configuration names (its .ics holidays), by the name it gives them. */
  files: Record<string, string>;
}

const invalid = (detail: string, path: string, message: string) =>
  new HttpProblem(400, 'Invalid request', detail, [{ path, message }]);

/**
 * The body of `POST /v1/config:apply`: the configuration as YAML or JSON text, or, when it names
 * files of its own (`holidays: { ics: holidays.ics }`), a multipart/form-data upload with the
 * configuration in the part `config` and each file in a part named as the configuration names it.
 */
export async function configUpload(event: APIGatewayProxyEventV2): Promise<ConfigUpload> {
  if (contentType(event) !== 'multipart/form-data') return { ...configBody(event), files: {} };
  const header = Object.entries(event.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  let form: FormData;
  try {
    form = await new Response(rawBody(event), { headers: { 'content-type': header ?? '' } }).formData();
  } catch (error) {
    throw invalid(
      `The multipart body cannot be read: ${(error as Error).message}.`,
      '',
      'must be multipart/form-data with a boundary',
    );
  }
  const files: Record<string, string> = {};
  let config: { text: string; name: string } | undefined;
  for (const [name, value] of form.entries()) {
    const text = typeof value === 'string' ? value : await value.text();
    if (name === 'config') config = { text, name: typeof value === 'string' ? '' : value.name };
    else files[name] = text;
  }
  if (config === undefined) {
    throw invalid(
      "The upload has no part named 'config' holding the configuration.",
      'config',
      'is required',
    );
  }
  return { text: config.text, format: /\.json$/i.test(config.name) ? 'json' : 'yaml', files };
}
