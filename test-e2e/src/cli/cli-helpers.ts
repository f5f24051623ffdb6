import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { KubetrackResult } from '../harness/index.js';

/** A fresh temporary directory for manifests, specs and summaries. */
export function tempDir(prefix = 'kubetrack-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeTemp(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// eslint-disable-next-line no-control-regex
// biome-ignore lint/suspicious/noControlCharactersInRegex: matches the terminal escapes it strips
export const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/;
/** A V8 stack frame: "    at fn (file:1:2)" or "    at file:1:2". */
export const STACK_FRAME = /^\s+at .*:\d+:\d+\)?$/m;

/** The contract for bad input and cluster access: exactly one `kubetrack: ...` line on stderr, no stack, no stdout noise. */
export function expectOneErrorLine(result: KubetrackResult, code: number, pattern: RegExp): string {
  expect(result.stderr, result.stderr).not.toMatch(STACK_FRAME);
  const lines = result.stderr.split('\n').filter((line) => line.length > 0);
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^kubetrack: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.code, result.stderr).toBe(code);
  return lines[0]!;
}

/** A Deployment manifest as YAML text, as a user would keep it in a file. */
export function deploymentYaml(name: string, options: { labels?: Record<string, string>; logs?: string[]; behavior?: string; readyAfter?: string } = {}): string {
  const labels = { app: name, ...options.labels };
  const annotations: Record<string, string> = { 'kubetrack.test/ready-after': options.readyAfter ?? '500ms' };
  if (options.logs) annotations['kubetrack.test/logs'] = options.logs.join('\\n');
  if (options.behavior) annotations['kubetrack.test/behavior'] = options.behavior;
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    `  labels: ${JSON.stringify(labels)}`,
    'spec:',
    '  replicas: 1',
    `  selector: { matchLabels: { app: ${name} } }`,
    '  template:',
    '    metadata:',
    `      labels: { app: ${name} }`,
    `      annotations: ${JSON.stringify(annotations)}`,
    '    spec:',
    '      containers: [{ name: app, image: registry.example/app:1 }]',
    '',
  ].join('\n');
}
