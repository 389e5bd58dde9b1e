import type { StoreDeps } from '../../shared/app/deps.js';

/**
 * Stores that remember every answer of a first (recording) pass and serve it from memory after
 * that, so a use case can be timed without the database: what is left is our own computation.
 * Same arguments, same answer: fine for read-only use cases such as building the digest.
 */
export function recordingStores(deps: StoreDeps): { deps: StoreDeps; replay(): void; calls(): number } {
  const answers = new Map<string, Promise<unknown>>();
  let replaying = false;
  let calls = 0;
  const wrap = <T extends object>(name: string, store: T): T =>
    new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const key = `${name}.${String(property)}(${JSON.stringify(args)})`;
          calls++;
          const known = answers.get(key);
          if (known) return known;
          if (replaying) throw new Error(`replay: no recorded answer for ${key}`);
          const answer = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          answers.set(key, answer);
          return answer;
        };
      },
    });
  return {
    deps: {
      commitments: wrap('commitments', deps.commitments),
      events: wrap('events', deps.events),
      alerts: wrap('alerts', deps.alerts),
      results: wrap('results', deps.results),
      audit: wrap('audit', deps.audit),
      clock: deps.clock,
    },
    replay() {
      replaying = true;
      calls = 0;
    },
    calls: () => calls,
  };
}
