/**
 * Service credits for the digest. A credit is owed only when a period closes, so the windows are
 * anchored on the last closed month: `period` is that month, `quarter` is its quarter up to and
 * including it. A credited period (week, month or quarter) counts in the window in which it ended.
 */
import type { Department, Instant, Period } from '../model.js';
import { InvalidPeriodKeyError, periodFromKey, periodOf, previousPeriod } from '../periods.js';
import type { CreditEntry, DepartmentCredits } from './digest-types.js';

export interface CreditWindows {
  month: Period;
  quarter: Period;
}

export function creditWindows(asOf: Instant, zone: string): CreditWindows {
  const month = previousPeriod(periodOf('month', asOf, zone));
  const quarter = periodOf('quarter', month.start, zone);
  return { month, quarter: { ...quarter, end: month.end } };
}

function endOf(periodKey: string, zone: string): Instant | undefined {
  try {
    return periodFromKey(periodKey, zone).end;
  } catch (error) {
    // A ledger line written under a key format this code does not know is left out, not fatal.
    if (error instanceof InvalidPeriodKeyError) return undefined;
    throw error;
  }
}

/** Credits per department for periods that ended inside `window`, largest first. */
export function creditsIn(
  entries: readonly CreditEntry[],
  window: Pick<Period, 'start' | 'end'>,
  zone: string,
  departments: Record<string, Department>,
): DepartmentCredits[] {
  const byDepartment = new Map<string, DepartmentCredits>();
  for (const entry of entries) {
    if (entry.credit <= 0) continue;
    const end = endOf(entry.periodKey, zone);
    if (end === undefined || end <= window.start || end > window.end) continue;
    let owed = byDepartment.get(entry.department);
    if (!owed) {
      owed = {
        department: entry.department,
        name: departments[entry.department]?.name ?? entry.department,
        credits: 0,
        items: [],
      };
      byDepartment.set(entry.department, owed);
    }
    owed.credits += entry.credit;
    owed.items.push({ commitmentId: entry.commitmentId, periodKey: entry.periodKey, credit: entry.credit });
  }
  for (const owed of byDepartment.values()) {
    owed.items.sort((a, b) => b.credit - a.credit || a.commitmentId.localeCompare(b.commitmentId));
  }
  return [...byDepartment.values()].sort((a, b) => b.credits - a.credits || a.name.localeCompare(b.name));
}
