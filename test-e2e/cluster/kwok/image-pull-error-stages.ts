import { stage } from './stage.ts';
import { podEvent } from './pod-event.ts';
import { anyContainerWaiting, behaviorIn, containersNotStarted, initContainersDone, notDeleting, phaseIs } from './pod-queries.ts';
import { waitingStatus } from './pod-templates.ts';

const pullError = (image: string) =>
  `(printf "failed to pull and unpack image %q: failed to resolve reference %q: %s: not found" ${image} ${image} ${image})`;


/** the pull fails (ErrImagePull); retried every 2s after ImagePullBackOff, as the kubelet retries */
export const imagePullFailedStage = stage({
  name: 'image-pull-failed',
  kind: 'Pod',
  when: [
    notDeleting,
    phaseIs('Pending'),
    behaviorIn('image-pull-error'),
    initContainersDone,
    `(${containersNotStarted}) or (${anyContainerWaiting('ImagePullBackOff')})`,
  ],
  delay: { defaultMs: 300, fromJq: `if ${anyContainerWaiting('ImagePullBackOff')} then "2s" else "300ms" end` },
  status: waitingStatus('ErrImagePull', pullError),
  creates: [
    podEvent({
      type: 'Warning',
      reason: 'Failed',
      message: `printf "Failed to pull image %q: rpc error: code = NotFound desc = %s" $c.image ${pullError('$c.image')}`,
    }),
    podEvent({ type: 'Warning', reason: 'Failed', message: '"Error: ErrImagePull"' }),
  ],
});

/** ErrImagePull turns into ImagePullBackOff, as the kubelet reports between pull attempts */
export const imagePullBackOffStage = stage({
  name: 'image-pull-back-off',
  kind: 'Pod',
  when: [notDeleting, phaseIs('Pending'), behaviorIn('image-pull-error'), anyContainerWaiting('ErrImagePull')],
  delay: { defaultMs: 300 },
  status: waitingStatus('ImagePullBackOff', (image) => `(printf "Back-off pulling image %q: ErrImagePull: %s" ${image} ${pullError(image)})`),
  creates: [
    podEvent({ type: 'Normal', reason: 'BackOff', message: 'printf "Back-off pulling image %q" $c.image' }),
    podEvent({ type: 'Warning', reason: 'Failed', message: '"Error: ImagePullBackOff"' }),
  ],
});
