import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.js';

/** DynamoDB Local kept running for the runtime: restarted on the same port and data if it dies. */
export interface SupervisedStore {
  endpoint: string;
  /** Why the store is not serving right now, or undefined while it is. */
  downReason(): string | undefined;
  /** The JVM's pid of the emulator now running. */
  pid(): number;
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  dataDir: string;
  log: (line: string) => void;
  /** Called once when the emulator died and could not be brought back: the runtime cannot serve. */
  onGiveUp: (reason: string) => void;
}

const restartAttempts = 3;

/**
 * Starts DynamoDB Local on `dataDir` and watches it. When it exits without being asked to, the
 * store is reported down (so `/health` can say so) and the emulator is started again on the same
 * port, so the clients built on its endpoint keep working. If it cannot be restarted, `onGiveUp`.
 */
export async function superviseDynamoDbLocal(options: SuperviseOptions): Promise<SupervisedStore> {
  const { dataDir, log } = options;
  let current: DynamoDbLocal = await startDynamoDbLocal({ dataDir, log });
  const { port, endpoint } = current;
  let down: string | undefined;
  let stopping = false;
  let restarting: Promise<void> | undefined;

  const restart = async (how: string) => {
    let lastError: unknown;
    for (let attempt = 1; attempt <= restartAttempts && !stopping; attempt++) {
      try {
        current = await startDynamoDbLocal({ dataDir, port, log });
        if (stopping) {
          await current.stop();
          return;
        }
        down = undefined;
        log(`store: DynamoDB Local is back on port ${port} with the same data`);
        watch(current);
        return;
      } catch (error) {
        lastError = error;
      }
    }
    if (stopping) return;
    const why = ((lastError as Error)?.message ?? String(lastError)).split('\n')[0];
    down = `DynamoDB Local exited (${how}) and could not be restarted: ${why}`;
    options.onGiveUp(down);
  };

  const watch = (emulator: DynamoDbLocal) => {
    void emulator.exited.then((how) => {
      if (stopping || emulator !== current) return;
      down = `DynamoDB Local exited unexpectedly (${how}); restarting it`;
      log(`store: ${down} on port ${port}`);
      restarting = restart(how);
    });
  };
  watch(current);

  return {
    endpoint,
    downReason: () => down,
    pid: () => current.pid,
    stop: async () => {
      stopping = true;
      await restarting;
      await current.stop();
    },
  };
}
