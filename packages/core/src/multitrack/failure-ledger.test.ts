import { describe, expect, it } from 'vitest';
import type { Failure } from '../plugin.js';
import { FailureLedger } from './failure-ledger.js';

const crash = (restart: number): Failure => ({
  id: `pod-uid/app/crash/${restart}`,
  code: 'process-crashing',
  message: `container app crashed (restart ${restart})`,
  object: 'Pod/web-1',
  container: 'app',
});

describe('FailureLedger', () => {
  it('counts a failure re-reported on many pod updates once', () => {
    const ledger = new FailureLedger(1, 0);
    for (let t = 0; t < 5; t++) ledger.observe([crash(1)], t);
    expect(ledger.count).toBe(1);
  });

  it('counts each new crash, and fails once the allowance is used up', () => {
    const ledger = new FailureLedger(1, 0);
    const first = ledger.observe([crash(1)], 0);
    expect(first.newlyCounted).toHaveLength(1);
    expect(first.decisive).toBeUndefined();
    const second = ledger.observe([crash(2)], 1);
    expect(second.decisive?.id).toBe(crash(2).id);
    expect(ledger.count).toBe(2);
  });

  it('fails on a permanent failure without using the allowance', () => {
    const ledger = new FailureLedger(5, 0);
    const update = ledger.observe([{ ...crash(0), id: 'img', code: 'invalid-config', permanent: true }], 0);
    expect(update.decisive?.code).toBe('invalid-config');
  });

  it('counts a failure only after it persisted for failureThreshold', () => {
    const ledger = new FailureLedger(0, 10_000);
    const early = ledger.observe([crash(1)], 1_000);
    expect(early.decisive).toBeUndefined();
    expect(early.recheckAt).toBe(11_000);
    expect(ledger.observe([crash(1)], 5_000).decisive).toBeUndefined();
    expect(ledger.observe([crash(1)], 11_000).decisive?.id).toBe(crash(1).id);
  });

  it('forgets a failure that cleared before its threshold', () => {
    const ledger = new FailureLedger(0, 10_000);
    ledger.observe([crash(1)], 0);
    ledger.observe([], 5_000);
    const again = ledger.observe([crash(1)], 6_000);
    expect(again.recheckAt).toBe(16_000);
    expect(ledger.observe([crash(1)], 12_000).decisive).toBeUndefined();
  });
});
