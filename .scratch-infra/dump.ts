import { writeFileSync } from 'node:fs';
import { synthWithoutBundling } from '../test/infra/support/synth.js';
const ctx = process.argv[2] ? JSON.parse(process.argv[2]) : {};
const { template } = synthWithoutBundling(ctx);
writeFileSync('/tmp/template.json', JSON.stringify(template.toJSON(), null, 1));
