import { stage } from './stage.ts';
import { podEvent } from './pod-event.ts';
import { allContainers, anyContainerWaiting, notDeleting, phaseIs } from './pod-queries.ts';
import { containerId, podPrelude } from './pod-templates.ts';

// The kubelet backs off 10s, 20s, 40s ... up to 5m; here 1s, 2s, then 4s so tests stay fast.
const backOffByRestarts = 'if $n == 0 then "1s" elif $n == 1 then "2s" else "4s" end';

/** exited containers of a pod that restarts them wait in CrashLoopBackOff, with a BackOff event */
export const containerBackOffStage = stage({
  name: 'container-back-off',
  kind: 'Pod',
  when: [notDeleting, phaseIs('Running'), allContainers('terminated')],
  delay: { defaultMs: 200 },
  status: `${podPrelude}
containerStatuses:
{{ range .status.containerStatuses }}
{{ $backOff := index (list "1s" "2s" "4s") (min (int .restartCount) 2) }}
{{ $s := deepCopy . }}
{{ $_ := set $s "lastState" (dict "terminated" .state.terminated) }}
{{ $_ := set $s "state" (dict "waiting" (dict "reason" "CrashLoopBackOff" "message" (printf "back-off %s restarting failed container=%s pod=%s_%s(%s)" $backOff .name $root.metadata.name $root.metadata.namespace $root.metadata.uid))) }}
- {{ toJson $s }}
{{ end }}
`,
  creates: [
    podEvent({
      type: 'Warning',
      reason: 'BackOff',
      message:
        'printf "Back-off restarting failed container %s in pod %s_%s(%s)" $c.name .metadata.name .metadata.namespace .metadata.uid',
    }),
  ],
});

/** after the back-off the containers start again: restartCount + 1, a new containerID */
export const containerRestartStage = stage({
  name: 'container-restart',
  kind: 'Pod',
  when: [notDeleting, phaseIs('Running'), anyContainerWaiting('CrashLoopBackOff')],
  delay: { defaultMs: 4000, fromJq: `(.status.containerStatuses[0].restartCount // 0) as $n | ${backOffByRestarts}` },
  status: `${podPrelude}
containerStatuses:
{{ range .status.containerStatuses }}
{{ $n := add1 (int .restartCount) }}
{{ $s := deepCopy . }}
{{ $_ := set $s "restartCount" $n }}
{{ $_ := set $s "containerID" ${containerId('.name', '$n')} }}
{{ $_ := set $s "started" true }}
{{ $_ := set $s "state" (dict "running" (dict "startedAt" $now)) }}
- {{ toJson $s }}
{{ end }}
`,
});
