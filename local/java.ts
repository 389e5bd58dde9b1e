import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { CodedError } from '../shared/domain/coded-error.js';

export class JavaMissingError extends CodedError {
  readonly code = 'JAVA_MISSING';
}

export interface JavaCommand {
  path: string;
  source: string;
}

const minimumJavaVersion = 17;

export function resolveJava(javaPath: string | undefined): JavaCommand {
  if (javaPath !== undefined) return { path: javaPath, source: `javaPath "${javaPath}"` };
  const javaHome = process.env.JAVA_HOME;
  if (javaHome) return { path: join(javaHome, 'bin', 'java'), source: `JAVA_HOME "${javaHome}"` };
  return { path: 'java', source: '"java" on PATH' };
}

const javaInstallHint =
  'install Java 17+ (e.g. `apt-get install openjdk-17-jre-headless` or Temurin from adoptium.net) and put it on PATH or set JAVA_HOME to it';

const verifiedJava = new Set<string>();

export async function checkJavaVersion(java: JavaCommand): Promise<void> {
  if (verifiedJava.has(java.path)) return;
  const output = await new Promise<string | undefined>((resolveOutput) => {
    // `java -version` writes to stderr; a spawn failure (ENOENT, EACCES) means no usable java.
    execFile(java.path, ['-version'], { timeout: 15_000 }, (error, stdout, stderr) =>
      resolveOutput(error ? undefined : `${stderr}${stdout}`),
    );
  });
  if (output === undefined) {
    throw new JavaMissingError(
      `DynamoDB Local needs Java but ${java.source} could not be run: ${javaInstallHint}.`,
    );
  }
  const major = parseJavaMajorVersion(output);
  if (major === undefined || major < minimumJavaVersion) {
    const found = major === undefined ? 'an unrecognised version' : `Java ${major}`;
    throw new JavaMissingError(
      `DynamoDB Local needs Java 17+ but ${java.source} is ${found}: ${javaInstallHint}.`,
    );
  }
  verifiedJava.add(java.path);
}

/** `version "1.8.0_392"` is Java 8; `version "17.0.15"` and `version "21"` are what they say. */
function parseJavaMajorVersion(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}
