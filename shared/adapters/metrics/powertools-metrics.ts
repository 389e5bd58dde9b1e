import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { type BusinessMetrics, METRIC_UNITS, type MetricName } from '../../ports/metrics.js';

const UNITS = { Count: MetricUnit.Count, Milliseconds: MetricUnit.Milliseconds } as const;

/**
 * The metrics port on Powertools Metrics: buffered, and written to stdout as CloudWatch embedded
 * metric format when flushed, so CloudWatch extracts them from the log group without an API call
 * (or IAM permission) of its own.
 */
export function createPowertoolsMetrics(metrics: Metrics): BusinessMetrics & { flush(): void } {
  return {
    add: (name: MetricName, value: number) => metrics.addMetric(name, UNITS[METRIC_UNITS[name]], value),
    // An invocation that emitted nothing (a status read, a Slack command) writes nothing, rather
    // than Powertools' warning about an empty flush.
    flush: () => {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    },
  };
}
