import { CoreV1Api, KubeConfig, type V1Deployment, type V1Job, type V1ReplicaSet } from '@kubernetes/client-node';
import { describe, expect } from 'vitest';
import {
  applyManifests,
  containerStatus,
  daemonSetManifest,
  deploymentManifest,
  e2eTest as test,
  followPodLog,
  jobManifest,
  listPods,
  podCondition,
  podManifest,
  readPodLog,
  resourceQuotaManifest,
  serviceAccountKubeconfig,
  statefulSetManifest,
  waitFor,
  waitForEvent,
  waitForPod,
} from './index.js';

// Proves that the local cluster behaves like a real one for each pod behaviour annotation.
describe.concurrent('local cluster', () => {
  test('a 2-replica Deployment of ready pods becomes available', async ({ namespace, kube }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'web', replicas: 2 }));
    const deployment = await waitFor(
      async () => {
        const d: V1Deployment = await kube.apps.readNamespacedDeployment({ name: 'web', namespace });
        return d.status?.availableReplicas === 2 ? d : undefined;
      },
      { description: 'web to have 2 available replicas' },
    );
    expect(deployment.status?.conditions?.find((c) => c.type === 'Available')?.status).toBe('True');
    const pods = await listPods(namespace, 'app=web');
    expect(pods.map((pod) => [pod.status?.phase, podCondition(pod, 'Ready')?.status])).toEqual([
      ['Running', 'True'],
      ['Running', 'True'],
    ]);
    expect(new Set(pods.map((pod) => pod.spec?.nodeName)).size).toBeGreaterThanOrEqual(1);
  });

  test('StatefulSet and DaemonSet pods come up on the kwok nodes', async ({ namespace, kube }) => {
    await applyManifests(namespace, [statefulSetManifest({ name: 'db', replicas: 2 }), daemonSetManifest({ name: 'agent' })]);
    await waitFor(async () => (await kube.apps.readNamespacedStatefulSet({ name: 'db', namespace })).status?.readyReplicas === 2, {
      description: 'db to have 2 ready replicas',
    });
    const agent = await waitFor(
      async () => {
        const ds = await kube.apps.readNamespacedDaemonSet({ name: 'agent', namespace });
        return ds.status?.numberReady === 3 ? ds : undefined;
      },
      { description: 'agent ready on 3 nodes' },
    );
    expect(agent.status?.desiredNumberScheduled).toBe(3);
  });

  test('ready-after delays readiness; init containers complete before the app starts', async ({ namespace }) => {
    await applyManifests(
      namespace,
      podManifest({ name: 'slow', readyAfter: '3s', initContainers: [{ name: 'migrate', image: 'busybox:1.36' }] }),
    );
    const running = await waitForPod(namespace, (pod) => pod.status?.phase === 'Running', { description: 'slow running' });
    expect(podCondition(running, 'Ready')?.status).toBe('False');
    expect(running.status?.initContainerStatuses?.[0]?.state?.terminated?.reason).toBe('Completed');
    const startedAt = Date.parse(containerStatus(running)?.state?.running?.startedAt?.toString() ?? '');
    const ready = await waitForPod(namespace, (pod) => podCondition(pod, 'Ready')?.status === 'True', { description: 'slow ready' });
    const readyAt = Date.parse(podCondition(ready, 'Ready')?.lastTransitionTime?.toString() ?? '');
    expect(readyAt - startedAt).toBeGreaterThanOrEqual(2000);
  });

  test('never-ready pods run but stay unready, with Unhealthy events', async ({ namespace }) => {
    await applyManifests(namespace, podManifest({ name: 'stuck', behavior: 'never-ready' }));
    await waitForEvent(namespace, { type: 'Warning', reason: 'Unhealthy', name: 'stuck' });
    await new Promise((resolve) => setTimeout(resolve, 2000)); // past the default ready-after of 1s
    const [pod] = await listPods(namespace);
    expect(pod?.status?.phase).toBe('Running');
    expect(podCondition(pod!, 'Ready')?.status).toBe('False');
  });

  test('image-pull-error pods go ErrImagePull then ImagePullBackOff, with Failed events', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'bad-image', behavior: 'image-pull-error', image: 'registry.example/nope:1' }));
    const seen = new Set<string>();
    await waitFor(
      async () => {
        for (const pod of await listPods(namespace)) {
          const reason = containerStatus(pod)?.state?.waiting?.reason;
          if (reason) seen.add(reason);
        }
        return seen.has('ErrImagePull') && seen.has('ImagePullBackOff');
      },
      { description: 'ErrImagePull and ImagePullBackOff', intervalMs: 50 },
    );
    const pod = (await listPods(namespace))[0]!;
    expect(pod.status?.phase).toBe('Pending');
    expect(containerStatus(pod)?.state?.waiting?.message).toContain('failed to pull and unpack image "registry.example/nope:1"');
    const failed = await waitForEvent(namespace, { type: 'Warning', reason: 'Failed', name: 'bad-image-*', messageIncludes: 'Failed to pull image' });
    expect(failed.source?.component).toBe('kubelet');
    expect(failed.involvedObject.fieldPath).toBe('spec.containers{app}');
    await waitForEvent(namespace, { type: 'Warning', reason: 'Failed', messageIncludes: 'Error: ImagePullBackOff' });
  });

  test('crashloop containers restart with a climbing restartCount and BackOff events', async ({ namespace }) => {
    await applyManifests(namespace, deploymentManifest({ name: 'crasher', behavior: 'crashloop' }));
    // a running third run: its containerID is new, lastState holds the second run
    const pod = await waitForPod(
      namespace,
      (p) => (containerStatus(p)?.restartCount ?? 0) >= 2 && containerStatus(p)?.state?.running !== undefined,
      { description: 'restartCount >= 2 and running', timeoutMs: 30_000 },
    );
    const last = containerStatus(pod)?.lastState?.terminated;
    expect(last).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(last?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(last?.containerID).not.toBe(containerStatus(pod)?.containerID);
    await waitForPod(namespace, (p) => containerStatus(p)?.state?.waiting?.reason === 'CrashLoopBackOff', {
      description: 'CrashLoopBackOff',
    });
    const backOff = await waitForEvent(namespace, { type: 'Warning', reason: 'BackOff', name: 'crasher-*' });
    expect(backOff.message).toMatch(/^Back-off restarting failed container app in pod crasher-/);
  });

  test('oom-killed containers terminate with OOMKilled and exit code 137', async ({ namespace }) => {
    await applyManifests(namespace, podManifest({ name: 'hog', behavior: 'oom-killed' }));
    const pod = await waitForPod(namespace, (p) => containerStatus(p)?.lastState?.terminated !== undefined, {
      description: 'a terminated run of hog',
    });
    expect(containerStatus(pod)?.lastState?.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
  });

  test('config-error containers wait in CreateContainerConfigError naming the missing secret', async ({ namespace }) => {
    await applyManifests(
      namespace,
      podManifest({
        name: 'misconfigured',
        behavior: 'config-error',
        containers: [{ name: 'app', image: 'nginx:1.27', envFrom: [{ secretRef: { name: 'db-credentials' } }] }],
      }),
    );
    const pod = await waitForPod(namespace, (p) => containerStatus(p)?.state?.waiting !== undefined, { description: 'waiting' });
    expect(containerStatus(pod)?.state?.waiting).toMatchObject({
      reason: 'CreateContainerConfigError',
      message: 'secret "db-credentials" not found',
    });
    await waitForEvent(namespace, { type: 'Warning', reason: 'Failed', messageIncludes: 'Error: secret "db-credentials" not found' });
  });

  test('a Job of succeeding pods completes; a failing one with backoffLimit 0 fails', async ({ namespace, kube }) => {
    await applyManifests(namespace, [
      jobManifest({ name: 'migrate', runFor: '1s' }),
      jobManifest({ name: 'broken', behavior: 'fail', runFor: '1s' }),
    ]);
    const condition = async (name: string, type: string) => {
      const job: V1Job = await kube.batch.readNamespacedJob({ name, namespace });
      return job.status?.conditions?.find((c) => c.type === type && c.status === 'True');
    };
    await waitFor(() => condition('migrate', 'Complete'), { description: 'migrate Complete=True' });
    const failed = await waitFor(() => condition('broken', 'Failed'), { description: 'broken Failed=True' });
    expect(failed.reason).toBe('BackoffLimitExceeded');
    const [brokenPod] = await listPods(namespace, 'job-name=broken');
    expect(brokenPod?.status?.phase).toBe('Failed');
    expect(containerStatus(brokenPod!)?.state?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  test('a ResourceQuota blocks pod creation: ReplicaFailure and FailedCreate', async ({ namespace, kube }) => {
    await applyManifests(namespace, resourceQuotaManifest('pods', { pods: '1' }));
    // the quota controller must have computed usage before admission enforces it
    await waitFor(async () => (await kube.core.readNamespacedResourceQuota({ name: 'pods', namespace })).status?.used !== undefined, {
      description: 'quota usage',
    });
    await applyManifests(namespace, deploymentManifest({ name: 'big', replicas: 3 }));
    const event = await waitForEvent(namespace, { type: 'Warning', reason: 'FailedCreate', kind: 'ReplicaSet' });
    expect(event.message).toContain('exceeded quota');
    const replicaSet = await waitFor(
      async () => {
        const { items } = await kube.apps.listNamespacedReplicaSet({ namespace });
        return items.find((rs: V1ReplicaSet) => rs.status?.conditions?.some((c) => c.type === 'ReplicaFailure' && c.status === 'True'));
      },
      { description: 'ReplicaFailure=True' },
    );
    expect(replicaSet.status?.conditions?.find((c) => c.type === 'ReplicaFailure')?.reason).toBe('FailedCreate');
  });

  test('a nodeSelector that matches no node gives FailedScheduling', async ({ namespace }) => {
    await applyManifests(namespace, podManifest({ name: 'homeless', nodeSelector: { disk: 'ssd' } }));
    const event = await waitForEvent(namespace, { type: 'Warning', reason: 'FailedScheduling', name: 'homeless' });
    expect(event.message).toContain("didn't match Pod's node affinity/selector");
  });

  test('pods/log returns the annotation lines, follows a running container to its end, and serves previous', async ({ namespace }) => {
    await applyManifests(namespace, podManifest({ name: 'talker', behavior: 'crashloop', runFor: '3s', logs: ['connecting to db', 'db ready'] }));
    await waitForPod(namespace, (p) => containerStatus(p)?.state?.running !== undefined, { description: 'talker running' });

    const followed = await followPodLog(namespace, 'talker', 'app', { timestamps: true });
    await followed.ended; // the container crashes after 3s, which ends the stream as a kubelet would
    expect(followed.lines.map((line) => line.replace(/^\S+ /, ''))).toEqual(['connecting to db', 'db ready', 'panic: simulated crash']);
    const [firstStamp, , crashStamp] = followed.lines.map((line) => Date.parse(line.split(' ')[0] ?? ''));
    expect(crashStamp! - firstStamp!).toBeGreaterThanOrEqual(2000);

    // after the restart: the current run printed its own lines again, previous is the crashed run
    const restarted = await waitForPod(namespace, (p) => (containerStatus(p)?.restartCount ?? 0) >= 1 && containerStatus(p)?.state?.running !== undefined, {
      description: 'talker restarted',
    });
    const current = await readPodLog(namespace, 'talker', { container: 'app', timestamps: true });
    const previous = await readPodLog(namespace, 'talker', { container: 'app', previous: true, timestamps: true });
    expect(previous).toEqual(followed.lines);
    expect(current.map((line) => line.replace(/^\S+ /, ''))).toEqual(['connecting to db', 'db ready']);
    const restartedAt = Date.parse(containerStatus(restarted)?.state?.running?.startedAt?.toString() ?? '');
    expect(Date.parse(current[0]?.split(' ')[0] ?? '')).toBeGreaterThanOrEqual(restartedAt);
  });

  test('logs of a container that has not started are refused as by a kubelet', async ({ namespace }) => {
    await applyManifests(namespace, podManifest({ name: 'nopull', behavior: 'image-pull-error' }));
    await waitForPod(namespace, (p) => containerStatus(p)?.state?.waiting !== undefined, { description: 'nopull waiting' });
    await expect(readPodLog(namespace, 'nopull')).rejects.toMatchObject({ code: 400 });
  });

  test('RBAC is enforced: a ServiceAccount without rules is forbidden', async ({ namespace }) => {
    const kubeconfig = await serviceAccountKubeconfig(namespace, 'nobody');
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    await expect(kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace })).rejects.toMatchObject({ code: 403 });
  });
});
