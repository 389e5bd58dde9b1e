import { createServer, type Server } from 'node:http';
import { CodedError } from '../shared/domain/coded-error.js';
import type { Clock } from '../shared/domain/model.js';
import { problemResponse } from '../shared/http/problem.js';
import { type HttpHandler, RequestTooLargeError, toApiGatewayEvent, writeResult } from './lambda-bridge.js';

/** How long a stopping server lets requests in flight finish before it cuts them. */
const CLOSE_GRACE_MS = 5_000;

export interface Mount {
  /** Requests whose path starts with this prefix go to `handler` (the first match wins). */
  prefix: string;
  handler: HttpHandler;
}

export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export class PortInUseError extends CodedError {
  readonly code = 'PORT_IN_USE';
  constructor(host: string, port: number) {
    super(
      `Port ${port} on ${host} is already in use: stop whatever runs there or start with PORT=<another port>.`,
    );
  }
}

/** The same Lambda handlers behind a plain HTTP server, one API Gateway event per request. */
export async function startLocalServer(options: {
  host: string;
  port: number;
  mounts: Mount[];
  clock: Clock;
  onError: (error: unknown) => void;
}): Promise<LocalServer> {
  const server: Server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const mount = options.mounts.find((m) => path === m.prefix || path.startsWith(m.prefix));
      if (!mount) {
        writeResult(res, problemResponse(404, 'Not found', `There is no route for ${path}.`));
        return;
      }
      const event = await toApiGatewayEvent(req, options.clock.now());
      writeResult(res, await mount.handler(event));
    } catch (error) {
      if (error instanceof RequestTooLargeError) {
        writeResult(res, problemResponse(413, 'Payload too large', 'The request body is over 10 MB.'));
        req.destroy();
        return;
      }
      options.onError(error);
      if (!res.headersSent)
        writeResult(res, problemResponse(500, 'Internal error', 'Something went wrong; see the server log.'));
      else res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.host, options.port) : error);
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host}:${port}`,
    port,
    // Requests in flight may finish (a few seconds at most); idle keep-alive connections go at once.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      }),
  };
}
