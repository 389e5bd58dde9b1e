// Runs DynamoDB Local as its child and stops it when the process that started us goes away, however
// it goes (a crash, `kill -9`, a closed terminal): the JVM must never outlive its runtime.
// Plain JavaScript so it starts in a few milliseconds with no TypeScript loader.
//
// Usage (from local/dynamodb-local.ts, with an IPC channel): node emulator-watchdog.js <java> <args...>
// It sends {javaPid} once Java runs; its exit code is Java's (128 + signal number for a signal).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const STOP_GRACE_MS = 10_000;
const PARENT_POLL_MS = 500;

const [java, ...args] = process.argv.slice(2);
const parentPid = process.ppid;
// Java's output goes straight to our stdout and stderr, which the runtime reads for start errors.
const child = spawn(java, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;

child.once('spawn', () => {
  if (process.connected) process.send?.({ javaPid: child.pid });
});
child.once('error', (error) => {
  process.stderr.write(`could not run ${java}: ${error.message}\n`);
  process.exit(127);
});
child.once('exit', (code, signal) => {
  process.exit(signal === null ? (code ?? 1) : 128 + (constants.signals[signal] ?? 0));
});

/** SIGTERM lets the JVM close its database cleanly; SIGKILL only if it hangs. */
function stopJava() {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS).unref();
}

// The runtime asks us to stop with SIGTERM; its death closes the IPC channel.
process.on('SIGTERM', stopJava);
process.on('SIGHUP', stopJava);
process.on('SIGINT', stopJava);
process.on('disconnect', stopJava);
// A backstop in case the channel outlives the parent: once orphaned, our parent pid changes.
setInterval(() => {
  if (process.ppid !== parentPid) stopJava();
}, PARENT_POLL_MS).unref();
