import { parse, stringify } from 'yaml';
import { EXAMPLE_CONFIG } from './app-context.js';

/** A commitment whose first escalation step tells 30 departments at once: a slow publication. */
export const WIDE = 'partner-onboarding';
export const WIDE_DEPARTMENTS = 30;

/** The example configuration plus {@link WIDE}, its 30 departments and a plain total. */
export function wideAlertConfig(): string {
  const config = parse(EXAMPLE_CONFIG) as {
    departments: Record<string, unknown>;
    commitments: Array<Record<string, unknown>>;
  };
  const ids = Array.from({ length: WIDE_DEPARTMENTS }, (_, i) => `partner${i + 1}`);
  for (const [i, id] of ids.entries()) {
    config.departments[id] = {
      name: `Partner ${i + 1}`,
      slack: { channel: `C0PARTNER${String(i + 1).padStart(2, '0')}` },
    };
  }
  config.commitments.push({
    id: WIDE,
    title: 'IT onboards every partner on time',
    provider: 'it',
    consumer: 'sales',
    measure: 'total',
    unit: 'partners',
    target: 100,
    escalation: [{ after: '0h', notify: ids }],
  });
  return stringify(config);
}
