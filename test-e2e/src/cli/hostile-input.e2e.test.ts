import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest, jobManifest, runKubetrack } from '../harness/index.js';
import { tempDir } from './cli-helpers.js';

describe.concurrent('kubetrack against what a hostile pod or a careless flag can do', () => {
  // The Job runs long enough for tracking to start (and its log stream to open) while it runs, even on a loaded machine.
  e2eTest('600h timeout, a 1ns status period, a 9999999999h log window and a ReDoS filter: a Job that prints a hostile line simply completes', async ({ namespace }) => {
    const evil = `${'a'.repeat(40)}!`;
    await applyManifests(namespace, jobManifest({ name: 'migrate', runFor: '15s', logs: [evil, 'cache warm aaa'] }));
    const result = await runKubetrack(
      ['track', 'job/migrate', '-n', namespace, '--timeout', '600h', '--status-progress-period', '1ns', '--logs-since', '9999999999h', '--log-regex', '(a+)+$', '-o', 'plain'],
      { killAfterMs: 90_000 },
    );
    expect(result.signal, result.stderr).toBeNull();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toContain('(timeout 600h)');
    expect(result.stdout).toMatch(/\[migrate-[a-z0-9]+\/app\] cache warm aaa/);
    expect(result.stdout).not.toContain(evil);
    // A status table at most once a second, not every millisecond.
    const tables = result.stdout.split('\n').filter((line) => line.includes('── status after')).length;
    expect(tables).toBeLessThanOrEqual(Math.ceil(result.durationMs / 1000) + 1);
  });

  e2eTest('GITHUB_ACTIONS=true with a crashing pod printing workflow commands and escapes: only kubetrack annotates', async ({ namespace }) => {
    const lines = ['::add-mask::kubetrack', '##[error]forged', '```', 'clip \u001b]52;c;cm0gLXJmIH4=\u0007 end', '  ::stop-commands::pwned'];
    await applyManifests(namespace, deploymentManifest({ name: 'web', behavior: 'crashloop', logs: lines }));
    const summary = join(tempDir(), 'step-summary.md');
    const result = await runKubetrack(['track', 'deploy/web', '-n', namespace, '--timeout', '60s', '-o', 'plain'], {
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const output = result.stdout + result.stderr;
    const commands = output.split(/\r\n|\r|\n/).map((line) => line.trimStart()).filter((line) => line.startsWith('::'));
    expect(commands, output).toHaveLength(1);
    expect(commands[0]).toMatch(/^::error title=kubetrack%3A deploy\/web process-crashing::/);
    expect(output).not.toContain('##[');
    expect(result.stdout).not.toMatch(/[\u0007\u001b]/);
    expect(result.stdout).toContain('clip \\u001b]52;c;cm0gLXJmIH4=\\u0007 end');
    const markdown = readFileSync(summary, 'utf8');
    // The log block is fenced with more backticks than any log line has, so "```" cannot close it.
    expect(markdown).toMatch(/\n````\n[\s\S]*\n```\n[\s\S]*\n````\n<\/details>/);
  });
});
