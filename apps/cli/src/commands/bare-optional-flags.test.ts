import { describe, expect, it } from 'vitest';
import { bareOptionalFlags } from './bare-optional-flags.js';

describe('bareOptionalFlags', () => {
  it('gives a bare --argocd-cm its default so it never takes the next word', () => {
    expect(bareOptionalFlags(['track', '--argocd-cm', 'deploy/web'])).toEqual(['track', '--argocd-cm=argocd/argocd-cm', 'deploy/web']);
  });

  it('leaves a value given with = and every other flag alone', () => {
    expect(bareOptionalFlags(['track', 'deploy/web', '--argocd-cm=ops/argocd-cm', '-n', 'prod'])).toEqual(['track', 'deploy/web', '--argocd-cm=ops/argocd-cm', '-n', 'prod']);
  });

  it('stops at --: what follows is not a flag', () => {
    expect(bareOptionalFlags(['track', '--', '--argocd-cm'])).toEqual(['track', '--', '--argocd-cm']);
  });
});
