export { applyManifests } from './apply-manifests.js';
export { restartClusterComponent, waitForControllersToCatchUp } from './cluster-components.js';
export { e2eTest } from './e2e-test.js';
export { waitForEvent } from './events.js';
export { clusterKubeconfigPath, kubeClients } from './kube-clients.js';
export { podLogFiles } from './pod-log-files.js';
export { followPodLog, readPodLog } from './pod-logs.js';
export { containerStatus, listPods, podCondition, waitForPod } from './pods.js';
export { KUBETRACK_BUNDLE, runKubetrack, startKubetrack, type KubetrackResult, type RunKubetrackOptions } from './run-kubetrack.js';
export { serviceAccountKubeconfig } from './service-account-kubeconfig.js';
export { withNamespace } from './test-namespace.js';
export { waitFor } from './wait-for.js';
export {
  daemonSetManifest,
  deploymentManifest,
  jobManifest,
  podManifest,
  resourceQuotaManifest,
  statefulSetManifest,
} from './workload-manifests.js';
export { chartWithHook, HOOK_CHART, HOOK_VALUES, runHelm, SHOP_CHART } from './helm.js';
