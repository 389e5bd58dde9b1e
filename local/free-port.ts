import { createServer } from 'node:net';

/**
 * Asks the OS for a free TCP port by listening on port 0 and closing again. Another process can
 * grab the port before ours binds it; callers that pick ports this way retry on a bind failure.
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error(`could not read the port the OS assigned on ${host}`));
      });
    });
  });
}
