import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStageConfig, type StageConfig } from './config.js';
import { SlaTrackerStack } from './sla-tracker-stack.js';

export interface CreateAppOptions extends AppProps {
  /** Overrides the repository as the place functions are bundled from (tests only). */
  readonly sourceRoot?: string;
}

export interface SlaTrackerApp {
  readonly app: App;
  readonly stack: SlaTrackerStack;
  readonly config: StageConfig;
}

/**
 * Builds the CDK app for the stage in the context (`-c stage=prod`, default `dev`). The stack is
 * environment-agnostic (no account or region, no lookups), so `cdk synth` works offline. The
 * AwsSolutions rules run as a validation plugin on every synth: an unacknowledged finding fails it.
 */
export function createApp(options: CreateAppOptions = {}): SlaTrackerApp {
  const { sourceRoot, ...appProps } = options;
  const app = new App(appProps);
  const config = readStageConfig((key) => app.node.tryGetContext(key));
  const stack = new SlaTrackerStack(app, `SlaTracker-${config.stage}`, {
    description: `Internal SLA tracker (${config.stage})`,
    config,
    sourceRoot,
    tags: { project: 'sla-tracker', stage: config.stage },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack, config };
}
