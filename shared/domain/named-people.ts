/**
 * Who the configuration names at all: its admins and every department's lead and members. The
 * dashboard shows everything it knows to them and to nobody else, whatever commitment they are in.
 */
import type { Department } from './model.js';

export interface NamedPeople {
  admins?: readonly string[];
  departments: Readonly<Record<string, Department>>;
}

export function isNamedIn(people: NamedPeople, slackUserId: string): boolean {
  if (people.admins?.includes(slackUserId)) return true;
  return Object.values(people.departments).some(
    (department) => department.slack.lead === slackUserId || department.slack.members.includes(slackUserId),
  );
}
