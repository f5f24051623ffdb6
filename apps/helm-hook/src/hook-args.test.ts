import { describe, expect, it } from 'vitest';
import { HookConfigError, hookInvocation, splitArgs } from './hook-args.js';

describe('hookInvocation', () => {
  it("tracks exactly the release's objects by default: its record at the hook's revision, in the release namespace, plain output", () => {
    expect(hookInvocation([], { HELM_RELEASE: 'shop', HELM_NAMESPACE: 'prod', HELM_REVISION: '3', KUBETRACK_TIMEOUT: '5m' })).toEqual({
      source: 'release shop revision 3',
      argv: ['track', '--helm-release', 'shop@3', '-n', 'prod', '--timeout', '5m', '--output', 'plain'],
    });
    expect(hookInvocation([], { HELM_RELEASE: 'shop' }).argv).toEqual(['track', '--helm-release', 'shop', '--output', 'plain']);
  });

  it('falls back to the instance label with KUBETRACK_SELECT_BY=label', () => {
    expect(hookInvocation([], { HELM_RELEASE: 'shop', HELM_NAMESPACE: 'prod', HELM_REVISION: '3', KUBETRACK_SELECT_BY: 'label' })).toEqual({
      source: 'release shop by label',
      argv: ['track', '-l', 'app.kubernetes.io/instance=shop', '--kind', 'deploy,sts,ds,job', '-n', 'prod', '--output', 'plain'],
    });
  });

  it('refuses a bad revision or selection mode in one line', () => {
    expect(() => hookInvocation([], { HELM_RELEASE: 'shop', HELM_REVISION: 'latest' })).toThrow('HELM_REVISION: expected a revision number, got "latest"');
    expect(() => hookInvocation([], { HELM_RELEASE: 'shop', KUBETRACK_SELECT_BY: 'magic' })).toThrow(/KUBETRACK_SELECT_BY: expected release or label/);
  });

  it('takes the kinds from KUBETRACK_KINDS and appends KUBETRACK_EXTRA_ARGS', () => {
    expect(hookInvocation([], { HELM_RELEASE: 'shop', KUBETRACK_SELECT_BY: 'label', KUBETRACK_KINDS: 'deploy', KUBETRACK_EXTRA_ARGS: `--logs-since 1m --log-regex '(?i)error|warn'` }).argv).toEqual([
      'track', '-l', 'app.kubernetes.io/instance=shop', '--kind', 'deploy', '--logs-since', '1m', '--log-regex', '(?i)error|warn', '--output', 'plain',
    ]);
  });

  it('prefers a mounted spec over the release label', () => {
    expect(hookInvocation([], { HELM_RELEASE: 'shop', KUBETRACK_SPEC: '/etc/kubetrack/spec.yaml' }).argv).toEqual(['multitrack', '-f', '/etc/kubetrack/spec.yaml', '--output', 'plain']);
  });

  it('prefers KUBETRACK_ARGS over a spec, and keeps its own --output and --timeout', () => {
    expect(hookInvocation([], { KUBETRACK_SPEC: '/x', KUBETRACK_TIMEOUT: '5m', KUBETRACK_ARGS: 'track deploy/web "job/db migrate" --timeout=1m -o ndjson' }).argv).toEqual([
      'track', 'deploy/web', 'job/db migrate', '--timeout=1m', '-o', 'ndjson',
    ]);
  });

  it('prefers arguments over everything, and leaves non-tracking commands alone', () => {
    expect(hookInvocation(['track', 'deploy/web'], { KUBETRACK_ARGS: 'track deploy/api', HELM_RELEASE: 'x' }).argv).toEqual(['track', 'deploy/web', '--output', 'plain']);
    expect(hookInvocation(['version'], { KUBETRACK_TIMEOUT: '5m' }).argv).toEqual(['version']);
  });

  it('ignores blank variables and says what to set when nothing is given', () => {
    expect(() => hookInvocation([], { HELM_RELEASE: '  ', KUBETRACK_ARGS: '' })).toThrow(HookConfigError);
    expect(() => hookInvocation([], {})).toThrow(/set HELM_RELEASE, KUBETRACK_SPEC or KUBETRACK_ARGS/);
  });
});

describe('splitArgs', () => {
  it('splits on whitespace and groups quotes', () => {
    expect(splitArgs(`  a  'b c' "d \\"e\\"" f''g ""  `)).toEqual(['a', 'b c', 'd "e"', 'fg', '']);
  });
  it('rejects an unterminated quote', () => {
    expect(() => splitArgs(`track 'deploy/web`)).toThrow(/unterminated ' quote/);
  });
});
