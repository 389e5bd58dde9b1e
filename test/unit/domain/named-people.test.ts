import { describe, expect, it } from 'vitest';
import type { Department } from '../../../shared/domain/model.js';
import { isNamedIn } from '../../../shared/domain/named-people.js';

const department = (id: string, lead: string | undefined, members: string[]): Department => ({
  id,
  name: id,
  slack: { ...(lead === undefined ? {} : { lead }), members },
  emails: [],
});

const people = {
  admins: ['U0ADMIN'],
  departments: {
    sales: department('sales', 'U0SALESLEAD', ['U0REP1', 'U0REP2']),
    it: department('it', undefined, ['U0DEV']),
  },
};

describe('who the configuration names', () => {
  it('names admins, department leads and members', () => {
    for (const user of ['U0ADMIN', 'U0SALESLEAD', 'U0REP2', 'U0DEV'])
      expect(isNamedIn(people, user)).toBe(true);
  });

  it('names no one else, and no one at all in a configuration without people', () => {
    expect(isNamedIn(people, 'U0STRANGER')).toBe(false);
    expect(isNamedIn(people, '')).toBe(false);
    expect(isNamedIn({ departments: {} }, 'U0ADMIN')).toBe(false);
  });
});
