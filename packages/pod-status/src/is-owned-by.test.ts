import { describe, expect, it } from 'vitest';
import { isOwnedBy } from './is-owned-by.js';

const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-6f7c9d8b5', uid: 'rs-uid' };

describe('isOwnedBy', () => {
  it('accepts the controller owner', () => {
    expect(isOwnedBy({ metadata: { ownerReferences: [{ ...owner, controller: true }] } }, 'rs-uid')).toBe(true);
  });
  it('rejects an object owned by someone else (a label-selector overlap)', () => {
    expect(isOwnedBy({ metadata: { ownerReferences: [{ ...owner, uid: 'other', controller: true }] } }, 'rs-uid')).toBe(false);
  });
  it('rejects an orphan', () => {
    expect(isOwnedBy({ metadata: {} }, 'rs-uid')).toBe(false);
  });
  it('rejects a non-controller owner reference', () => {
    expect(isOwnedBy({ metadata: { ownerReferences: [{ ...owner, controller: false }] } }, 'rs-uid')).toBe(false);
  });
});
