import { execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createLocalDynamoClient,
  DynamoDbLocalStartError,
  JavaMissingError,
  startDynamoDbLocal,
} from '../../local/dynamodb-local.js';
import { isAlive } from '../../local/emulator-process.js';
import { findFreePort } from '../../local/free-port.js';
import { createTableInput, ensureTable } from '../../shared/adapters/dynamodb/table-setup.js';
import { useTestTable } from './dynamodb-context.js';

const table = await useTestTable();
const scratchDirs: string[] = [];

afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sla-dynamodb-local-'));
  scratchDirs.push(dir);
  return dir;
}

async function answers(endpoint: string): Promise<boolean> {
  const client = createLocalDynamoClient(endpoint);
  try {
    await client.send(new ListTablesCommand({}));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

describe('startDynamoDbLocal', () => {
  it('starts on a free port of 127.0.0.1 and answers ListTables', async () => {
    const dynamo = await startDynamoDbLocal();
    try {
      expect(dynamo.endpoint).toBe(`http://127.0.0.1:${dynamo.port}`);
      const client = createLocalDynamoClient(dynamo.endpoint);
      const listed = await client.send(new ListTablesCommand({}));
      client.destroy();
      expect(listed.TableNames).toEqual([]);
    } finally {
      await dynamo.stop();
    }
  });

  it('stops idempotently: a second and a concurrent stop resolve, and the port goes quiet', async () => {
    const dynamo = await startDynamoDbLocal();
    await Promise.all([dynamo.stop(), dynamo.stop()]);
    await dynamo.stop();
    expect(await answers(dynamo.endpoint)).toBe(false);
  });

  it('keeps items written to a dataDir across a stop and a start', async () => {
    const dataDir = await scratchDir();
    const item = {
      pk: 'COMMITMENT#support-p1',
      sk: 'META',
      name: 'P1 tickets answered within 4 business hours',
    };

    const first = await startDynamoDbLocal({ dataDir });
    const firstClient = createLocalDynamoClient(first.endpoint);
    expect(await ensureTable(firstClient, 'sla')).toBe('created');
    await DynamoDBDocumentClient.from(firstClient).send(new PutCommand({ TableName: 'sla', Item: item }));
    firstClient.destroy();
    await first.stop();

    const second = await startDynamoDbLocal({ dataDir });
    try {
      const secondClient = createLocalDynamoClient(second.endpoint);
      expect(await ensureTable(secondClient, 'sla')).toBe('exists');
      const read = await DynamoDBDocumentClient.from(secondClient).send(
        new GetCommand({ TableName: 'sla', Key: { pk: item.pk, sk: item.sk } }),
      );
      secondClient.destroy();
      expect(read.Item).toEqual(item);
    } finally {
      await second.stop();
    }
  });

  it('rejects at once with the emulator output when the port is taken', async () => {
    const port = await findFreePort();
    // Holds the probe's connections without answering; reading lets it see them close.
    const blocker: Server = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const error = await startDynamoDbLocal({ port, startTimeoutMs: 30_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DynamoDbLocalStartError);
      expect((error as DynamoDbLocalStartError).code).toBe('DYNAMODB_LOCAL_START_FAILED');
      expect((error as Error).message).toMatch(/exited during startup[\s\S]*Address already in use/);
      expect((error as Error).message).not.toMatch(/^\s+at /m);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('fails with a one-line JavaMissingError when javaPath does not exist', async () => {
    const error = await startDynamoDbLocal({ javaPath: '/nonexistent/jdk/bin/java' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JavaMissingError);
    expect((error as JavaMissingError).code).toBe('JAVA_MISSING');
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('/nonexistent/jdk/bin/java');
    expect(message).toContain('openjdk-17-jre-headless');
    expect(message).toContain('JAVA_HOME');
  });

  it('fails with JavaMissingError when the java found is older than 17', async () => {
    const fakeJava = join(await scratchDir(), 'java');
    await writeFile(fakeJava, '#!/bin/sh\necho \'java version "1.8.0_392"\' >&2\n');
    await chmod(fakeJava, 0o755);
    const error = await startDynamoDbLocal({ javaPath: fakeJava }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JavaMissingError);
    expect((error as Error).message).toContain('is Java 8');
    expect((error as Error).message).not.toContain('\n');
  });

  it('leaves no emulator running when the Node process exits without stopping it', async () => {
    const launcher = fileURLToPath(new URL('../../local/dynamodb-local.ts', import.meta.url));
    const script = join(await scratchDir(), 'forget-to-stop.mts');
    await writeFile(
      script,
      `import { startDynamoDbLocal } from ${JSON.stringify(launcher)};\n` +
        'const dynamo = await startDynamoDbLocal();\nconsole.log(dynamo.endpoint);\nprocess.exit(0);\n',
    );
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
    const endpoint = stdout.trim();
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // SIGKILL is asynchronous: give the kernel a moment to reap the JVM and close its socket.
    let stillAnswering = true;
    for (let tries = 0; tries < 20 && stillAnswering; tries++) {
      stillAnswering = await answers(endpoint);
      if (stillAnswering) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stillAnswering).toBe(false);
  });
  it('stops an in-memory emulator (with SIGTERM) when its parent dies by SIGKILL', async () => {
    const launcher = fileURLToPath(new URL('../../local/dynamodb-local.ts', import.meta.url));
    const script = join(await scratchDir(), 'killed-parent.mts');
    await writeFile(
      script,
      `import { startDynamoDbLocal } from ${JSON.stringify(launcher)};\n` +
        'const dynamo = await startDynamoDbLocal();\nconsole.log(dynamo.pid);\nsetInterval(() => {}, 1000);\n',
    );
    const parent = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const javaPid = await new Promise<number>((resolve, reject) => {
        parent.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
        parent.once('exit', () => reject(new Error('the parent exited before starting the emulator')));
      });
      expect(isAlive(javaPid)).toBe(true);
      parent.kill('SIGKILL');
      const deadline = Date.now() + 20_000;
      while (isAlive(javaPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(isAlive(javaPid)).toBe(false);
    } finally {
      parent.kill('SIGKILL');
    }
  }, 90_000);
});

describe('ensureTable on the shared emulator', () => {
  it('reports an existing table as such and leaves it alone', async () => {
    expect(await ensureTable(table.client, table.tableName)).toBe('exists');
    expect(await ensureTable(table.client, table.tableName)).toBe('exists');
  });

  it('lets two concurrent callers create the same table: one creates, the other finds it', async () => {
    const tableName = `${table.tableName}-race`;
    try {
      const outcomes = await Promise.all([
        ensureTable(table.client, tableName),
        ensureTable(table.client, tableName),
      ]);
      expect(outcomes.sort()).toEqual(['created', 'exists']);
    } finally {
      await table.client.send(new DeleteTableCommand({ TableName: tableName }));
    }
  });

  it('adds the open-subject index to a table an earlier version made with gsi1 alone, keeping its items', async () => {
    const tableName = `${table.tableName}-old`;
    const input = createTableInput(tableName);
    await table.client.send(
      new CreateTableCommand({
        ...input,
        AttributeDefinitions: input.AttributeDefinitions?.filter((a) => !a.AttributeName?.startsWith('gsi2')),
        GlobalSecondaryIndexes: input.GlobalSecondaryIndexes?.filter((i) => i.IndexName === 'gsi1'),
      }),
    );
    try {
      const doc = DynamoDBDocumentClient.from(table.client);
      await doc.send(new PutCommand({ TableName: tableName, Item: { pk: 'C#x', sk: 'HEAD', kept: true } }));
      expect(await ensureTable(table.client, tableName)).toBe('exists');
      const { Table } = await table.client.send(new DescribeTableCommand({ TableName: tableName }));
      expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus]).sort()).toEqual([
        ['gsi1', 'ACTIVE'],
        ['gsi2', 'ACTIVE'],
      ]);
      const item = { pk: 'C#x', sk: 'S#lead-1', gsi2pk: 'OS#x', gsi2sk: 'D#2026-11-18T15:00:00.000Z#lead-1' };
      await doc.send(new PutCommand({ TableName: tableName, Item: item }));
      const found = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :p',
          ExpressionAttributeValues: { ':p': 'OS#x' },
        }),
      );
      expect(found.Items).toEqual([item]);
      expect(
        (await doc.send(new GetCommand({ TableName: tableName, Key: { pk: 'C#x', sk: 'HEAD' } }))).Item,
      ).toEqual({
        pk: 'C#x',
        sk: 'HEAD',
        kept: true,
      });
      // Run again, it finds nothing to add.
      expect(await ensureTable(table.client, tableName)).toBe('exists');
    } finally {
      await table.client.send(new DeleteTableCommand({ TableName: tableName }));
    }
  });

  it('creates the keys, the gsi1 and gsi2 indexes with ALL projection, on-demand billing and TTL on expiresAt', async () => {
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.GlobalSecondaryIndexes).toHaveLength(2);
    for (const name of ['gsi1', 'gsi2']) {
      const gsi = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === name);
      expect(gsi?.KeySchema).toEqual([
        { AttributeName: `${name}pk`, KeyType: 'HASH' },
        { AttributeName: `${name}sk`, KeyType: 'RANGE' },
      ]);
      expect(gsi?.Projection?.ProjectionType).toBe('ALL');
    }

    const ttl = await table.client.send(new DescribeTimeToLiveCommand({ TableName: table.tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: 'expiresAt',
      TimeToLiveStatus: 'ENABLED',
    });
  });

  it('serves queries on gsi1 with every attribute projected', async () => {
    const item = {
      pk: 'ALERT#a1',
      sk: 'META',
      gsi1pk: 'OPEN_ALERTS',
      gsi1sk: '2025-03-03T09:00:00.000Z#a1',
      owner: 'support',
      expiresAt: 1_741_000_000,
    };
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: item }));
    const found = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :open',
        ExpressionAttributeValues: { ':open': 'OPEN_ALERTS' },
      }),
    );
    expect(found.Items).toEqual([item]);
  });
});
