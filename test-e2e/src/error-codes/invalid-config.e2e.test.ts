import { describe, expect } from 'vitest';
import { applyManifests, deploymentManifest, e2eTest } from '../harness/index.js';
import { expectRolloutFailure, trackJson } from './helpers.js';

describe('invalid-config', () => {
  e2eTest('an image that cannot be pulled fails fast, naming the pod, container and image', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'web', behavior: 'image-pull-error', image: 'registry.example/nope:1.0' }));
    const result = await trackJson(['track', 'deploy/web', '-n', namespace, '--timeout', '30s']);
    expectRolloutFailure(result, 'invalid-config', `apps/v1/Deployment/${namespace}/web`);
    const { resource } = result;
    expect(resource.status).toBe('failed');
    expect(resource.message).toMatch(/pod\/web-[a-z0-9]+-[a-z0-9]+/);
    expect(resource.message).toContain('container "app"');
    expect(resource.message).toMatch(/ErrImagePull|ImagePullBackOff|pull/);
    expect(resource.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Warning', reason: 'Failed', object: expect.stringMatching(/^Pod\/web-/) }),
      ]),
    );
    expect(resource.events.some((e) => e.message.includes('registry.example/nope:1.0'))).toBe(true);
    // what to do next: the tag to check, and the command that shows more
    expect(resource.hint).toContain('"registry.example/nope:1.0"');
    expect(resource.hint).toMatch(new RegExp(`kubectl describe pod web-[a-z0-9]+-[a-z0-9]+ -n ${namespace}`));
  });

  e2eTest('a missing Secret (CreateContainerConfigError) fails fast, naming the Secret', async ({ namespace }) => {
    await applyManifests(
      namespace,
      deploymentManifest({
        name: 'api',
        behavior: 'config-error',
        containers: [
          { name: 'app', image: 'nginx:1.27', env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api-token', key: 'token' } } }] },
        ],
      }),
    );
    const result = await trackJson(['track', 'deploy/api', '-n', namespace, '--timeout', '30s']);
    expectRolloutFailure(result, 'invalid-config', `apps/v1/Deployment/${namespace}/api`);
    const { resource } = result;
    expect(resource.message).toMatch(/pod\/api-[a-z0-9]+-[a-z0-9]+/);
    expect(resource.message).toContain('container "app"');
    expect(resource.message).toMatch(/CreateContainerConfigError|secret "api-token" not found/);
    expect(resource.message + JSON.stringify(resource.events)).toContain('secret "api-token" not found');
    expect(resource.hint).toContain(`create Secret "api-token" in namespace ${namespace}`);
    expect(resource.hint).toContain(`kubectl get secret api-token -n ${namespace}`);
    expect(resource.events).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'Warning', reason: 'Failed', object: expect.stringMatching(/^Pod\/api-/) })]),
    );
  });
});
