{{/* Name of every kubetrack hook object of this release. */}}
{{- define "kubetrackHook.name" -}}
{{- printf "%s-kubetrack" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The exact permissions kubetrack needs to track this release: get/list/watch on the tracked kinds and
on what explains them (ReplicaSets, Pods, pod logs, Events). Nothing else: no create/update/delete.
Shared with the e2e test, which renders these rules into a Role for a real ServiceAccount.
*/}}
{{- define "kubetrackHook.rules" -}}
- apiGroups: ["apps"]
  resources: ["deployments", "statefulsets", "daemonsets", "replicasets"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["pods", "pods/log", "events"]
  verbs: ["get", "list", "watch"]
{{- end -}}

{{- define "kubetrackHook.annotations" -}}
helm.sh/hook: post-install,post-upgrade
helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
{{- end -}}
