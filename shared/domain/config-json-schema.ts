/**
 * The commitments file as a JSON Schema, for editors (completion and checks as you type, through
 * the `yaml-language-server` modeline). Generated from the same zod schemas the validation uses,
 * so the two cannot disagree on a field's name or shape; the rules that need two fields or another
 * section (known departments, measure-dependent fields) remain the validator's alone.
 */
import * as z from 'zod';
import {
  rawAdminsSchema,
  rawCalendarSchema,
  rawCommitmentSchema,
  rawConfigEnvelopeSchema,
  rawDepartmentSchema,
  rawDigestSchema,
  rawEscalationSchema,
  rawEvaluationSchema,
  rawPermissionsSchema,
} from './config-schema.js';
import { rawSourceSchema } from './sources/config-sources.js';

export const CONFIG_SCHEMA_ID = 'https://sla-tracker.dev/schema/commitments.schema.json';

export function configJsonSchema(): Record<string, unknown> {
  const whole = rawConfigEnvelopeSchema().extend({
    calendars: z.record(z.string(), rawCalendarSchema()).optional(),
    departments: z.record(z.string(), rawDepartmentSchema()),
    escalation: rawEscalationSchema().optional(),
    digest: rawDigestSchema().optional(),
    evaluation: rawEvaluationSchema().optional(),
    admins: rawAdminsSchema().optional(),
    permissions: rawPermissionsSchema().optional(),
    sources: z.record(z.string(), rawSourceSchema()).optional(),
    commitments: z.array(rawCommitmentSchema()),
  });
  const schema = z.toJSONSchema(whole, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: CONFIG_SCHEMA_ID,
    title: 'SLA tracker commitments file',
    description:
      'Timezone, calendars, departments, escalation, digest, sources and the commitments between departments.',
    ...schema,
  };
}
