import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { SlaFunction } from '../infra/constructs/sla-function.js';
import { REPOSITORY_ROOT } from '../infra/sla-tracker-stack.js';
const outdir = mkdtempSync(join(tmpdir(), 'b1-'));
const app = new App({ outdir });
const stack = new Stack(app, 'S');
for (const name of process.argv.slice(2)) {
  new SlaFunction(stack, name, { entry: join(REPOSITORY_ROOT, 'functions', name, 'index.ts'), projectRoot: REPOSITORY_ROOT, description: name, serviceName: name, logRetention: logs.RetentionDays.ONE_DAY, logRemovalPolicy: RemovalPolicy.DESTROY });
}
const t = Date.now();
app.synth();
console.log(outdir, Date.now() - t, 'ms');
