import { describe, expect, it } from 'vitest';
import { runDemo } from '../../local/demo.js';

describe('npm run demo', () => {
  it('replays November to the end and shows an at-risk alert, an escalation and a digest', async () => {
    const lines: string[] = [];
    const { outbox } = await runDemo((line) => lines.push(line));
    const output = lines.join('\n');
    expect(output).toContain('the sales lead types /sla');
    // HubSpot's MQL counts the lead and starts its follow-up; the connection stops it.
    expect(output).toContain('{"recorded":2,"duplicates":0,"ignored":0,"rejected":[]}');
    expect(output).toContain('{"recorded":1,"duplicates":0,"ignored":0,"rejected":[]}');
    expect(output).toMatch(/At risk: Marketing delivers qualified leads to Sales/);
    expect(output).toMatch(/Escalated to level 2/);
    expect(output).toContain('Weekly SLA digest: week 2026-W48');
    expect(outbox.some((e) => e.kind === 'breached')).toBe(true);
    expect(outbox.filter((e) => e.kind === 'digest' && e.transport === 'sns').length).toBeGreaterThanOrEqual(
      4,
    );
  }, 180_000);
});
