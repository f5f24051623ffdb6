export { applyManifests, deleteManifests } from './apply-manifests.js';
export {
  restartClusterComponent,
  startStoppedClusterComponents,
  stopClusterComponent,
  waitForControllersToCatchUp,
  type ClusterComponent,
} from './cluster-components.js';
export { e2eTest, type E2eFixtures } from './e2e-test.js';
export { listEvents, waitForEvent, type EventMatch } from './events.js';
export { clusterKubeconfigPath, kubeClients, type KubeClients } from './kube-clients.js';
export { podBehaviors, podBehaviorAnnotations, type PodBehavior, type PodBehaviorOptions } from './pod-behavior.js';
export { podLogFiles, type ContainerRunLog } from './pod-log-files.js';
export { followPodLog, readPodLog, type FollowedLog, type PodLogOptions } from './pod-logs.js';
export { podTemplate, type PodTemplateOptions } from './pod-template.js';
export { containerStatus, listPods, podCondition, waitForPod } from './pods.js';
export { KUBETRACK_BUNDLE, runKubetrack, startKubetrack, type KubetrackResult, type RunKubetrackOptions } from './run-kubetrack.js';
export { serviceAccountKubeconfig } from './service-account-kubeconfig.js';
export { createTestNamespace, deleteTestNamespace, testNamespaceLabel, withNamespace } from './test-namespace.js';
export { waitFor, type WaitOptions } from './wait-for.js';
export {
  daemonSetManifest,
  deploymentManifest,
  jobManifest,
  podManifest,
  resourceQuotaManifest,
  statefulSetManifest,
  type WorkloadOptions,
} from './workload-manifests.js';
export { helmBinary, runHelm, SHOP_CHART, type HelmResult } from './helm.js';
