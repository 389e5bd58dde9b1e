#!/usr/bin/env node
// Launcher for `npx sla`: the CLI is TypeScript, run through tsx without a build step.
import { register } from 'tsx/esm/api';

register();
await import('./sla.ts');
