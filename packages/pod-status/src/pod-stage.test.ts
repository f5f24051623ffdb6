import { describe, expect, it } from 'vitest';
import { podStage } from './pod-stage.js';

describe('podStage', () => {
  it.each([
    ['Pending', '0/1', 'scheduling'],
    ['SchedulingGated', '0/1', 'scheduling'],
    ['ContainerCreating', '0/1', 'creating'],
    ['Init:0/2', '0/1', 'creating'],
    ['PodInitializing', '0/1', 'creating'],
    ['ErrImagePull', '0/1', 'pulling'],
    ['ImagePullBackOff', '0/1', 'pulling'],
    ['CrashLoopBackOff', '0/1', 'failed'],
    ['OOMKilled', '0/1', 'failed'],
    ['CreateContainerConfigError', '0/1', 'failed'],
    ['Running', '0/1', 'running'],
    ['Running', '2/2', 'ready'],
    ['NotReady', '1/2', 'running'],
    ['Completed', '0/1', 'completed'],
    ['Terminating', '1/1', 'terminating'],
    ['SomethingNew', '0/1', 'running'],
  ] as const)('%s with %s ready is %s', (status, ready, stage) => {
    expect(podStage(status, ready)).toBe(stage);
  });
});
