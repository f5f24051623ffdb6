import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '@kubetrack/core';
import { githubAnnotations, reportToGitHubActions } from './github-actions.js';
import { createResourceNamer } from './resource-namer.js';
import { scriptedRun } from './scripted-messages.fixture.js';

const namer = createResourceNamer({ kinds: [], showNamespace: false });
const report = (scriptedRun.at(-1) as { report: Report }).report;

describe('GitHub Actions output', () => {
  it('annotates each failed resource with its code, message and warning events', () => {
    expect(githubAnnotations(report, namer)).toEqual([
      '::error title=kubetrack%3A deployment/web process-crashing::container app of pod web-6f7c9d8b5-x2k4q keeps crashing%0ABackOff Pod/web-6f7c9d8b5-x2k4q: Back-off restarting failed container app',
    ]);
  });

  it('appends a Markdown summary to $GITHUB_STEP_SUMMARY only inside GitHub Actions', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kubetrack-gha-'));
    const summary = path.join(dir, 'summary.md');
    let err = '';
    const sink = { write: (text: string) => (err += text) };
    await reportToGitHubActions({ env: { GITHUB_STEP_SUMMARY: summary }, report, namer, err: sink });
    await expect(readFile(summary, 'utf8')).rejects.toThrow();
    expect(err).toBe('');

    await reportToGitHubActions({ env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }, report, namer, err: sink });
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toContain('### kubetrack: the rollout failed');
    expect(markdown).toContain('| ❌ | `deployment/web` | failed | 6s | `process-crashing` container app of pod web-6f7c9d8b5-x2k4q keeps crashing |');
    expect(markdown).toContain('| ✅ | `job/migrate` | ready | 5s |  |');
    expect(markdown).toContain('panic: simulated crash');
    expect(err).toMatch(/^::error title=/);
  });
});
