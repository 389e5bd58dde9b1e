import type { FieldIssue } from '../../shared/domain/validation-error.js';
import type { Problem } from '../errors.js';

/** `commitments[0].target.derive.closeRate: must be > 0 (line 12)`. */
export function issueLine(issue: FieldIssue): string {
  const where = issue.path === '' ? '' : `${issue.path}: `;
  const line =
    issue.line === undefined || issue.message.includes(`line ${issue.line}`) ? '' : ` (line ${issue.line})`;
  return `${where}${issue.message}${line}`;
}

/**
 * An error answer for people: the detail, then every field error the detail does not already
 * spell out (the API's validation detail often lists them itself).
 */
export function renderProblem(problem: Problem): string[] {
  const detail = problem.detail ?? problem.title ?? 'the API refused the request';
  const lines = detail.split('\n');
  for (const issue of problem.errors ?? []) {
    const text = issueLine(issue);
    if (!detail.includes(text) && !detail.includes(`${issue.path}: ${issue.message}`)) {
      if (issue.path !== '' || !detail.includes(issue.message)) lines.push(`  ${text}`);
    }
  }
  return lines;
}
