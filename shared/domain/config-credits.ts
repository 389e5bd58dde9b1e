/**
 * Service-credit tiers: what the provider owes when a closed period misses. `below` is for
 * attainment (atLeast totals and objectives), `above` for the share of an atMost cap.
 */
import type { RawCommitment } from './config-schema.js';
import type { CreditTier } from './model.js';
import type { FieldIssue } from './validation-error.js';

/** Tiers sorted from the mildest to the harshest, so the order they were written in does not matter. */
export function creditTiers(
  raw: RawCommitment,
  at: (...segments: PropertyKey[]) => string,
  issues: FieldIssue[],
): CreditTier[] {
  const capped = raw.measure === 'total' && (raw.comparator ?? 'atLeast') === 'atMost';
  const tiers: CreditTier[] = [];
  const seen = new Map<string, number>();
  (raw.credits ?? []).forEach((tier, index) => {
    const { below, above } = tier;
    if (below === undefined && above === undefined) {
      issues.push({
        path: at('credits', index),
        message: capped
          ? 'needs above: the share of the cap beyond which the credit is owed (1.1 = 10% over)'
          : 'needs below: the attainment under which the credit is owed (0.8 = 80% of the target)',
      });
      return;
    }
    if (below !== undefined && above !== undefined) {
      issues.push({ path: at('credits', index), message: 'give either below or above, not both' });
      return;
    }
    if (above !== undefined && !capped) {
      issues.push({
        path: at('credits', index, 'above'),
        message: 'only atMost totals use above; use below: <attainment>',
      });
      return;
    }
    if (below !== undefined && capped) {
      issues.push({
        path: at('credits', index, 'below'),
        message: 'an atMost total uses above: <share of the cap>, such as 1.1',
      });
      return;
    }
    const key = below !== undefined ? `below ${below}` : `above ${above}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issues.push({
        path: at('credits', index),
        message: `repeats the tier '${key}' of credits[${earlier}]`,
      });
      return;
    }
    seen.set(key, index);
    tiers.push(
      below !== undefined ? { below, credit: tier.credit } : { above: above as number, credit: tier.credit },
    );
  });
  return tiers.sort((a, b) => (b.below ?? 0) - (a.below ?? 0) || (a.above ?? 0) - (b.above ?? 0));
}
