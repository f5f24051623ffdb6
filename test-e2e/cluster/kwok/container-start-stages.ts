import { stage } from './stage.ts';
import { podEvent } from './pod-event.ts';
import { behaviorIn, containersNotStarted, initContainersDone, notDeleting, phaseIs } from './pod-queries.ts';
import { condition, containerId, imageId, podAddresses, podPrelude } from './pod-templates.ts';

/**
 * The main containers start: phase Running, each container running with a fresh containerID.
 * Run-to-completion pods (succeed/fail) are Ready at once, like a container without a readiness
 * probe; the others wait for container-ready (ready-after) or never get there (never-ready).
 */
const startedStatus = `${podPrelude}
{{ $readyNow := has $behavior (list "succeed" "fail") }}
{{ $readyStatus := ternary "True" "False" $readyNow }}
phase: Running
${podAddresses}
containerStatuses:
{{ range $c := .spec.containers }}
- {{ toJson (dict "name" $c.name "image" $c.image "imageID" ${imageId('$c.image')} "containerID" ${containerId('$c.name', '0')} "ready" $readyNow "started" true "restartCount" 0 "state" (dict "running" (dict "startedAt" $now))) }}
{{ end }}
conditions:
${condition('PodReadyToStartContainers', '"True"')}
${condition('Initialized', '"True"')}
${condition('ContainersReady', '$readyStatus', '(ternary nil "ContainersNotReady" $readyNow)', '(ternary nil $unready $readyNow)')}
${condition('Ready', '$readyStatus', '(ternary nil "ContainersNotReady" $readyNow)', '(ternary nil $unready $readyNow)')}
`;

const startWhen = [notDeleting, phaseIs('Pending'), initContainersDone, containersNotStarted];
const startDelay = { defaultMs: 200 };

export const containerStartStage = stage({
  name: 'container-start',
  kind: 'Pod',
  when: [...startWhen, behaviorIn('ready', 'crashloop', 'oom-killed', 'succeed', 'fail')],
  delay: startDelay,
  status: startedStatus,
});

/** never-ready: running, and the readiness probe fails, which the kubelet reports as Unhealthy */
export const containerStartNeverReadyStage = stage({
  name: 'container-start-never-ready',
  kind: 'Pod',
  when: [...startWhen, behaviorIn('never-ready')],
  delay: startDelay,
  status: startedStatus,
  creates: [
    podEvent({
      type: 'Warning',
      reason: 'Unhealthy',
      message: '"Readiness probe failed: HTTP probe failed with statuscode: 503"',
    }),
  ],
});
