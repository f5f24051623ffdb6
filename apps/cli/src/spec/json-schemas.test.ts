import { describe, expect, it } from 'vitest';
import { ROLLOUT_ERROR_CODES } from '@kubetrack/core';
import { jsonSchema } from './json-schemas.js';

describe('published JSON Schemas', () => {
  it('describes the spec with strict objects so editors flag typos', () => {
    const schema = jsonSchema('spec') as {
      additionalProperties: boolean;
      required: string[];
      properties: { resources: { items: { additionalProperties: boolean; required: string[]; properties: Record<string, unknown> } } };
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['resources']);
    const resource = schema.properties.resources.items;
    expect(resource.additionalProperties).toBe(false);
    expect(resource.required).toEqual(['kind', 'name']);
    expect(Object.keys(resource.properties)).toEqual(expect.arrayContaining(['failMode', 'allowFailuresCount', 'logRegex', 'timeout', 'noActivityTimeout']));
  });

  it('describes the report with every error code', () => {
    const schema = jsonSchema('report') as { properties: { error: { properties: { code: { enum: string[] } } } } };
    expect(schema.properties.error.properties.code.enum).toEqual(expect.arrayContaining(['invalid-config', 'timeout', 'forbidden', 'internal']));
  });

  it("lists the codes plugins declare beyond core's base set", () => {
    const base = jsonSchema('report') as { properties: { error: { properties: { code: { enum: string[] } } } } };
    expect(base.properties.error.properties.code.enum).not.toContain('job-failed');
    const schema = jsonSchema('report', [...ROLLOUT_ERROR_CODES, 'job-failed']) as typeof base;
    expect(schema.properties.error.properties.code.enum).toEqual(expect.arrayContaining(['job-failed', 'process-crashing', 'internal']));
  });
});
