import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/domain/config.js';
import { DEFAULT_PERMISSIONS } from '../../../shared/domain/permissions.js';
import { type FieldIssue, ValidationError } from '../../../shared/domain/validation-error.js';

function file(extra: Record<string, unknown> = {}, commitment: Record<string, unknown> = {}) {
  return {
    timezone: 'America/New_York',
    departments: {
      marketing: { name: 'Marketing', slack: { lead: 'U0MKTLEAD' } },
      sales: { name: 'Sales', slack: { lead: 'U0SALESLEAD' } },
      executives: { name: 'Executives' },
    },
    commitments: [
      {
        id: 'leads',
        title: 'Leads',
        provider: 'marketing',
        consumer: 'sales',
        measure: 'total',
        target: 100,
        ...commitment,
      },
    ],
    ...extra,
  };
}

function issuesOf(input: unknown): FieldIssue[] {
  try {
    parseConfig(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('admins and permissions as written', () => {
  it('replaces the default of each action the file names, and keeps a commitment’s own lists', () => {
    const config = parseConfig(
      file(
        {
          admins: ['U0OPSADMIN', 'U0OPSADMIN'],
          permissions: { snooze: ['provider.lead', 'consumer.lead', 'provider.lead'] },
        },
        { permissions: { log: ['provider', 'executives.lead'], approveExcusal: [] } },
      ),
    );
    expect(config.admins).toEqual(['U0OPSADMIN']);
    expect(config.permissions).toEqual({
      ...DEFAULT_PERMISSIONS,
      snooze: ['provider.lead', 'consumer.lead'],
    });
    expect(config.commitments[0]?.permissions).toEqual({
      log: ['provider', 'executives.lead'],
      approveExcusal: [],
    });
  });

  it('leaves a commitment without permissions exactly as before (no churn in plans)', () => {
    expect(Object.hasOwn(parseConfig(file()).commitments[0] ?? {}, 'permissions')).toBe(false);
    expect(parseConfig(file()).admins).toEqual([]);
  });
});

describe('refused with the path of what is wrong', () => {
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string, RegExp]> = [
    [
      'an unknown role',
      { permissions: { log: ['provider', 'providers'] } },
      {},
      'permissions.log[1]',
      /unknown role 'providers' \(did you mean 'provider'\?\)/,
    ],
    [
      'an unknown department',
      { permissions: { snooze: ['hr.lead'] } },
      {},
      'permissions.snooze[0]',
      /unknown role 'hr.lead'.*a department \(marketing, sales, executives\)/,
    ],
    [
      'notified outside alerts',
      { permissions: { log: ['notified'] } },
      {},
      'permissions.log[0]',
      /applies only to ack and snooze/,
    ],
    [
      'causedBy outside excusals',
      {},
      { permissions: { ack: ['causedBy'] } },
      'commitments[0].permissions.ack[0]',
      /applies only to excuse and approveExcusal/,
    ],
    [
      "an unknown department in a commitment's own list",
      {},
      { permissions: { excuse: ['consumer', 'finance'] } },
      'commitments[0].permissions.excuse[1]',
      /unknown role 'finance'/,
    ],
    [
      'an unknown action',
      { permissions: { approve: ['causedBy'] } },
      {},
      'permissions.approve',
      /unknown field 'approve'; allowed: log, ack, snooze, excuse, approveExcusal/,
    ],
    ['an admin that is no Slack user id', { admins: ['ops@example.com'] }, {}, 'admins[0]', /Slack user ID/],
    ['admins that are no list', { admins: 'U0OPSADMIN' }, {}, 'admins', /list of Slack user IDs/],
  ];
  for (const [what, extra, commitment, path, message] of cases) {
    it(what, () => {
      const issues = issuesOf(file(extra, commitment));
      expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
    });
  }
});
