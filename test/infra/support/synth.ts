import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { createApp, type SlaTrackerApp } from '../../../infra/create-app.js';
import { entryPath, FUNCTION_NAMES, missingEntries } from '../../../infra/function-catalog.js';
import { REPOSITORY_ROOT } from '../../../infra/sla-tracker-stack.js';

/** The context `cdk synth` would see: cdk.json's (feature flags, stages) plus the overrides. */
export function cdkContext(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return { ...cdkJson.context, ...overrides };
}

export const MISSING_ENTRIES = missingEntries(REPOSITORY_ROOT);

let placeholderRoot: string | undefined;

/**
 * Where template tests bundle from. Bundling is skipped, so entry contents do not matter, but
 * NodejsFunction insists the files exist. While some functions are still being written, the
 * tests use a throw-away copy of the layout (outside the repository) with empty entries.
 */
export function templateSourceRoot(): string {
  if (MISSING_ENTRIES.length === 0) return REPOSITORY_ROOT;
  if (placeholderRoot !== undefined) return placeholderRoot;
  const root = mkdtempSync(join(tmpdir(), 'sla-infra-'));
  copyFileSync(join(REPOSITORY_ROOT, 'package-lock.json'), join(root, 'package-lock.json'));
  for (const name of FUNCTION_NAMES) {
    const entry = entryPath(root, name);
    mkdirSync(dirname(entry), { recursive: true });
    writeFileSync(entry, 'export const handler = async () => undefined;\n');
  }
  placeholderRoot = root;
  return root;
}

export interface Synthesized extends SlaTrackerApp {
  readonly template: Template;
}

/** Synthesizes the app without bundling (fast); cdk-nag runs as part of the synth. */
export function synthWithoutBundling(overrides: Record<string, unknown> = {}): Synthesized {
  const built = createApp({
    context: cdkContext({ 'aws:cdk:bundling-stacks': [], ...overrides }),
    sourceRoot: templateSourceRoot(),
  });
  return { ...built, template: Template.fromStack(built.stack) };
}

/** The email subscribers the prod-stage templates of the tests are synthesized with. */
export const SUBSCRIBERS = [
  { email: 'cfo@example.com', filter: 'executive', digest: true },
  { email: 'mkt-lead@example.com', filter: { departments: ['marketing', 'sales'] } },
  { email: 'it-lead@example.com', filter: 'all' },
];

/** A dev template with defaults and a prod one with subscribers, ops email and its own settings. */
export function devAndProdTemplates(): { dev: Template; prod: Template } {
  return {
    dev: synthWithoutBundling().template,
    prod: synthWithoutBundling({
      stage: 'prod',
      emailSubscribers: SUBSCRIBERS,
      opsEmail: 'ops@example.com',
    }).template,
  };
}
