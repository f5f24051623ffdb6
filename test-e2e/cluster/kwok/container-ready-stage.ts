import { stage } from './stage.ts';
import { allContainers, annotationDuration, behaviorIn, notDeleting, phaseIs, podNotReady, recoveredFromCrashes } from './pod-queries.ts';
import { condition, podPrelude } from './pod-templates.ts';

/**
 * `ready` pods (and crashloop pods whose `kubetrack.test/crash-times` are used up) pass their
 * readiness probe `kubetrack.test/ready-after` (default 1s) after starting
 */
export const containerReadyStage = stage({
  name: 'container-ready',
  kind: 'Pod',
  when: [notDeleting, phaseIs('Running'), `((${behaviorIn('ready')}) or ((${behaviorIn('crashloop')}) and ${recoveredFromCrashes}))`, allContainers('running'), podNotReady],
  delay: { defaultMs: 1000, fromJq: annotationDuration('ready-after') },
  status: `${podPrelude}
containerStatuses:
{{ range .status.containerStatuses }}
- {{ toJson (set (deepCopy .) "ready" true) }}
{{ end }}
conditions:
${condition('ContainersReady', '"True"')}
${condition('Ready', '"True"')}
`,
});
