import type { BusinessMetrics, MetricName } from '../../ports/metrics.js';

/**
 * Metrics summed per name: the local runtime has no CloudWatch (and runs for days, so it keeps
 * totals rather than a list), and tests read what was emitted.
 */
export function createInMemoryMetrics(): BusinessMetrics & { total(name: MetricName): number } {
  const totals = new Map<MetricName, number>();
  return {
    add: (name, value) => void totals.set(name, (totals.get(name) ?? 0) + value),
    total: (name) => totals.get(name) ?? 0,
  };
}
