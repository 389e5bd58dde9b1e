import type { Evaluation } from '../../../shared/domain/evaluate.js';
import type { Department } from '../../../shared/domain/model.js';
import type { OutgoingNotification } from '../../../shared/ports/alert-store.js';

export const DEPARTMENTS: Record<string, Department> = {
  marketing: {
    id: 'marketing',
    name: 'Marketing',
    slack: { channel: 'C0MARKETING', lead: 'U0MKTLEAD', members: [] },
    emails: [],
  },
  sales: {
    id: 'sales',
    name: 'Sales',
    slack: { channel: 'C0SALES', lead: 'U0SALESLEAD', members: ['U0REP1'] },
    emails: [],
  },
  it: { id: 'it', name: 'IT', slack: { channel: 'C0IT', lead: 'U0ITLEAD', members: [] }, emails: [] },
  executives: { id: 'executives', name: 'Executive team', slack: { members: [] }, emails: [] },
};

/** The seed's example: 62 of 100 leads, 70 expected by now, 89 projected: at risk. */
export function leadsEvaluation(overrides: Partial<Evaluation> = {}): Evaluation {
  return {
    commitmentId: 'marketing-qualified-leads',
    period: '2026-11',
    measure: 'total',
    status: 'at_risk',
    actual: 62,
    target: 100,
    expected: 70,
    projected: 89,
    attainment: 0.62,
    elapsed: 0.7,
    unit: 'leads',
    evaluatedAt: '2026-11-18T10:00:00-05:00',
    ...overrides,
  };
}

export function leadsNotification(overrides: Partial<OutgoingNotification> = {}): OutgoingNotification {
  return {
    dedupKey: 'marketing-qualified-leads#2026-11#1#1#at_risk',
    kind: 'at_risk',
    severity: 'warning',
    level: 1,
    commitmentId: 'marketing-qualified-leads',
    period: '2026-11',
    episode: 1,
    notify: ['provider'],
    status: 'at_risk',
    title: 'Qualified leads',
    provider: 'marketing',
    consumer: 'sales',
    unit: 'leads',
    evaluation: leadsEvaluation(),
    text: 'At risk: Qualified leads (Marketing → Sales) 62 / 100 leads · expected 70 by now · projected 89 · AT RISK',
    at: Date.parse('2026-11-18T15:00:00Z'),
    ...overrides,
  };
}
