import { describe, expect, it } from 'vitest';
import type { Failure, Verdict } from '../plugin.js';
import { conclude } from './conclude.js';

const progressing: Verdict = { state: 'progressing', message: 'deploy/web: 1/3 available' };
const facts = { deleted: false, shortName: 'deploy/web', at: 42 };
const noLedger = { decisive: undefined, count: 0, allowed: 1 };
const crash = (pod: string, n: number): Failure => ({
  id: `${pod}/app/${n}`,
  code: 'process-crashing',
  message: `pod/${pod}: container "app" crashed`,
  object: `Pod/${pod}`,
  subject: { kind: 'Pod', name: pod, container: 'app' },
  hint: 'kubectl logs --previous',
});

describe('conclude', () => {
  it('is undefined while in progress with nothing decisive', () => {
    expect(conclude(progressing, noLedger, facts)).toBeUndefined();
  });

  it('takes ready and terminal failed verdicts as they are, with the verdict hint', () => {
    expect(conclude({ state: 'ready', message: 'deploy/web is ready' }, noLedger, facts)).toEqual({ kind: 'ready', message: 'deploy/web is ready', at: 42 });
    expect(conclude({ state: 'failed', code: 'job-failed', message: 'job/m failed', hint: 'kubectl describe job m' }, noLedger, facts)).toEqual({
      kind: 'failed',
      code: 'job-failed',
      message: 'job/m failed',
      hint: 'kubectl describe job m',
      at: 42,
    });
    expect(conclude({ state: 'failed', message: 'gave up' }, noLedger, facts)).toMatchObject({ code: 'failed' });
  });

  it('lets readiness win over a used-up allowance', () => {
    const ledger = { decisive: crash('web-1', 2), count: 2, allowed: 1 };
    expect(conclude({ state: 'ready', message: 'ready' }, ledger, facts)?.kind).toBe('ready');
  });

  it('fails on the decisive failure, saying the count against the allowance and how many objects share it', () => {
    const verdict: Verdict = { ...progressing, failures: [crash('web-1', 2), crash('web-2', 1)] };
    const outcome = conclude(verdict, { decisive: crash('web-1', 2), count: 2, allowed: 1 }, facts);
    expect(outcome).toMatchObject({
      kind: 'failed',
      code: 'process-crashing',
      message: 'pod/web-1: container "app" crashed — 2 pods (2 failures, 1 allowed)',
      hint: 'kubectl logs --previous',
      failure: { id: 'web-1/app/2', message: 'pod/web-1: container "app" crashed — 2 pods' },
    });
  });

  it('leaves the count out for a permanent failure and when nothing is allowed', () => {
    const permanent = { ...crash('web-1', 0), permanent: true };
    expect(conclude(progressing, { decisive: permanent, count: 1, allowed: 1 }, facts)?.message).toBe('pod/web-1: container "app" crashed');
    expect(conclude(progressing, { decisive: crash('web-1', 0), count: 1, allowed: 0 }, facts)?.message).toBe('pod/web-1: container "app" crashed');
  });

  it('says a resource deleted while tracked was deleted, whatever its last verdict', () => {
    expect(conclude({ state: 'ready', message: 'ready' }, noLedger, { ...facts, deleted: true })).toEqual({
      kind: 'failed',
      code: 'deleted',
      message: 'deploy/web was deleted while being tracked',
      at: 42,
    });
  });
});
