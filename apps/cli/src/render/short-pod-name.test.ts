import { describe, expect, it } from 'vitest';
import { shortPodName } from './short-pod-name.js';

describe('shortPodName', () => {
  it.each([
    ['web-6f7c9d8b5-x2k4q', 'web-x2k4q'],
    ['my-api-server-5c8d7b9f4d-hz2wq', 'my-api-server-hz2wq'],
    ['db-0', 'db-0'],
    ['migrate-x7k2p', 'migrate-x7k2p'],
    ['agent-node-exporter', 'agent-node-exporter'],
    ['front-backend-queue', 'front-backend-queue'],
  ])('%s → %s', (pod, short) => {
    expect(shortPodName(pod)).toBe(short);
  });
});
