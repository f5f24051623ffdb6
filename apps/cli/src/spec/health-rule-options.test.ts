import { describe, expect, it } from 'vitest';
import { loadSpec } from './load-spec.js';

describe('health rules in a kubetrack spec', () => {
  it('keeps healthLua and healthCel in the plugin options for the CLI to compile', () => {
    const text = `resources:
  - kind: Gauge.rules.test
    name: g
    pluginOptions: { other: 1 }
    healthLua: |
      return { status = "Healthy" }
    healthCel:
      current: "status.phase == 'Ready'"
      failed: "status.phase == 'Broken'"
`;
    const [request] = loadSpec({ name: 'spec.yaml', text }).requests;
    expect(request!.options.pluginOptions).toEqual({
      other: 1,
      healthLua: 'return { status = "Healthy" }\n',
      healthCel: { current: "status.phase == 'Ready'", failed: "status.phase == 'Broken'" },
    });
  });

  it('refuses a healthCel without current, naming the field', () => {
    const text = `resources:
  - kind: Gauge.rules.test
    name: g
    healthCel: { failed: "true" }
`;
    expect(() => loadSpec({ name: 'spec.yaml', text })).toThrow(/spec\.yaml:4:.*healthCel/);
  });
});
