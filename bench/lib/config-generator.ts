import { stringify } from 'yaml';

export type GeneratedMeasure = 'total' | 'ratio' | 'duration' | 'availability';

export interface GeneratedCommitment {
  id: string;
  measure: GeneratedMeasure;
}

const MEASURE_CYCLE: readonly GeneratedMeasure[] = ['total', 'ratio', 'duration', 'availability'];

/** Twelve departments: enough that the digest groups by provider and Slack looks up leads. */
export const DEPARTMENT_IDS = [
  'marketing',
  'sales',
  'support',
  'it',
  'finance',
  'legal',
  'hr',
  'product',
  'engineering',
  'operations',
  'partners',
  'executives',
] as const;

export function generatedCommitments(count: number): GeneratedCommitment[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `bench-${MEASURE_CYCLE[i % 4]}-${String(i).padStart(4, '0')}`,
    measure: MEASURE_CYCLE[i % 4] as GeneratedMeasure,
  }));
}

/**
 * A configuration file like a large company would write: the example's calendar and escalation
 * policy, a dozen departments, and `count` commitments cycling through the four measures, most
 * monthly, some weekly and quarterly, with and without business calendars.
 */
export function generateConfigYaml(count: number): string {
  const providers = DEPARTMENT_IDS.filter((d) => d !== 'executives');
  const departments = Object.fromEntries(
    DEPARTMENT_IDS.map((id, i) => {
      const code = id.toUpperCase().replace(/[^A-Z]/g, '');
      return [
        id,
        {
          name: id.charAt(0).toUpperCase() + id.slice(1),
          slack: { channel: `C0${code}`, lead: `U0${code}LEAD`, members: [`U0${code}M${i}`] },
        },
      ];
    }),
  );
  const commitments = generatedCommitments(count).map(({ id, measure }, i) => {
    const provider = providers[i % providers.length] as string;
    const consumer = providers[(i + 1 + Math.floor(i / providers.length)) % providers.length] as string;
    const period = i % 10 === 7 ? 'week' : i % 10 === 9 ? 'quarter' : 'month';
    const common = {
      id,
      title: `Benchmark ${measure} commitment ${i} from ${provider} to ${consumer}`,
      provider,
      consumer: consumer === provider ? 'executives' : consumer,
      measure,
      period,
      ...(i % 3 === 0 ? {} : { calendar: 'business' }),
    };
    switch (measure) {
      case 'total':
        return {
          ...common,
          unit: 'leads',
          target: i % 8 === 0 ? { derive: { revenue: 10000, dealSize: 500, closeRate: 0.2 } } : 100 + i,
          credits: [
            { below: 1.0, credit: 5 },
            { below: 0.8, credit: 15 },
          ],
          review: 'quarter',
        };
      case 'ratio':
        return { ...common, objective: 0.2 };
      case 'duration':
        return { ...common, threshold: '24h', objective: 0.95 };
      default:
        return { ...common, objective: 0.995 };
    }
  });
  return stringify({
    timezone: 'America/New_York',
    calendars: {
      business: { hours: { 'mon-fri': '08:00-18:00' }, holidays: ['2026-11-26', '2026-12-25'] },
    },
    departments,
    escalation: [
      { after: '0h', notify: ['provider'] },
      { after: '8h', notify: ['provider.lead', 'consumer'] },
      { after: '24h', notify: ['executives'] },
    ],
    digest: { schedule: 'mon 08:00', to: 'executives' },
    commitments,
  });
}
