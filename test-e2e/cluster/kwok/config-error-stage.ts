import { stage } from './stage.ts';
import { podEvent } from './pod-event.ts';
import { behaviorIn, containersNotStarted, initContainersDone, notDeleting, phaseIs } from './pod-queries.ts';
import { missingConfigOf, waitingStatus } from './pod-templates.ts';

/**
 * The containers cannot be created because configuration they reference is missing
 * (CreateContainerConfigError). The message names the first Secret/ConfigMap the container
 * references, else `secret "<container>-config" not found`.
 */
export const configErrorStage = stage({
  name: 'container-config-error',
  kind: 'Pod',
  when: [notDeleting, phaseIs('Pending'), behaviorIn('config-error'), initContainersDone, containersNotStarted],
  delay: { defaultMs: 300 },
  status: waitingStatus('CreateContainerConfigError', () => '$missing', missingConfigOf('$c')),
  creates: [podEvent({ type: 'Warning', reason: 'Failed', setup: missingConfigOf('$c'), message: 'printf "Error: %s" $missing' })],
});
