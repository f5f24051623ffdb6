import { describe } from 'vitest';
import { testVerdictFixtures } from '@kubetrack/plugin-testing';
import { workloads } from '../workloads-plugin.js';

describe('Deployment readiness (fixtures)', () => {
  testVerdictFixtures(workloads(), new URL('./fixtures/', import.meta.url));
});
