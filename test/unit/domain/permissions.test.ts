import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/domain/config.js';
import type { CommitmentDefinition, PermissionAction, Permissions } from '../../../shared/domain/model.js';
import {
  type AccessRules,
  type Actor,
  DEFAULT_PERMISSIONS,
  decide,
  LOCAL_ADMIN,
  PERMISSION_ACTIONS,
  slackActor,
} from '../../../shared/domain/permissions.js';

/**
 * Marketing delivers leads to Sales; IT and the executives stand aside. Everyone below is one of
 * these people, so each row of the tables reads as "this person, this action".
 */
const config = parseConfig({
  timezone: 'America/New_York',
  admins: ['U0OPSADMIN'],
  departments: {
    marketing: { name: 'Marketing', slack: { lead: 'U0MKTLEAD', members: ['U0MKTREP'] } },
    sales: { name: 'Sales', slack: { lead: 'U0SALESLEAD', members: ['U0REP1'] } },
    it: { name: 'IT', slack: { lead: 'U0ITLEAD', members: ['U0ITREP'] } },
    executives: { name: 'Executive team', slack: { lead: 'U0CEO' } },
  },
  escalation: [
    { after: '0h', notify: ['provider'] },
    { after: '8h', notify: ['provider.lead', 'consumer'] },
    { after: '24h', notify: ['executives'] },
  ],
  digest: { to: 'executives' },
  commitments: [
    {
      id: 'leads',
      title: 'Leads',
      provider: 'marketing',
      consumer: 'sales',
      measure: 'total',
      target: 100,
    },
  ],
});
const leads = config.commitments[0] as CommitmentDefinition;

const PEOPLE = {
  admin: 'U0OPSADMIN',
  providerLead: 'U0MKTLEAD',
  providerMember: 'U0MKTREP',
  consumerLead: 'U0SALESLEAD',
  consumerMember: 'U0REP1',
  bystanderLead: 'U0ITLEAD',
  bystanderMember: 'U0ITREP',
  executive: 'U0CEO',
  stranger: 'U0NOBODY',
} as const;
type Person = keyof typeof PEOPLE;
const EVERYONE = Object.keys(PEOPLE) as Person[];

/** The rules with every action given to one role: each role is tried alone against each action. */
function rulesGiving(role: string): AccessRules {
  const permissions = Object.fromEntries(
    PERMISSION_ACTIONS.map((a) => [a, [role]]),
  ) as unknown as Permissions;
  return { admins: config.admins, permissions, departments: config.departments };
}

/** Who each role admits, before any alert or excusal narrows `notified` and `causedBy`. */
const ADMITTED: Array<[role: string, people: Person[]]> = [
  ['provider', ['admin', 'providerLead', 'providerMember']],
  ['consumer', ['admin', 'consumerLead', 'consumerMember']],
  ['provider.lead', ['admin', 'providerLead']],
  ['consumer.lead', ['admin', 'consumerLead']],
  ['it', ['admin', 'bystanderLead', 'bystanderMember']],
  ['it.lead', ['admin', 'bystanderLead']],
  ['executives', ['admin', 'executive']],
  ['admins', ['admin']],
];

describe('decide: every role against every action', () => {
  for (const [role, admitted] of ADMITTED) {
    for (const action of PERMISSION_ACTIONS) {
      it(`${action} given to ${role}`, () => {
        const rules = rulesGiving(role);
        const allowed = EVERYONE.filter((p) => decide(slackActor(PEOPLE[p]), action, leads, rules).allowed);
        expect(allowed.sort()).toEqual([...admitted].sort());
      });
    }
  }

  it('notified follows the alert up the ladder: level 1 reached Marketing, level 2 also Sales, level 3 the executives', () => {
    const rules = rulesGiving('notified');
    const reached = (level: number) =>
      EVERYONE.filter((p) => decide(slackActor(PEOPLE[p]), 'ack', leads, rules, { level }).allowed).sort();
    expect(reached(0)).toEqual(['admin']);
    expect(reached(1)).toEqual(['admin', 'providerLead', 'providerMember']);
    expect(reached(2)).toEqual(
      ['admin', 'consumerLead', 'consumerMember', 'providerLead', 'providerMember'].sort(),
    );
    expect(reached(3)).toEqual(
      ['admin', 'consumerLead', 'consumerMember', 'executive', 'providerLead', 'providerMember'].sort(),
    );
    // Without an alert in hand nobody was reached.
    expect(decide(slackActor(PEOPLE.providerLead), 'ack', leads, rules).allowed).toBe(false);
  });

  it('causedBy admits the department the excusal blames, and nobody without an excusal', () => {
    const rules = rulesGiving('causedBy');
    const approvers = (causedBy?: string) =>
      EVERYONE.filter(
        (p) =>
          decide(
            slackActor(PEOPLE[p]),
            'approveExcusal',
            leads,
            rules,
            undefined,
            causedBy ? { causedBy } : undefined,
          ).allowed,
      ).sort();
    expect(approvers('sales')).toEqual(['admin', 'consumerLead', 'consumerMember']);
    expect(approvers('it')).toEqual(['admin', 'bystanderLead', 'bystanderMember']);
    expect(approvers()).toEqual(['admin']);
  });

  it('an empty list leaves the action to admins', () => {
    const rules = { ...rulesGiving('admins'), permissions: { ...DEFAULT_PERMISSIONS, log: [] } };
    expect(decide(slackActor(PEOPLE.providerLead), 'log', leads, rules)).toEqual({
      allowed: false,
      who: ['an admin'],
    });
    expect(decide(slackActor(PEOPLE.admin), 'log', leads, rules)).toEqual({ allowed: true, as: 'admins' });
  });
});

describe('decide with the default rules', () => {
  const rules: AccessRules = {
    admins: config.admins,
    permissions: DEFAULT_PERMISSIONS,
    departments: config.departments,
  };
  const alert = { level: 1 };
  const excusal = { causedBy: 'sales' };

  // person → the actions the defaults allow them (with the alert at level 1 and an excusal blaming Sales).
  const TABLE: Array<[Person, PermissionAction[]]> = [
    ['admin', ['log', 'ack', 'snooze', 'excuse', 'approveExcusal']],
    ['providerLead', ['log', 'ack', 'snooze', 'excuse']],
    ['providerMember', ['log', 'ack', 'excuse']],
    ['consumerLead', ['log', 'excuse', 'approveExcusal']],
    ['consumerMember', ['log', 'excuse', 'approveExcusal']],
    ['bystanderLead', []],
    ['bystanderMember', []],
    ['executive', []],
    ['stranger', []],
  ];
  for (const [person, actions] of TABLE) {
    it(`${person} may ${actions.length === 0 ? 'do nothing' : actions.join(', ')}`, () => {
      const allowed = PERMISSION_ACTIONS.filter(
        (action) => decide(slackActor(PEOPLE[person]), action, leads, rules, alert, excusal).allowed,
      );
      expect(allowed).toEqual(actions);
    });
  }

  it('says who may, in words, admins last', () => {
    const refused = (action: PermissionAction) =>
      decide(slackActor(PEOPLE.stranger), action, leads, rules, { level: 2 }, excusal);
    expect(refused('log')).toEqual({
      allowed: false,
      who: ['Marketing (its lead and members)', 'Sales (its lead and members)', 'an admin'],
    });
    expect(refused('ack')).toEqual({
      allowed: false,
      who: [
        'Marketing (its lead and members)',
        "Marketing's lead",
        'Sales (its lead and members)',
        'an admin',
      ],
    });
    expect(refused('snooze')).toEqual({ allowed: false, who: ["Marketing's lead", 'an admin'] });
    expect(refused('approveExcusal')).toEqual({
      allowed: false,
      who: ['Sales (the department the excusal blames)', 'an admin'],
    });
    expect(decide(slackActor(PEOPLE.stranger), 'ack', leads, rules)).toMatchObject({
      who: ['whoever an open alert has reached (none is open)', 'an admin'],
    });
  });

  it('IAM principals and the local admin may do everything; a source may only log', () => {
    const iam: Actor = { kind: 'iam', id: 'arn:aws:iam::123456789012:role/ops', via: 'api' };
    const source: Actor = { kind: 'source', id: 'crm', via: 'source' };
    for (const action of PERMISSION_ACTIONS) {
      expect(decide(iam, action, leads, rules)).toEqual({ allowed: true, as: 'admins' });
      expect(decide(LOCAL_ADMIN, action, leads, rules)).toEqual({ allowed: true, as: 'admins' });
      expect(decide(source, action, leads, rules).allowed).toBe(action === 'log');
    }
  });

  it("a commitment's own list replaces the default for that action only", () => {
    const strict: CommitmentDefinition = { ...leads, permissions: { log: ['provider.lead'] } };
    expect(decide(slackActor(PEOPLE.consumerMember), 'log', strict, rules).allowed).toBe(false);
    expect(decide(slackActor(PEOPLE.providerLead), 'log', strict, rules).allowed).toBe(true);
    expect(decide(slackActor(PEOPLE.consumerMember), 'excuse', strict, rules).allowed).toBe(true);
  });
});

describe('admins and permissions in the configuration', () => {
  it('fills in the defaults and keeps what the file says', () => {
    expect(config.permissions).toEqual(DEFAULT_PERMISSIONS);
    expect(config.admins).toEqual(['U0OPSADMIN']);
    expect(leads.permissions).toBeUndefined();
  });
});
