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
{{- end -}}

{{- define "kubetrackHook.annotations" -}}
helm.sh/hook: post-install,post-upgrade
helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
{{- end -}}
