import { describe, expect, it } from 'vitest';
import { fieldText, matches } from '../../../shared/sources/rule-match.js';

describe('a rule’s when', () => {
  const changed = {
    webhookEvent: 'jira:issue_updated',
    issue: { key: 'SUP-1', fields: { labels: ['customer', 'urgent'] } },
    changelog: {
      items: [
        { field: 'assignee', toString: 'Ada' },
        { field: 'status', toString: 'Done' },
      ],
    },
  };

  it('matches a list when any one entry has the listed fields', () => {
    expect(matches(changed, { changelog: { items: { field: 'status', toString: 'Done' } } })).toBe(true);
    // Both fields must be on the same entry, not spread across two.
    expect(matches(changed, { changelog: { items: { field: 'assignee', toString: 'Done' } } })).toBe(false);
    expect(matches({ changelog: { items: [] } }, { changelog: { items: { field: 'status' } } })).toBe(false);
  });

  it('matches a list of values that contains the wanted one', () => {
    expect(matches(changed, { issue: { fields: { labels: 'urgent' } } })).toBe(true);
    expect(matches(changed, { issue: { fields: { labels: 'internal' } } })).toBe(false);
  });

  it('still matches plain fields and nested objects as before', () => {
    expect(matches(changed, { webhookEvent: 'jira:issue_updated', issue: { key: 'SUP-1' } })).toBe(true);
    expect(matches(changed, { issue: { key: 'SUP-2' } })).toBe(false);
    expect(matches([changed], { webhookEvent: 'jira:issue_updated' })).toBe(false);
  });
});

describe('a rule’s subject field', () => {
  it('reaches into nested objects with dots, preferring a field whose own name has them', () => {
    const item = {
      issue: { key: 'SUP-1', fields: { reporter: { accountId: 'u-7' } } },
      'a.b': 'flat',
      a: { b: 'deep' },
    };
    expect(fieldText(item, 'issue.key')).toBe('SUP-1');
    expect(fieldText(item, 'issue.fields.reporter.accountId')).toBe('u-7');
    expect(fieldText(item, 'a.b')).toBe('flat');
    expect(fieldText(item, 'issue.fields')).toBeUndefined();
    expect(fieldText(item, 'issue.missing.key')).toBeUndefined();
  });
});
