/** The JSON Schemas `kubetrack schema` prints; apart from json-schemas.ts so --help does not load zod. */
export const SCHEMA_NAMES = ['spec', 'report'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];
