import { it } from 'vitest';
import { buildWeeklyDigest } from '../../shared/app/digest.js';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { useApp, EXAMPLE_CONFIG } from './app-context.js';

const head = EXAMPLE_CONFIG.slice(0, EXAMPLE_CONFIG.indexOf('commitments:'));
const depts = ['marketing', 'sales', 'it'];
const body = Array.from({ length: 1000 }, (_, i) => `  - id: bench-${i}
    title: Bench commitment number ${i} between departments
    provider: ${depts[i % 3]}
    consumer: ${depts[(i + 1) % 3]}
    measure: total
    target: 100
    period: month
`).join('');
const app = await useApp('2026-10-01T09:00:00-04:00', `${head}commitments:\n${body}`);

it('times the digest of 1,000 commitments', async () => {
  const publisher = { publish: async () => {} };
  for (const at of ['2026-10-16T17:00:00-04:00', '2026-10-23T17:00:00-04:00', '2026-10-30T17:00:00-04:00', '2026-11-06T17:00:00-05:00', '2026-11-13T17:00:00-05:00']) {
    app.clock.set(at);
    await runEvaluation({ ...app.deps, publisher });
  }
  app.clock.set('2026-11-16T08:00:00-05:00');
  for (let k = 0; k < 2; k++) {
    const t = performance.now();
    const d = await buildWeeklyDigest(app.deps);
    console.log(`buildWeeklyDigest over DynamoDB Local, 1,000 commitments: ${(performance.now() - t).toFixed(0)} ms, ${d.messages.length} messages`);
  }
}, 600_000);
