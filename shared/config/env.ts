/** Reads a required environment variable once, failing with a message that says which one is missing. */
export function requireEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`${name} environment variable is not set`);
  return value;
}
