import { describe, expect, it } from 'vitest';
import { isSameInstance } from './container-instance.js';

describe('isSameInstance', () => {
  it('goes by container id when both have one, whatever the restart counts say', () => {
    expect(isSameInstance({ containerId: 'containerd://a', restartCount: 0 }, { containerId: 'containerd://a', restartCount: 1 })).toBe(true);
    expect(isSameInstance({ containerId: 'containerd://a', restartCount: 1 }, { containerId: 'containerd://b', restartCount: 1 })).toBe(false);
  });

  it('falls back to the restart count when an id is missing', () => {
    expect(isSameInstance({ restartCount: 2 }, { containerId: 'containerd://a', restartCount: 2 })).toBe(true);
    expect(isSameInstance({ restartCount: 2 }, { restartCount: 3 })).toBe(false);
  });
});
