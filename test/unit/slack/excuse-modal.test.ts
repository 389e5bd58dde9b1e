import { describe, expect, it } from 'vitest';
import type { Department } from '../../../shared/domain/model.js';
import { excuseModal, readExcuseForm } from '../../../shared/slack/excuse-modal.js';

const dept = (id: string, name: string): Department => ({
  id,
  name,
  slack: { channel: `C0${id.toUpperCase()}`, members: [] },
  emails: [],
});

describe('the excusal form', () => {
  it('escapes the title people wrote, offers every department but the provider, within Slack’s limits', () => {
    const departments = Object.fromEntries(
      Array.from({ length: 120 }, (_, i) => {
        const id = `d${String(i).padStart(3, '0')}`;
        return [id, dept(id, `${'Long name '.repeat(10)}${i}`)];
      }),
    );
    const view = excuseModal({
      commitmentId: 'leads',
      title: 'Leads <b>&</b> more',
      provider: 'd000',
      timezone: 'America/New_York',
      today: '2026-11-18',
      departments,
    });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(JSON.stringify(view.blocks[0])).toContain('Leads &lt;b&gt;&amp;&lt;/b&gt; more');
    const select = view.blocks.find((b) => b.block_id === 'excuse_caused_by') as any;
    const options = select.element.options as Array<{ text: { text: string }; value: string }>;
    expect(options).toHaveLength(100);
    expect(options.map((o) => o.value)).not.toContain('d000');
    for (const option of options) expect(option.text.text.length).toBeLessThanOrEqual(75);
  });

  it('reads forged or odd values as mistakes under their fields, never as a crash', () => {
    const odd = readExcuseForm({
      private_metadata: 'leads',
      state: {
        values: {
          excuse_from: { value: 42 },
          excuse_to: { value: { selected_date: '2026-11-31' } },
          excuse_caused_by: { value: { selected_option: { value: 7 } } },
          excuse_reason: { value: { value: ['why'] } },
        },
      },
    });
    expect(odd).toEqual({
      ok: false,
      errors: {
        from: 'Pick the first day affected.',
        to: 'Pick the last day affected.',
        causedBy: 'Pick the department that caused it.',
        reason: 'Say why, in a few words.',
      },
    });
    expect(readExcuseForm({})).toMatchObject({
      ok: false,
      errors: { from: expect.stringContaining('names no commitment') },
    });
  });

  it('reads a good form, the reason trimmed', () => {
    expect(
      readExcuseForm({
        private_metadata: 'leads',
        state: {
          values: {
            excuse_from: { value: { selected_date: '2026-11-09' } },
            excuse_to: { value: { selected_date: '2026-11-09' } },
            excuse_caused_by: { value: { selected_option: { value: 'sales' } } },
            excuse_reason: { value: { value: '  CRM down  ' } },
          },
        },
      }),
    ).toEqual({
      ok: true,
      claim: {
        commitmentId: 'leads',
        from: '2026-11-09',
        to: '2026-11-09',
        causedBy: 'sales',
        reason: 'CRM down',
      },
    });
  });
});
