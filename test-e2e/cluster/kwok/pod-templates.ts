/**
 * Go-template fragments shared by the pod stages. kwok renders them with sprig and its own
 * helpers (Now, Quote, NodeIPsWith, PodIPsWith) over the pod as JSON (numbers are json.Number).
 * Lists of container statuses are written whole: they are atomic in a strategic-merge patch.
 */

/** variables every pod template starts with: $now, $root, $behavior, $unready (a condition message) */
export const podPrelude = `
{{ $now := Now }}
{{ $root := . }}
{{ $isJob := false }}
{{ range .metadata.ownerReferences }}{{ if eq .kind "Job" }}{{ $isJob = true }}{{ end }}{{ end }}
{{ $behavior := default (ternary "succeed" "ready" $isJob) (index (or .metadata.annotations dict) "kubetrack.test/behavior") }}
{{ $names := list }}
{{ range .spec.containers }}{{ $names = append $names .name }}{{ end }}
{{ $unready := printf "containers with unready status: [%s]" (join " " $names) }}
`;

/**
 * One entry of status.conditions. lastTransitionTime only moves when the status changes, and
 * reason/message set to nil are removed by the merge patch, as the kubelet clears them.
 */
export function condition(type: string, status: string, reason = 'nil', message = 'nil'): string {
  return `
{{ $ltt := $now }}
{{ range $root.status.conditions }}{{ if and (eq .type "${type}") (eq .status ${status}) }}{{ $ltt = .lastTransitionTime }}{{ end }}{{ end }}
- {{ toJson (dict "type" "${type}" "status" ${status} "reason" ${reason} "message" ${message} "lastProbeTime" nil "lastTransitionTime" $ltt) }}`;
}

/** a container instance id that changes with every restart, as a runtime's would */
export function containerId(name: string, restartCount: string): string {
  return `(printf "containerd://%s" (sha256sum (printf "%s/%s/%v" $root.metadata.uid ${name} ${restartCount})))`;
}

export function imageId(image: string): string {
  return `(printf "%s@sha256:%s" ${image} (sha256sum ${image}))`;
}

/** hostIP/podIP/startTime, set once when the kubelet first reports the pod (as kwok's pod-ready does) */
export const podAddresses = `
{{ if not .status.podIP }}
{{ $hostIPs := NodeIPsWith .spec.nodeName }}
{{ with $hostIPs }}
hostIP: {{ index . 0 | Quote }}
hostIPs:
{{ range . }}
- ip: {{ . | Quote }}
{{ end }}
{{ end }}
{{ $podIPs := PodIPsWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
{{ with $podIPs }}
podIP: {{ index . 0 | Quote }}
podIPs:
{{ range . }}
- ip: {{ . | Quote }}
{{ end }}
{{ end }}
{{ end }}
{{ if not .status.startTime }}
startTime: {{ $now | Quote }}
{{ end }}
`;

/** sets $missing to the message of the kubelet's CreateContainerConfigError for container $c */
export const missingConfigOf = (container: string): string => `
{{ $missing := printf "secret %q not found" (printf "%s-config" ${container}.name) }}
{{ range ${container}.envFrom }}{{ with .configMapRef }}{{ $missing = printf "configmap %q not found" .name }}{{ end }}{{ end }}
{{ range ${container}.env }}{{ with .valueFrom }}{{ with .configMapKeyRef }}{{ $missing = printf "configmap %q not found" .name }}{{ end }}{{ end }}{{ end }}
{{ range ${container}.envFrom }}{{ with .secretRef }}{{ $missing = printf "secret %q not found" .name }}{{ end }}{{ end }}
{{ range ${container}.env }}{{ with .valueFrom }}{{ with .secretKeyRef }}{{ $missing = printf "secret %q not found" .name }}{{ end }}{{ end }}{{ end }}
`;

/**
 * A pod whose containers all wait with one reason (ErrImagePull, CreateContainerConfigError…):
 * `message` is a template expression of the container's image; `setup` is a template line run
 * per container first (it may define variables the message uses).
 */
export const waitingStatus = (reason: string, message: (image: string) => string, setup?: string) => `${podPrelude}
${podAddresses}
containerStatuses:
{{ range $c := .spec.containers }}
${setup === undefined ? '' : `${setup}\n`}- {{ toJson (dict "name" $c.name "image" $c.image "imageID" "" "ready" false "started" false "restartCount" 0 "state" (dict "waiting" (dict "reason" "${reason}" "message" ${message('$c.image')}))) }}
{{ end }}
conditions:
${condition('PodReadyToStartContainers', '"True"')}
${condition('Initialized', '"True"')}
${condition('ContainersReady', '"False"', '"ContainersNotReady"', '$unready')}
${condition('Ready', '"False"', '"ContainersNotReady"', '$unready')}
`;
