import { kubetrackSpecSchema } from './kubetrack-spec-schema.js';
import { reportSchema } from './report-schema.js';
import * as z from 'zod/mini';
import type { SchemaName } from './schema-names.js';

export type { SchemaName } from './schema-names.js';

/**
 * JSON Schemas (draft 2020-12) for editors and for consumers of the JSON report; the report's
 * codes are core's base set plus `rolloutCodes` (what the registered plugins declare).
 */
export function jsonSchema(name: SchemaName, rolloutCodes?: readonly string[]): Record<string, unknown> {
  const schema = name === 'spec' ? kubetrackSpecSchema : reportSchema(rolloutCodes);
  return {
    $id: `https://kubetrack.dev/schemas/${name}.json`,
    ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }),
  };
}
