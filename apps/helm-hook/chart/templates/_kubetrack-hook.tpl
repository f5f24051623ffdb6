{{/* Name of every kubetrack hook object of this release. */}}
{{- define "kubetrackHook.name" -}}
{{- printf "%s-kubetrack" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The least that tracks the kinds below: kubetrack lists and watches what it tracks and what explains
it (ReplicaSets, Pods, Events, a Service's EndpointSlices) and reads pod logs; it never gets them one
by one, and writes nothing. helm-hook-rbac.e2e.test.ts removes each verb in turn and shows the hook
then fails naming it. Shared with helm-hook.e2e.test.ts, which renders these rules for a ServiceAccount.
*/}}
{{- define "kubetrackHook.rules" -}}
- apiGroups: ["apps"]
  resources: ["deployments", "statefulsets", "daemonsets", "replicasets"]
  verbs: ["list", "watch"]
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["list", "watch"]
- apiGroups: [""]
  resources: ["pods", "events", "services"]
  verbs: ["list", "watch"]
- apiGroups: [""]
  resources: ["pods/log"]
  verbs: ["get"]
- apiGroups: ["discovery.k8s.io"]
  resources: ["endpointslices"]
  verbs: ["list", "watch"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses"]
  verbs: ["list", "watch"]
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["list", "watch"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["list", "watch"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["list", "watch"]
- apiGroups: ["flagger.app"]
  resources: ["canaries"]
  verbs: ["list", "watch"]
{{- end -}}

{{/*
The cluster-scoped kinds kubetrack reads (only with clusterRead: a Role cannot grant them): the
StorageClass a pending PVC waits on, and a release's CRDs and APIServices.
*/}}
{{- define "kubetrackHook.clusterRules" -}}
- apiGroups: ["storage.k8s.io"]
  resources: ["storageclasses"]
  verbs: ["list", "watch"]
- apiGroups: ["apiextensions.k8s.io"]
  resources: ["customresourcedefinitions"]
  verbs: ["list", "watch"]
- apiGroups: ["apiregistration.k8s.io"]
  resources: ["apiservices"]
  verbs: ["list", "watch"]
{{- end -}}

{{- define "kubetrackHook.annotations" -}}
helm.sh/hook: post-install,post-upgrade
helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
{{- end -}}
