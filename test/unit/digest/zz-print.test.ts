import { it } from 'vitest';
import { digestFormat } from '../../../shared/app/digest.js';
import { buildDigest } from '../../../shared/domain/digest/build-digest.js';
import { definition, department, evaluation, input, ny, ZONE, excusal, fridaySnapshots, closedResult } from './digest-fixtures.js';
it('prints', () => {
  const leads = definition('marketing-qualified-leads', 'marketing', 'sales', { title: 'Marketing delivers qualified leads to Sales', review: { cadence: 'quarter', baseline: '2026-08-20' } });
  const d = buildDigest({ week: '2026-W46', zone: ZONE, generatedAt: ny('2026-11-16T08:00'), asOf: ny('2026-11-16T08:00'),
    departments: { marketing: department('marketing', 'Marketing', 'U0MKTLEAD'), sales: department('sales', 'Sales') },
    commitments: [input(leads, { ...evaluation(leads.id, 'at_risk', { actual: 31, target: 90, expected: 45, projected: 62 }), excused: { share: 0.1, windows: 1, causedBy: ['sales'], originalTarget: 100 } },
      { snapshots: fridaySnapshots(leads.id, [110, 105, 100, 90, 80, 62]), excusals: [excusal('2026-11-03T00:00', '2026-11-06T00:00', 'sales', 'Sales CRM export was down')], lastClosed: closedResult(leads.id, '2026-10', 0.7, 15) })],
    ledger: [{ department: 'marketing', commitmentId: leads.id, periodKey: '2026-10', credit: 15 }] }, digestFormat);
  console.log(d.text);
  console.log(JSON.stringify(d.messages, null, 1));
});
