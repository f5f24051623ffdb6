import { stage } from './stage.ts';
import { allContainers, behavior, behaviorIn, crashesLeft, notDeleting, phaseIs } from './pod-queries.ts';
import { condition, podPrelude } from './pod-templates.ts';

const exiting = ['crashloop', 'oom-killed', 'succeed', 'fail'] as const;

/**
 * The containers exit after `kubetrack.test/run-for` (default 1s for crashloop/oom-killed, 2s for
 * Job pods): crashloop → exit 1 (Error), oom-killed → 137 (OOMKilled), fail → 1 (Error),
 * succeed → 0 (Completed). The restart policy decides what follows, as in the kubelet: Never (or
 * a clean exit under OnFailure) ends the pod (Failed/Succeeded); otherwise it stays Running and
 * container-back-off takes over. `kubetrack.test/crash-times: N` stops the crashing after N exits
 * (a dependency that came up late); container-ready then takes over.
 */
export const containerExitStage = stage({
  name: 'container-exit',
  kind: 'Pod',
  when: [notDeleting, phaseIs('Running'), allContainers('running'), behaviorIn(...exiting), crashesLeft],
  delay: {
    defaultMs: 2000,
    fromJq: `.metadata.annotations["kubetrack.test/run-for"] // (if (${behavior} | . == "crashloop" or . == "oom-killed") then "1s" else "2s" end)`,
  },
  status: `${podPrelude}
{{ $exit := get (dict "crashloop" 1 "oom-killed" 137 "fail" 1 "succeed" 0) $behavior }}
{{ $reason := get (dict "crashloop" "Error" "oom-killed" "OOMKilled" "fail" "Error" "succeed" "Completed") $behavior }}
{{ $policy := default "Always" .spec.restartPolicy }}
{{ $phase := "Running" }}
{{ if and (eq $exit 0) (ne $policy "Always") }}{{ $phase = "Succeeded" }}{{ end }}
{{ if and (ne $exit 0) (eq $policy "Never") }}{{ $phase = "Failed" }}{{ end }}
{{ $final := ne $phase "Running" }}
{{ $why := ternary "PodCompleted" "ContainersNotReady" $final }}
phase: {{ $phase }}
containerStatuses:
{{ range .status.containerStatuses }}
{{ $s := deepCopy . }}
{{ $_ := set $s "state" (dict "terminated" (dict "exitCode" $exit "reason" $reason "startedAt" .state.running.startedAt "finishedAt" $now "containerID" .containerID)) }}
{{ $_ := set $s "ready" false }}
{{ $_ := set $s "started" false }}
- {{ toJson $s }}
{{ end }}
conditions:
${condition('ContainersReady', '"False"', '$why', '(ternary nil $unready $final)')}
${condition('Ready', '"False"', '$why', '(ternary nil $unready $final)')}
{{ if $final }}
${condition('PodReadyToStartContainers', '"False"')}
{{ end }}
`,
});
