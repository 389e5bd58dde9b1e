import { Agent, request } from 'node:http';

export interface HttpReply {
  status: number;
  body: string;
  ms: number;
}

/**
 * A plain keep-alive HTTP client: node:http rather than fetch, so the client's own overhead stays
 * small next to the server's and the numbers describe the server. One agent per benchmark; its
 * socket limit is the number of concurrent clients.
 */
export function createHttpClient(baseUrl: string, maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const base = new URL(baseUrl);
  const send = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    new Promise<HttpReply>((resolve, reject) => {
      const started = performance.now();
      const req = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method,
          path,
          headers: {
            ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body).toString() }),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  return {
    get: (path: string, headers?: Record<string, string>) => send('GET', path, undefined, headers),
    postJson: (path: string, value: unknown) =>
      send('POST', path, JSON.stringify(value), { 'content-type': 'application/json' }),
    post: (path: string, body: string, headers: Record<string, string>) => send('POST', path, body, headers),
    close: () => agent.destroy(),
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
