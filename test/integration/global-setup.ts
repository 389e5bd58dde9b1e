import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/**
 * One in-memory DynamoDB Local for the whole integration run: a JVM start costs about a second,
 * so test files share it and isolate themselves with their own table (see dynamodb-context.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The launcher's readiness probe is an SDK client; Lambda runs Node 22, this machine may not.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamo = await startDynamoDbLocal({ startTimeoutMs: 60_000 });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
