import { z } from 'zod';
import { kubetrackSpecSchema } from './kubetrack-spec-schema.js';
import { reportSchema } from './report-schema.js';

export const SCHEMA_NAMES = ['spec', 'report'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** JSON Schemas (draft 2020-12) for editors and for consumers of the JSON report. */
export function jsonSchema(name: SchemaName): Record<string, unknown> {
  const schema = name === 'spec' ? kubetrackSpecSchema : reportSchema;
  return {
    $id: `https://kubetrack.dev/schemas/${name}.json`,
    ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }),
  };
}
