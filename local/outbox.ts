import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** One line of `$SLA_DATA_DIR/outbox.jsonl`; its fields are what tests and people rely on. */
export interface OutboxEntry {
  at: string;
  transport: 'sns' | 'slack';
  kind: string;
  commitmentId?: string;
  period?: string;
  level?: number;
  /** Channel, user or topic. */
  target: string;
  text: string;
  [extra: string]: unknown;
}

export interface Outbox {
  path: string;
  append(entry: OutboxEntry): void;
}

/** Appends every outgoing message to the outbox file and prints a line a person can read. */
export function createOutbox(path: string, print: (line: string) => void): Outbox {
  mkdirSync(dirname(path), { recursive: true });
  return {
    path,
    append(entry) {
      appendFileSync(path, `${JSON.stringify(entry)}\n`);
      const level = entry.level === undefined ? '' : ` L${entry.level}`;
      print(`[${entry.transport} → ${entry.target}]${level} ${entry.kind}: ${entry.text.split('\n')[0]}`);
    },
  };
}
