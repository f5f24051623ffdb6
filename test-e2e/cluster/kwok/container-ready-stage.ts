import { stage } from './stage.ts';
import { allContainers, annotationDuration, behaviorIn, notDeleting, phaseIs, podNotReady } from './pod-queries.ts';
import { condition, podPrelude } from './pod-templates.ts';

/** `ready` pods pass their readiness probe `kubetrack.test/ready-after` (default 1s) after starting */
export const containerReadyStage = stage({
  name: 'container-ready',
  kind: 'Pod',
  when: [notDeleting, phaseIs('Running'), behaviorIn('ready'), allContainers('running'), podNotReady],
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
