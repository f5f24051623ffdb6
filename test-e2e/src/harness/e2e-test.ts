import { test } from 'vitest';
import { kubeClients, type KubeClients } from './kube-clients.js';
import { createTestNamespace, deleteTestNamespace } from './test-namespace.js';

export interface E2eFixtures {
  /** a fresh namespace for this test, deleted after it */
  namespace: string;
  /** API clients for the test cluster */
  kube: KubeClients;
}

/** vitest's `test` with the e2e fixtures: `e2eTest('...', async ({ namespace, kube }) => ...)` */
export const e2eTest = test.extend<E2eFixtures>({
  // vitest reads a fixture's dependencies from the destructuring pattern of its first parameter, hence {}
  kube: async ({}, use) => {
    await use(kubeClients());
  },
  namespace: async ({ task }, use) => {
    const namespace = await createTestNamespace(task.name);
    try {
      await use(namespace);
    } finally {
      await deleteTestNamespace(namespace);
    }
  },
});
