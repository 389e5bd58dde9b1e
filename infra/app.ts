import { InfraConfigError } from './config.js';
import { createApp } from './create-app.js';

// The CDK CLI runs this file (cdk.json "app"); the App synthesizes itself when the process ends.
try {
  createApp();
} catch (error) {
  if (!(error instanceof InfraConfigError)) throw error;
  // The message names the key and what to fix; a stack trace would only bury it.
  console.error(error.message);
  process.exitCode = 1;
}
