import { stage } from './stage.ts';
import { initContainersDone, notDeleting, phaseIs } from './pod-queries.ts';
import { condition, containerId, imageId, podAddresses, podPrelude } from './pod-templates.ts';

/**
 * Runs init containers one at a time, like the kubelet: each pass completes the running one and
 * starts the next. A sidecar (restartPolicy Always) counts as done once it runs, and keeps running.
 * Main containers wait in PodInitializing meanwhile.
 */
export const initContainersStage = stage({
  name: 'pod-init-containers',
  kind: 'Pod',
  when: [notDeleting, phaseIs('Pending'), '(.spec.initContainers // []) | length > 0', `(${initContainersDone}) | not`],
  delay: { defaultMs: 300 },
  status: `${podPrelude}
{{ $startNext := true }}
{{ $incomplete := list }}
${podAddresses}
initContainerStatuses:
{{ range $c := .spec.initContainers }}
{{ $o := dict }}
{{ range $root.status.initContainerStatuses }}{{ if eq .name $c.name }}{{ $o = . }}{{ end }}{{ end }}
{{ $state := dig "state" dict $o }}
{{ $sidecar := eq (toString (default "" $c.restartPolicy)) "Always" }}
{{ $id := ${containerId('$c.name', '0')} }}
{{ if or (hasKey $state "terminated") (and $sidecar (hasKey $state "running")) }}
- {{ toJson $o }}
{{ else if and $startNext (hasKey $state "running") }}
- {{ toJson (dict "name" $c.name "image" $c.image "imageID" ${imageId('$c.image')} "containerID" $id "ready" false "started" false "restartCount" 0 "state" (dict "terminated" (dict "exitCode" 0 "reason" "Completed" "startedAt" $state.running.startedAt "finishedAt" $now "containerID" $id))) }}
{{ else if $startNext }}
{{ $startNext = false }}
{{ if not $sidecar }}{{ $incomplete = append $incomplete $c.name }}{{ end }}
- {{ toJson (dict "name" $c.name "image" $c.image "imageID" ${imageId('$c.image')} "containerID" $id "ready" $sidecar "started" true "restartCount" 0 "state" (dict "running" (dict "startedAt" $now))) }}
{{ else }}
{{ $incomplete = append $incomplete $c.name }}
- {{ toJson (dict "name" $c.name "image" $c.image "imageID" "" "ready" false "started" false "restartCount" 0 "state" (dict "waiting" (dict "reason" "PodInitializing"))) }}
{{ end }}
{{ end }}
containerStatuses:
{{ range $c := .spec.containers }}
- {{ toJson (dict "name" $c.name "image" $c.image "imageID" "" "ready" false "started" false "restartCount" 0 "state" (dict "waiting" (dict "reason" "PodInitializing"))) }}
{{ end }}
conditions:
${condition('PodReadyToStartContainers', '"True"')}
${condition('Initialized', '(ternary "True" "False" (empty $incomplete))', '(ternary nil "ContainersNotInitialized" (empty $incomplete))', '(ternary nil (printf "containers with incomplete status: [%s]" (join " " $incomplete)) (empty $incomplete))')}
${condition('ContainersReady', '"False"', '"ContainersNotReady"', '$unready')}
${condition('Ready', '"False"', '"ContainersNotReady"', '$unready')}
`,
});
