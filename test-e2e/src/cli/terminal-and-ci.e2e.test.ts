import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { applyManifests, clusterKubeconfigPath, deploymentManifest, e2eTest, KUBETRACK_BUNDLE, runKubetrack, waitFor } from '../harness/index.js';
import { tempDir } from './cli-helpers.js';

describe.concurrent('kubetrack in GitHub Actions and in a real terminal', () => {
  e2eTest('GITHUB_ACTIONS=true: ::error annotation for the failed resource and a Markdown step summary', async ({ namespace }) => {
    await applyManifests(namespace, [
      deploymentManifest({ name: 'web', readyAfter: '500ms' }),
      deploymentManifest({ name: 'api', behavior: 'image-pull-error' }),
    ]);
    const summary = join(tempDir(), 'step-summary.md');
    const result = await runKubetrack(['track', 'deploy/web', 'deploy/api', '-n', namespace, '--timeout', '60s', '-o', 'plain'], {
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const output = result.stdout + result.stderr;
    const annotations = output.split('\n').filter((line) => line.startsWith('::error '));
    expect(annotations, output).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::error title=kubetrack%3A deploy\/api invalid-config::pod\/api-[a-z0-9-]+: container "app": image "[^"]+" not found/);
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toContain('### kubetrack: the rollout failed');
    expect(markdown).toMatch(/\|.*deploy\/api.*\|.*invalid-config/);
    expect(markdown).toMatch(/\| `deploy\/web` \| (ready|progressing) \|/); // fail-fast may stop it before it is ready
  });

  e2eTest('tty output in a real pseudo-terminal (tmux): status table, pod rows, log lines, final summary', async ({ namespace }) => {
    const session = `kt-${namespace.slice(-6)}`;
    const dir = tempDir();
    const exitFile = join(dir, 'exit-code');
    const command = [
      `KUBECONFIG='${clusterKubeconfigPath()}'`, 'TERM=xterm-256color',
      `'${process.execPath}' '${KUBETRACK_BUNDLE}' track deploy/web -n ${namespace} --timeout 60s --logs-since all`,
      `; echo $? > '${exitFile}'; sleep 600`,
    ].join(' ');
    await applyManifests(namespace, deploymentManifest({ name: 'web', replicas: 2, readyAfter: '3s', logs: ['hello from the tty test'] }));
    execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '120', '-y', '40', 'bash', '-c', command]);
    try {
      const screens: string[] = [];
      const capture = () => execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' });
      // while it runs: the live status table with a row per pod
      await waitFor(() => {
        const screen = capture();
        screens.push(screen);
        return /DEPLOYMENT/.test(screen) && /web-[a-z0-9]+/.test(screen);
      }, { description: 'the live status table with pod rows', timeoutMs: 30_000 });
      await waitFor(() => {
        try {
          return readFileSync(exitFile, 'utf8').trim() !== '';
        } catch {
          return false;
        }
      }, { description: 'kubetrack to exit', timeoutMs: 60_000 });
      const final = capture();
      expect(readFileSync(exitFile, 'utf8').trim(), final).toBe('0');
      expect(screens.some((screen) => /deploy\/web/.test(screen) && /web-[a-z0-9]+/.test(screen)), screens.join('\n----\n')).toBe(true);
      expect(final, final).toContain('hello from the tty test');
      expect(final, final).toMatch(/Summary: 1 ready/);
      expect(final, final).toMatch(/deploy\/web/);
    } finally {
      execFileSync('tmux', ['kill-session', '-t', session]);
    }
  });
});
