import { describe, expect, test } from 'vitest';
import { runKubetrack } from '../harness/index.js';

describe.concurrent('kubetrack schema | version | --help (no cluster needed)', () => {
  for (const name of ['spec', 'report']) {
    test(`schema ${name} prints a JSON Schema`, async () => {
      const result = await runKubetrack(['schema', name]);
      expect(result.code, result.stderr).toBe(0);
      const schema = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(String(schema['$schema'])).toMatch(/json-schema\.org/);
      expect(schema['type'] ?? schema['anyOf'] ?? schema['oneOf']).toBeDefined();
      expect(JSON.stringify(schema)).toContain(name === 'spec' ? 'failMode' : 'resources');
    });
  }

  test('version', async () => {
    const result = await runKubetrack(['version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^kubetrack \d+\.\d+\.\d+ \(plugin API \d+, node v\d+/);
    expect((await runKubetrack(['--version'])).stdout).toMatch(/^kubetrack \d+\.\d+\.\d+$/m);
  });

  for (const command of [[], ['track'], ['multitrack'], ['follow'], ['rollout', 'track'], ['schema'], ['version']]) {
    test(`${['kubetrack', ...command].join(' ')} --help shows examples`, async () => {
      const result = await runKubetrack([...command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: kubetrack/m);
      expect(result.stdout).toMatch(/^Examples:\n {2}kubetrack /m);
    });
  }
});
