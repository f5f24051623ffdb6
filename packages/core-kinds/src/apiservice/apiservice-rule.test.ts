import { describe } from 'vitest';
import { testVerdictFixtures } from '@kubetrack/plugin-testing';
import { coreKinds } from '../core-kinds-plugin.js';

describe('apiservice readiness (fixtures)', () => {
  testVerdictFixtures(coreKinds(), new URL('./fixtures/', import.meta.url));
});
